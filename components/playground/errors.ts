import type { CombinedError } from "urql";

/** A failed request as the page shows it: the table code, the server's own words, and the field it names. */
export interface ShownError {
  code: string;
  message: string;
  /** `extensions.field` of INVALID_INPUT, e.g. "options.duration" or "input.text". */
  field?: string;
}

export function shownError(error: CombinedError): ShownError {
  const first = error.graphQLErrors[0];
  if (!first) return { code: "NETWORK", message: "Could not reach the server. Check your connection and try again." };
  const { code, field } = first.extensions as { code?: unknown; field?: unknown };
  return {
    code: typeof code === "string" ? code : "INTERNAL",
    message: first.message,
    field: typeof field === "string" ? field : undefined,
  };
}

/** "INSUFFICIENT_CREDITS — This generation costs 6 credits; 2 are available". */
export function errorText(e: { code: string; message: string }): string {
  return `${e.code} — ${e.message}`;
}
