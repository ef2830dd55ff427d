/** "1 credit", "20 credits", "from 1 credit". */
export function formatCredits(n: number, from = false): string {
  return `${from ? "from " : ""}${n.toLocaleString("en-US")} ${n === 1 ? "credit" : "credits"}`;
}

/** Typical wait in the unit a person would use: "~8 s", "~2.5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `~${seconds} s`;
  const minutes = Math.round((seconds / 60) * 2) / 2;
  return `~${minutes} min`;
}

/** Plan limits: null means no limit at all. */
export function formatLimit(value: number | null): string {
  return value === null ? "Unlimited" : value.toLocaleString("en-US");
}
