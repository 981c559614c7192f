/** Saves a blob as a file through an `<a download>`: a browser download, and Electron's save dialog. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the URL is released a moment later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const downloadText = (content: string, mime: string, filename: string): void => downloadBlob(new Blob([content], { type: mime }), filename);
