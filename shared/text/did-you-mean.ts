/** How many candidates are compared at most: a did-you-mean must never cost more than the build. */
const MAX_CANDIDATES = 20_000;

/**
 * The candidate closest to what was written (edit distance, case-insensitive), when it is close
 * enough to be a plausible typo: at most a third of the longer string's length.
 */
export function closestMatch(written: string, candidates: Iterable<string>): string | undefined {
  const wanted = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    const limit = Math.min(bestDistance - 1, Math.ceil(Math.max(wanted.length, candidate.length) / 3));
    const distance = boundedDistance(wanted, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, or Infinity as soon as it must exceed `limit` (keeps each comparison cheap). */
function boundedDistance(a: string, b: string, limit: number): number {
  if (limit < 0 || Math.abs(a.length - b.length) > limit) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
    previous = current;
  }
  return previous[b.length] <= limit ? previous[b.length] : Number.POSITIVE_INFINITY;
}
