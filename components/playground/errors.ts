"use client";

import type { CombinedError } from "urql";
import { errorParts, useApiError } from "@/components/i18n/api-error";

/** A failed request as the page keeps it: the table code and the field it names (`extensions.field`). */
export interface ShownError {
  code: string;
  /** `extensions.field` of INVALID_INPUT, e.g. "options.duration" or "input.text". */
  field?: string;
}

export function shownError(error: CombinedError): ShownError {
  return errorParts(error);
}

/** "INSUFFICIENT_CREDITS — Not enough credits…": the code for developers, the words in the reader's language. */
export function useErrorText(): (e: ShownError) => string {
  const readable = useApiError();
  return (e) => (e.code === "NETWORK" ? (readable(e) ?? "") : `${e.code} — ${readable(e) ?? ""}`);
}
