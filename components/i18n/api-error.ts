"use client";

import { useTranslations } from "next-intl";

/** What the dashboard gets back from a failed call: urql's CombinedError, or a plain route's `{ code, field }`. */
interface FailedCall {
  message?: string;
  networkError?: unknown;
  graphQLErrors?: { extensions: Record<string, unknown> }[];
  code?: string;
  field?: string;
}

/** The machine-readable parts of a failure: `extensions.code` and `extensions.field`, never the English text. */
export function errorParts(error: FailedCall): { code: string; field?: string; reason?: string } {
  if (error.code) return { code: error.code, field: error.field };
  const first = error.graphQLErrors?.[0];
  if (first) {
    const { code, field, reason } = first.extensions as { code?: unknown; field?: unknown; reason?: unknown };
    return {
      code: typeof code === "string" ? code : "INTERNAL",
      field: typeof field === "string" ? field : undefined,
      reason: typeof reason === "string" ? reason : undefined,
    };
  }
  return { code: "NETWORK" };
}

/**
 * A failed call in the reader's language. The API's messages stay English (they are for developers); the words
 * shown here come from the catalogs by `code` and `field`, so a Russian page never shows an English sentence.
 */
export function useApiError(): (error: FailedCall | undefined) => string | undefined {
  const t = useTranslations("apiErrors");
  return (error) => {
    if (!error) return undefined;
    const { code, field, reason } = errorParts(error);
    if (code === "INVALID_INPUT" && field) {
      if (t.has(`fieldMessages.${field}`)) return t(`fieldMessages.${field}`);
      const option = field.startsWith("options.") ? field.slice("options.".length) : undefined;
      const label = t.has(`fields.${field}`) ? t(`fields.${field}`) : (option ?? field);
      if (reason && t.has(`reasons.${reason}`)) return t(`reasons.${reason}`, { field: label });
      return t("INVALID_INPUT_field", { field: label });
    }
    return t.has(code) ? t(code) : t("unknown");
  };
}
