"use client";

import { useTranslations } from "next-intl";
import { useProviderCopy } from "@/components/i18n/provider-copy";
import type { GenerationType, PlaygroundProviderFragment as Provider, ProviderOptionFieldsFragment as ProviderOption } from "@/components/graphql/generated";
import { OptionField } from "./option-field";
import type { DraftValues } from "./option-values";

interface Props {
  type: GenerationType;
  /** The type's unified options: the same fields whatever the provider. */
  unified: ProviderOption[];
  provider: Provider | null;
  /** Set in Auto mode: the treatments shown are those of the provider the estimate would pick. */
  autoPicked: boolean;
  draft: DraftValues;
  advanced: DraftValues;
  fieldError: { field: string; text: string } | null;
  onChange: (name: string, value: string | boolean) => void;
  onAdvanced: (name: string, value: string | boolean) => void;
  onReset: () => void;
}

/**
 * The unified form (one vocabulary for every provider of the type), each field marked with how the chosen
 * provider treats it, and an "advanced" section with that provider's own options, sent as providerOptions.
 * Nothing here knows any provider by name: the catalog's data decides the form.
 */
export function OptionsForm({ type, unified, provider, autoPicked, draft, advanced, fieldError, onChange, onAdvanced, onReset }: Props) {
  const t = useTranslations("playground");
  const copy = useProviderCopy();
  if (!provider) {
    return <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">{t("choosingProvider")}</p>;
  }
  const support = new Map(provider.unifiedOptions?.map((u) => [u.name, u]));
  const own = new Map(provider.options.map((o) => [o.name, o]));
  const vendorOnly = provider.options.filter((o) => !o.unified);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.text : undefined);
  return (
    <fieldset data-testid="options-form" data-provider={provider.id}>
      <div className="flex items-baseline justify-between gap-3">
        <legend className="text-sm font-semibold text-slate-900">
          {t("options")} <span className="font-normal text-slate-500">{t("optionsSame")}</span>
        </legend>
        <button type="button" onClick={onReset} className="text-xs font-medium text-indigo-600 hover:text-indigo-500">
          {t("reset")}
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {autoPicked ? t("autoWould", { provider: provider.name }) : ""}
        {t("treatmentNote", { provider: provider.name })}
      </p>
      <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
        {unified.map((o) => {
          const native = support.get(o.name);
          // A native option shows the provider's own default and, when it lists them, its own values.
          const mine = own.get(native?.option ?? o.name);
          return (
            <OptionField
              key={o.name}
              option={{
                ...o,
                description: copy.option(null, type, o.name, o.description),
                ...(native?.treatment === "NATIVE" && mine ? { default: mine.default, allowedValues: mine.allowedValues ?? o.allowedValues } : {}),
              }}
              value={draft[o.name] ?? ""}
              treatment={native}
              error={errorFor(`options.${o.name}`)}
              onChange={(v) => onChange(o.name, v)}
            />
          );
        })}
      </div>
      {vendorOnly.length > 0 ? (
        <details data-testid="advanced-options" className="mt-5 rounded-lg border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer select-none text-sm font-medium text-slate-800">
            {t("advanced", { provider: provider.name })} <span className="font-normal text-slate-500">{t("advancedNote", { count: vendorOnly.length, id: provider.id })}</span>
          </summary>
          <div className="mt-3 grid grid-cols-1 gap-4 pb-2 sm:grid-cols-2">
            {vendorOnly.map((o) => (
              <OptionField
                key={o.name}
                option={{ ...o, description: copy.option(provider.id, type, o.name, o.description) }}
                value={advanced[o.name] ?? ""}
                error={errorFor(`providerOptions.${provider.id}.${o.name}`) ?? errorFor(`options.${o.name}`)}
                onChange={(v) => onAdvanced(o.name, v)}
              />
            ))}
          </div>
        </details>
      ) : null}
    </fieldset>
  );
}
