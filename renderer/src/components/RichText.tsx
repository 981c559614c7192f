/**
 * Plain text from the core in which `backticks` mark a command or path: shown as code, so
 * "run `sudo systemctl start docker`" reads as a command to copy. Nothing else is interpreted.
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  // An unmatched backtick leaves an even number of parts; show such text as it came.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>;
}
