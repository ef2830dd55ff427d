"use client";

import { useTranslations } from "next-intl";
import { GENERATION_TYPES as TYPES } from "@/components/graphql/enums";
import type { GenerationType } from "@/components/graphql/generated";

/** The four content types as tabs; switching resets provider and options, which differ per type. */
export function TypeTabs({ value, onChange }: { value: GenerationType; onChange: (t: GenerationType) => void }) {
  const t = useTranslations("playground");
  return (
    <div role="tablist" aria-label={t("contentType")} className="inline-flex rounded-xl bg-slate-100 p-1">
      {TYPES.map((type) => {
        const selected = type === value;
        return (
          <button
            key={type}
            type="button"
            role="tab"
            aria-selected={selected}
            data-type={type}
            onClick={() => onChange(type)}
            className={`rounded-lg px-4 py-1.5 text-sm font-medium transition ${selected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {t(`types.${type}`)}
          </button>
        );
      })}
    </div>
  );
}
