/** An ISO timestamp as a local time of day, e.g. "14:03:27". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
