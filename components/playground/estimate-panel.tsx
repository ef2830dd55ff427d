"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { richTags } from "@/components/i18n/rich";
import { useWarningText } from "@/components/i18n/warning-text";
import type { PlaygroundEstimateQuery, PlaygroundProviderFragment as Provider } from "@/components/graphql/generated";

type Estimate = PlaygroundEstimateQuery["estimate"];
import { type ShownError, useErrorText } from "./errors";
import { CARD } from "./styles";

interface Props {
  estimate: Estimate | null;
  /** Errors that name no field on the form (e.g. PROVIDER_UNAVAILABLE); field errors sit next to their field. */
  error: ShownError | null;
  pending: boolean;
  providers: Provider[] | undefined;
  balance: number | null;
  canRun: boolean;
  running: boolean;
  onRun: () => void;
}

/** The price before the click: provider, credits and time as the server would charge them, and the Run button. */
export function EstimatePanel({ estimate, error, pending, providers, balance, canRun, running, onRun }: Props) {
  const t = useTranslations("playground");
  const format = useFormat();
  const warningText = useWarningText();
  const errorText = useErrorText();
  const chosen = estimate ? providers?.find((p) => p.id === estimate.provider) : undefined;
  const short = estimate !== null && balance !== null && estimate.creditCost > balance;
  return (
    <section aria-label={t("estimate")} data-testid="estimate" aria-busy={pending} className={CARD}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">{t("estimate")}</h2>
        <span className={`text-xs text-slate-400 transition-opacity ${pending ? "opacity-100" : "opacity-0"}`} aria-hidden={!pending}>
          {t("updating")}
        </span>
      </div>
      {error && !error.field ? (
        <p role="alert" data-testid="estimate-error" className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-600/15 ring-inset">
          {errorText(error)}
        </p>
      ) : error ? (
        <p className="mt-3 text-sm text-rose-700">
          {t.rich("fixToSee", { ...richTags("font-mono text-[0.85em]"), field: (error.field ?? "").replace(/^options\.|^input\./, "") })}
        </p>
      ) : estimate ? (
        <dl className={`mt-3 grid grid-cols-2 gap-3 transition-opacity sm:grid-cols-3 ${pending ? "opacity-60" : ""}`}>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-xs text-slate-500">{t("provider")}</dt>
            <dd data-testid="estimate-provider" data-provider={estimate.provider} className="truncate text-sm font-medium text-slate-900">
              {chosen?.name ?? estimate.provider}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("cost")}</dt>
            <dd data-testid="estimate-credits" className="text-lg font-semibold text-slate-900 tabular-nums">
              {format.credits(estimate.creditCost)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("time")}</dt>
            <dd data-testid="estimate-time" className="text-lg font-semibold text-slate-900 tabular-nums">
              {format.duration(estimate.estimatedTime)}
            </dd>
          </div>
          {estimate.warnings.length > 0 ? (
            <div className="col-span-2 sm:col-span-3">
              <dt className="text-xs text-slate-500">{t("howApplied")}</dt>
              <dd>
                <ul data-testid="estimate-warnings" className="mt-1 space-y-1 text-xs text-amber-800">
                  {estimate.warningDetails.map((w) => (
                    <li key={w.message} data-code={w.code}>
                      {warningText(w)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <div className="mt-3 h-12 motion-safe:animate-pulse rounded-lg bg-slate-100" aria-label={t("loadingEstimate")} />
      )}
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onRun}
          disabled={!canRun || running}
          className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm shadow-indigo-600/20 transition hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:shadow-none"
        >
          {running ? t("starting") : t("run")}
        </button>
        {balance !== null ? (
          <p data-testid="balance" className={`text-sm ${short ? "text-amber-700" : "text-slate-500"}`}>
            {t.rich("balance", { credits: format.credits(balance), b: (chunks) => <span className="font-medium tabular-nums">{chunks}</span> })}
            {short ? t("notEnough") : ""}
          </p>
        ) : null}
      </div>
    </section>
  );
}
