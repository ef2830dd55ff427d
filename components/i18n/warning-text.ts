import { useLocale, useTranslations } from "next-intl";
import type { WarningFieldsFragment } from "@/components/graphql/generated";
import { useFormat } from "./format";

/** A warning as the API gives it in `warningDetails` (lib/providers/warnings.ts), selected by WarningFields. */
export type ShownWarning = WarningFieldsFragment;

/**
 * A warning in the reader's language, worded from its code and facts — never from the English sentence. Two
 * exceptions keep the API's sentence: NOTICE (and a code newer than this page), which has no facts to word; and
 * OPTION_ADJUSTED in English, where the sentence is the model rule's own, more precise wording of the same thing.
 */
export function useWarningText(): (warning: ShownWarning) => string {
  const t = useTranslations("warnings");
  const locale = useLocale();
  const format = useFormat();
  return (w) => {
    const facts = { field: w.field ?? "", provider: w.provider ?? "", value: w.value ?? "", used: w.used ?? "" };
    // params is JSON in the schema; the codes that carry it give counts and dates (lib/providers/warnings.ts).
    const p = (w.params ?? {}) as Record<string, string | number>;
    switch (w.code) {
      case "OPTION_IGNORED":
      case "OPTION_APPROXIMATED":
      case "PRESET_MATCHED":
      case "VOICE_FOR_LANGUAGE":
      case "BACKGROUND_AS_COLOUR":
        return t(w.code, facts);
      case "VALUE_UNAVAILABLE":
        return t(w.used ? "VALUE_UNAVAILABLE" : "VALUE_UNAVAILABLE_leftOut", facts);
      case "OPTION_ADJUSTED":
        if (locale === "en") return w.message;
        return w.field ? t("OPTION_ADJUSTED", facts) : t("OPTION_ADJUSTED_options", facts);
      case "MODEL_DEPRECATED": {
        const sunset = typeof p.sunsetAt === "string" ? format.date(p.sunsetAt) : null;
        const head = sunset ? t("MODEL_DEPRECATED_sunset", { ...facts, date: sunset }) : t("MODEL_DEPRECATED", facts);
        return typeof p.successor === "string" ? `${head} ${t("MODEL_DEPRECATED_successor", { successor: p.successor })}` : head;
      }
      case "PARTIAL_OUTPUTS":
        return t("PARTIAL_OUTPUTS", {
          made: Number(p.made ?? 0),
          asked: Number(p.asked ?? 0),
          charged: format.credits(Number(p.charged ?? 0)),
          released: format.credits(Number(p.released ?? 0)),
        });
      default:
        return w.message;
    }
  };
}
