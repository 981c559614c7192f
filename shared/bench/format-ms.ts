/** 0.4321 → "0.432 ms", 12.345 → "12.3 ms", 2345 → "2.35 s": three significant digits, as latency tools print them (the Runs page's one format, which its tests read back). */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms >= 100 ? Math.round(ms) : ms.toPrecision(3)} ms`;
}
