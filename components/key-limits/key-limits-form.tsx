"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { GENERATION_TYPES } from "@/components/graphql/enums";
import { type ApiKeyFieldsFragment as ApiKey, type GenerationType, type KeyScope, type KeySpendPeriod as Period, UpdateApiKeyLimitsDocument } from "@/components/graphql/generated";
import { buttonClass, inputClass } from "@/components/dashboard/ui/card";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";

const SCOPES: KeyScope[] = ["generate", "read", "webhooks"];
const PERIODS: Period[] = ["DAY", "MONTH", "TOTAL"];

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** Every limit of one key; an empty field clears that limit. The server checks them (a key's rpm below the plan's…). */
export function KeyLimitsForm({ apiKey: k, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const t = useTranslations("keyLimits");
  const readableError = useApiError();
  const [cap, setCap] = useState(k.spendCap?.toString() ?? "");
  const [period, setPeriod] = useState<Period>(k.spendPeriod ?? "MONTH");
  const [rpm, setRpm] = useState(k.rpmLimit?.toString() ?? "");
  const [expires, setExpires] = useState(k.expiresAt ? k.expiresAt.slice(0, 10) : "");
  const [scopes, setScopes] = useState<KeyScope[]>(k.scopes);
  const [types, setTypes] = useState<GenerationType[]>(k.allowedTypes);
  const [providers, setProviders] = useState(k.allowedProviders.join(", "));
  const [{ fetching, error }, update] = useMutation(UpdateApiKeyLimitsDocument);
  const id = (name: string) => `${name}-${k.id}`;
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const spendCap = numberOrNull(cap);
    const limits = {
      spendCap,
      spendPeriod: spendCap === null ? null : period,
      rpmLimit: numberOrNull(rpm),
      // The end of the chosen day in UTC: a key set to expire "on the 5th" works through the 5th.
      expiresAt: expires ? `${expires}T23:59:59.999Z` : null,
      scopes,
      allowedTypes: types,
      allowedProviders: providers
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    };
    const result = await update({ id: k.id, limits });
    if (!result.error) onDone();
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2 space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3" aria-label={t("formLabel", { name: k.name })}>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={id("cap")} className="block text-xs font-medium text-slate-700">
            {t("spendCap")}
          </label>
          <input
            id={id("cap")}
            type="number"
            min={1}
            inputMode="numeric"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            placeholder={t("none")}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor={id("period")} className="block text-xs font-medium text-slate-700">
            {t("periodLabel")}
          </label>
          <select id={id("period")} value={period} onChange={(e) => setPeriod(e.target.value as Period)} className={`mt-1 ${inputClass}`}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`periodOption.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("rpm")} className="block text-xs font-medium text-slate-700">
            {t("rpm")}
          </label>
          <input
            id={id("rpm")}
            type="number"
            min={1}
            inputMode="numeric"
            value={rpm}
            onChange={(e) => setRpm(e.target.value)}
            placeholder={t("planLimit")}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor={id("expires")} className="block text-xs font-medium text-slate-700">
            {t("expiresLabel")}
          </label>
          <input id={id("expires")} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} className={`mt-1 ${inputClass}`} />
        </div>
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">{t("scopes")}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => setScopes(toggle(scopes, s))} className="accent-indigo-600" />
              {t(`scope.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">{t("types")}</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {GENERATION_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={types.includes(type)} onChange={() => setTypes(toggle(types, type))} className="accent-indigo-600" />
              {type}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={id("providers")} className="block text-xs font-medium text-slate-700">
          {t("providers")}
        </label>
        <input id={id("providers")} value={providers} onChange={(e) => setProviders(e.target.value)} placeholder={t("anyProvider")} className={`mt-1 ${inputClass}`} />
      </div>
      {error ? <ErrorNotice title={t("notSaved")} message={readableError(error)} /> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={fetching} className={buttonClass.primary}>
          {fetching ? t("saving") : t("save")}
        </button>
        <button type="button" onClick={onDone} className={buttonClass.secondary}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
