/**
 * Byte counts as people read them, one convention everywhere (CLI, core's logs and errors, the
 * app): IEC binary units, labelled as such. Docker and the kernel count in powers of 1024, so
 * "MB" for 1024² would be wrong by 5 % (and by 7 % at GiB). Pure: main, the CLI and the renderer share it.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 512 → "512 B", 12595 → "12.3 KiB", 2147483648 → "2.0 GiB"; not a count (NaN, negative) → "unknown". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  let unit = 0;
  let value = bytes;
  // Round first, then pick the unit: 1048575 is "1.0 MiB", never "1024.0 KiB".
  while (unit < UNITS.length - 1 && (unit === 0 ? Math.round(value) : Number(value.toFixed(1))) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Bytes per second: "45.2 MiB/s". */
export const formatRate = (bytesPerSecond: number): string => `${formatBytes(bytesPerSecond)}/s`;
