"use client";

import type { ProviderOption } from "./api";
import { stepFor } from "./option-values";
import { INPUT, INPUT_INVALID } from "./styles";

interface Props {
  option: ProviderOption;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}


/** One control per option, chosen by the option's declared type: the catalog's data decides the form. */
export function OptionField({ option: o, value, error, onChange }: Props) {
  const id = `opt-${o.name}`;
  const help = `${id}-help`;
  const invalid = error ? `${INPUT} ${INPUT_INVALID}` : INPUT;
  const label = (
    <span className="flex items-baseline gap-1 text-sm font-medium text-slate-800">
      <code className="font-mono text-[0.8rem]">{o.name}</code>
      {o.required ? (
        <span className="text-rose-600" title="Required">
          *<span className="sr-only"> (required)</span>
        </span>
      ) : null}
      <span className="ml-auto text-xs font-normal text-slate-400">{o.type.toLowerCase()}</span>
    </span>
  );

  if (o.type === "BOOLEAN") {
    return (
      <div data-option={o.name} className="flex items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={help} className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500" />
        <label htmlFor={id} className="min-w-0 flex-1">
          {label}
          <span id={help} className="block text-xs text-slate-500">{o.description}</span>
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
            {o.required ? null : <option value="">{o.default === null ? "None" : "Default"}</option>}
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
            placeholder={o.name === "seed" ? "Random" : o.default === null ? "" : String(o.default)}
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
