"use client";

import type { Provider } from "./api";
import { OptionField } from "./option-field";
import type { DraftValues } from "./option-values";

interface Props {
  provider: Provider | null;
  /** Set in Auto mode: the form shows the options of the provider the estimate would pick. */
  autoPicked: boolean;
  draft: DraftValues;
  fieldError: { field: string; text: string } | null;
  onChange: (name: string, value: string | boolean) => void;
  onReset: () => void;
}

/** The provider's option list, rendered as a form; nothing here knows any provider by name. */
export function OptionsForm({ provider, autoPicked, draft, fieldError, onChange, onReset }: Props) {
  if (!provider) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">Choosing a provider…</p>;
  }
  return (
    <fieldset data-testid="options-form" data-provider={provider.id}>
      <div className="flex items-baseline justify-between gap-3">
        <legend className="text-sm font-semibold text-slate-900">
          Options <span className="font-normal text-slate-500">for {provider.name}</span>
        </legend>
        <button type="button" onClick={onReset} className="text-xs font-medium text-indigo-600 hover:text-indigo-500">
          Reset to defaults
        </button>
      </div>
      {autoPicked ? <p className="mt-1 text-xs text-slate-500">Auto would use {provider.name} for this request; its options are below.</p> : null}
      {provider.options.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">This provider takes no options.</p>
      ) : (
        <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
          {provider.options.map((o) => (
            <OptionField
              key={o.name}
              option={o}
              value={draft[o.name] ?? ""}
              error={fieldError?.field === `options.${o.name}` ? fieldError.text : undefined}
              onChange={(v) => onChange(o.name, v)}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
