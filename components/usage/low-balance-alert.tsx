"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Card, buttonClass, inputClass } from "@/components/dashboard/ui/card";
import { ErrorNotice } from "@/components/dashboard/ui/states";
import { LowBalanceThresholdDocument, SetLowBalanceThresholdDocument } from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";

/** The balance below which the account gets a mail and an account.low_balance webhook (once per crossing). */
export function LowBalanceAlert() {
  const t = useTranslations("usage");
  const readableError = useApiError();
  const [{ data }] = useQuery({ query: LowBalanceThresholdDocument });
  const [value, setValue] = useState("");
  const [saved, setSaved] = useState(false);
  const [{ fetching, error }, save] = useMutation(SetLowBalanceThresholdDocument);
  const stored = data?.me.lowBalanceThreshold;
  useEffect(() => setValue(stored == null ? "" : String(stored)), [stored]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await save({ credits: value.trim() === "" ? null : Number(value) });
    if (!result.error) setSaved(true);
  }

  return (
    <Card title={t("alertTitle")}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-end gap-3" aria-label={t("alertTitle")}>
        <div>
          <label htmlFor="low-balance" className="block text-xs font-medium text-slate-700">
            {t("threshold")}
          </label>
          <input
            id="low-balance"
            type="number"
            min={1}
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={t("noAlert")}
            className={`mt-1 w-48 ${inputClass}`}
          />
        </div>
        <button type="submit" disabled={fetching} className={buttonClass.primary}>
          {fetching ? t("saving") : t("save")}
        </button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            {t("saved")}
          </p>
        ) : null}
      </form>
      <p className="mt-2 text-xs text-slate-500">{t("alertHelp")}</p>
      {error ? <ErrorNotice title={t("notSaved")} message={readableError(error)} /> : null}
    </Card>
  );
}
