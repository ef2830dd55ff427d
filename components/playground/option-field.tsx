"use client";

import { useTranslations } from "next-intl";
import type { PlaygroundProviderFragment, ProviderOptionFieldsFragment as ProviderOption } from "@/components/graphql/generated";

type UnifiedOptionSupport = PlaygroundProviderFragment["unifiedOptions"][number];
import { stepFor, valueText } from "./option-values";
import { INPUT, INPUT_INVALID } from "./styles";

interface Props {
  option: ProviderOption;
  value: string | boolean;
  /** How the chosen provider treats this unified option (absent for a provider's own options). */
  treatment?: UnifiedOptionSupport;
  error?: string;
  onChange: (value: string | boolean) => void;
}

/** One control per option, chosen by the option's declared type: the catalog's data decides the form. */
const TREATMENT_STYLE = {
  NATIVE: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  APPROXIMATED: "bg-amber-50 text-amber-800 ring-amber-600/20",
  IGNORED: "bg-slate-100 text-slate-500 ring-slate-500/20",
} as const;

export function OptionField({ option: o, value, treatment, error, onChange }: Props) {
  const t = useTranslations("playground");
  const id = `opt-${o.name}`;
  const help = `${id}-help`;
  const invalid = error ? `${INPUT} ${INPUT_INVALID}` : INPUT;
  const label = (
    <span className="flex items-baseline gap-1 text-sm font-medium text-slate-800">
      <code className="font-mono text-[0.8rem]">{o.name}</code>
      {o.required ? (
        <span className="text-rose-600" title={t("required")}>
          *<span className="sr-only">{t("requiredSr")}</span>
        </span>
      ) : null}
      {treatment ? (
        <span
          data-treatment={treatment.treatment}
          title={treatment.note ?? undefined}
          className={`ml-auto rounded px-1.5 py-0.5 text-[0.65rem] font-medium uppercase tracking-wide ring-1 ring-inset ${TREATMENT_STYLE[treatment.treatment]}`}
        >
          {t(`treatment.${treatment.treatment}`)}
        </span>
      ) : (
        <span className="ml-auto text-xs font-normal text-slate-400">{t(`optionType.${o.type}`)}</span>
      )}
    </span>
  );

  // A unified on/off comes with allowedValues (Default / true / false) and renders as a select below.
  if (o.type === "BOOLEAN" && !o.allowedValues) {
    return (
      <div data-option={o.name} className="flex items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={help}
          className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
        />
        <label htmlFor={id} className="min-w-0 flex-1">
          {label}
          <span id={help} className="block text-xs text-slate-500">
            {o.description}
          </span>
        </label>
      </div>
    );
  }

  const text = typeof value === "string" ? value : "";
  return (
    <div data-option={o.name}>
      <label htmlFor={id}>{label}</label>
      <div className="mt-1.5">
        {o.allowedValues ? (
          <select id={id} value={text} onChange={(e) => onChange(e.target.value)} aria-describedby={help} aria-invalid={!!error} className={invalid}>
            {o.required ? null : (
              <option value="">
                {o.default === null || o.default === undefined ? (o.unified ? t("default") : t("none")) : t("defaultValue", { value: valueText(o.default) })}
              </option>
            )}
            {o.allowedValues.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type={o.type === "STRING" ? "text" : "number"}
            inputMode={o.type === "INT" ? "numeric" : o.type === "FLOAT" ? "decimal" : undefined}
            min={o.min ?? undefined}
            max={o.max ?? undefined}
            step={o.type === "STRING" ? undefined : stepFor(o)}
            placeholder={o.name === "seed" ? t("random") : o.default === null ? "" : valueText(o.default)}
            value={text}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={help}
            aria-invalid={!!error}
            className={invalid}
          />
        )}
      </div>
      <p id={help} className="mt-1 text-xs text-slate-500">
        {o.description}
        {/* A range people would type into; the seed's 0–2,147,483,647 is noise here (the catalog lists it). */}
        {o.min !== null && o.max !== null && !o.allowedValues && o.max < 1e6 ? ` · ${o.min}–${o.max}` : ""}
      </p>
      {error ? (
        <p role="alert" data-field-error={`options.${o.name}`} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
