/** Formatting shared by the dashboard pages. Fixed locale so every visitor reads the same shapes. */
const dateTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "just now", "5 min ago", "3 h ago", then the date. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDateTime(iso);
}

/** Seconds between two instants, as a person would say it. */
export function formatElapsed(fromIso: string, toIso: string): string {
  const s = (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000;
  if (s < 1) return "<1 s";
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return `${(s / 60).toFixed(1)} min`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** Plan limits: null means no limit at all. */
export function formatLimit(value: number | null): string {
  return value === null ? "Unlimited" : formatNumber(value);
}

/** "IMAGE" → "Image". */
export function titleCase(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/** The machine code of a GraphQL error, so pages can say "not found" rather than echo a message. */
export function errorCode(error: { graphQLErrors: { extensions: Record<string, unknown> }[] } | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions.code;
  return typeof code === "string" ? code : undefined;
}
