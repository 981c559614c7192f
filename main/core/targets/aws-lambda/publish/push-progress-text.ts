import { formatBytes, formatRate } from '../../../../../shared/text/bytes';
import { isSkipped, type PushSnapshot } from './push-progress';

/** What a push says to people: the progress line, the last line, and the fraction done. */

const layerCount = (n: number) => `${n} layer${n === 1 ? '' : 's'}`;

/** "2 layers already in the registry (2.0 GiB skipped)", or null when nothing was skipped. */
function describeSkipped(snapshot: PushSnapshot): string | null {
  if (snapshot.skippedLayers.length === 0) return null;
  const bytes = snapshot.skippedBytes === null ? '' : ` (${formatBytes(snapshot.skippedBytes)} skipped)`;
  return `${layerCount(snapshot.skippedLayers.length)} already in the registry${bytes}`;
}

/** The layers that upload and their bytes: "1 layer, 12.3 KiB of 12.3 KiB". */
function describeUpload(snapshot: PushSnapshot): string {
  const uploading = snapshot.layers.filter((l) => !isSkipped(l));
  const total = uploading.reduce((sum, l) => sum + (l.totalBytes ?? 0), 0);
  // The engine counts the tar it sends (headers included), a little over the layers' sizes: never "341.0 MiB of 332.0 MiB".
  const pushed = total > 0 ? Math.min(snapshot.bytesPushed, total) : snapshot.bytesPushed;
  return `${layerCount(uploading.length)}, ${formatBytes(pushed)}${total > 0 && pushed < total ? ` of ${formatBytes(total)}` : ''}`;
}

/** One line for a progress event: "2 layers already in the registry (2.0 GiB skipped); pushing 1 layer, 12.3 KiB of 4.0 MiB at 45.0 MiB/s". */
export function describeProgress(snapshot: PushSnapshot): string {
  const rate = snapshot.bytesPerSecond === null ? '' : ` at ${formatRate(snapshot.bytesPerSecond)}`;
  const skipped = describeSkipped(snapshot);
  const upload = `pushing ${describeUpload(snapshot)}${rate}`;
  return skipped ? `${skipped}; ${upload}` : `P${upload.slice(1)}`;
}

/** The push's last line: "Pushed HOST/REPO@DIGEST in 1.2 s: 2 layers already in the registry (2.0 GiB skipped); uploaded 1 layer, 12.3 KiB". */
export function describePushed(snapshot: PushSnapshot, imageUri: string, seconds: number): string {
  const skipped = describeSkipped(snapshot);
  return `Pushed ${imageUri} in ${seconds.toFixed(1)} s: ${skipped ? `${skipped}; ` : ''}uploaded ${describeUpload(snapshot)}`;
}

/** Fraction done by bytes of the layers that need uploading; null while their sizes are unknown. */
export function pushFraction(snapshot: PushSnapshot): number | null {
  const uploading = snapshot.layers.filter((l) => !isSkipped(l));
  if (uploading.length === 0) return snapshot.layers.length > 0 ? 1 : null;
  if (uploading.some((l) => l.totalBytes === null && l.state !== 'pushed')) return null;
  const total = uploading.reduce((sum, l) => sum + (l.totalBytes ?? l.bytesPushed), 0);
  if (total === 0) return null;
  return Math.min(1, uploading.reduce((sum, l) => sum + Math.min(l.bytesPushed, l.totalBytes ?? l.bytesPushed), 0) / total);
}
