/** One colour per run in a comparison, in order; each is distinguishable from its neighbours and reads on white. */
export const RUN_COLOURS = ['#0b57d0', '#d9480f', '#1a7f37', '#8250df', '#00838f', '#9a6700', '#c2185b', '#4b535c'];

export const runColour = (index: number): string => RUN_COLOURS[index % RUN_COLOURS.length];

/** Cold starts and errors keep one colour each when a single run is shown. */
export const COLD_COLOUR = '#d9480f';
export const ERROR_COLOUR = '#c5221f';

/** '#0b57d0' + 0.3 → 'rgba(11, 87, 208, 0.3)'. */
export function withAlpha(hex: string, alpha: number): string {
  const value = parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
