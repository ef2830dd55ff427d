"use client";

import { type GenerationType, TYPES } from "./api";

/** The four content types as tabs; switching resets provider and options, which differ per type. */
export function TypeTabs({ value, onChange }: { value: GenerationType; onChange: (t: GenerationType) => void }) {
  return (
    <div role="tablist" aria-label="Content type" className="inline-flex rounded-xl bg-slate-100 p-1">
      {TYPES.map((t) => {
        const selected = t.id === value;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={selected}
            data-type={t.id}
            onClick={() => onChange(t.id)}
            className={`rounded-lg px-4 py-1.5 text-sm font-medium transition ${
              selected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
