"use client";

import { useTranslations } from "next-intl";
import { errorParts, useApiError } from "@/components/i18n/api-error";

const REASONS = ["format", "too-short", "over-plan-maximum", "mismatch", "subscription-active", "not-finished"] as const;

/** A failed retention or deletion call in the reader's language: by the error's `reason`, else the API's table. */
export function useRetentionError(): (error: Parameters<ReturnType<typeof useApiError>>[0]) => string | undefined {
  const t = useTranslations("retention.errors");
  const readable = useApiError();
  return (error) => {
    if (!error) return undefined;
    const { reason } = errorParts(error);
    const known = REASONS.find((r) => r === reason);
    return known ? t(known) : t("failed", { message: readable(error) ?? "" });
  };
}
