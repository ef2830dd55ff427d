import { getFormatter, getTranslations } from "next-intl/server";
import type { ProviderOverview } from "@/lib/routing/provider-overview";

const STATE_TONE = { ENABLED: "bg-emerald-100 text-emerald-800", DISABLED: "bg-rose-100 text-rose-800", TEST_ONLY: "bg-amber-100 text-amber-800" } as const;
const CIRCUIT_TONE = { closed: "bg-emerald-100 text-emerald-800", open: "bg-rose-100 text-rose-800", half_open: "bg-amber-100 text-amber-800" } as const;
const input = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none";
const label = "block text-xs font-medium text-slate-600";

/** One provider in the console: its switches, circuit and live numbers, with the forms that change them. */
export async function ProviderCard({ provider }: { provider: ProviderOverview }) {
  const t = await getTranslations("opsProviders");
  const format = await getFormatter();
  const state = provider.switch?.state ?? "ENABLED";
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 1 });
  return (
    <section data-testid={`provider-${provider.id}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-baseline gap-2">
        <h2 className="font-semibold text-slate-900">{provider.name}</h2>
        <span className="font-mono text-xs text-slate-500">{provider.id}</span>
        <span className="ml-auto flex gap-1.5">
          <span data-testid="switch-state" className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATE_TONE[state]}`}>
            {t(`states.${state}`)}
          </span>
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${CIRCUIT_TONE[provider.circuit]}`}>
            {t(`circuit.${provider.circuit}`)}
            {provider.circuitForced ? ` · ${t("circuit.forced")}` : ""}
          </span>
        </span>
      </header>
      <p className="mt-1 text-xs text-slate-500">
        {provider.types.map((type) => t(`types.${type}`)).join(" · ")} · {provider.configured ? t("configured") : t("notConfigured")}
      </p>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className={label}>{t("faultRate")}</dt>
          <dd className="font-medium text-slate-900">
            {provider.recentCalls ? t("faultRateValue", { rate: percent(provider.faultRate), calls: provider.recentCalls }) : t("noCalls")}
          </dd>
        </div>
        <div>
          <dt className={label}>{t("errorRate")}</dt>
          <dd className="font-medium text-slate-900">
            {provider.errorRate === null ? t("noRuns") : t("errorRateValue", { rate: percent(provider.errorRate), runs: provider.finished })}
          </dd>
        </div>
        <div>
          <dt className={label}>{t("p50")}</dt>
          <dd className="font-medium text-slate-900">
            {provider.types.map((type) => {
              const p50 = provider.p50Seconds[type];
              return (
                <span key={type} className="block">
                  {provider.types.length > 1 ? `${t(`types.${type}`)}: ` : ""}
                  {p50 == null ? t("noHistory") : t("p50Value", { seconds: format.number(p50, { maximumFractionDigits: 1 }) })}
                </span>
              );
            })}
          </dd>
        </div>
      </dl>
      {provider.switch && state !== "ENABLED" ? (
        <p className="mt-3 rounded-md bg-slate-50 p-2 text-xs text-slate-600">
          {t("lastChange", { operator: provider.switch.updatedBy, reason: provider.switch.reason })}
          {provider.switch.publicMessage ? ` · ${t("publicMessageShown", { message: provider.switch.publicMessage })}` : ""}
        </p>
      ) : null}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700">{t("change")}</summary>
        <div className="mt-3 space-y-4">
          <SwitchForm provider={provider.id} model="" current={state} title={t("providerSwitch")} />
          <form method="post" action="/ops/api/providers/circuit" className="grid gap-2 sm:grid-cols-3" data-testid="circuit-form">
            <input type="hidden" name="provider" value={provider.id} />
            <input type="hidden" name="back" value="/ops/providers" />
            <p className="text-xs font-semibold text-slate-700 sm:col-span-3">{t("circuitTitle")}</p>
            <select
              name="circuit"
              aria-label={t("circuitTitle")}
              defaultValue={provider.circuitForced ? (provider.circuit === "open" ? "FORCED_OPEN" : "FORCED_CLOSED") : "AUTO"}
              className={input}
            >
              {(["AUTO", "FORCED_OPEN", "FORCED_CLOSED"] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`overrides.${c}`)}
                </option>
              ))}
            </select>
            <input name="reason" required aria-label={t("reason")} placeholder={t("reason")} className={input} />
            <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">
              {t("apply")}
            </button>
          </form>
          {provider.models.map((model) => (
            <SwitchForm key={model.id} provider={provider.id} model={model.id} current={model.switch?.state ?? "ENABLED"} title={t("modelSwitch", { model: model.id })} />
          ))}
        </div>
      </details>
    </section>
  );
}

async function SwitchForm({ provider, model, current, title }: { provider: string; model: string; current: keyof typeof STATE_TONE; title: string }) {
  const t = await getTranslations("opsProviders");
  return (
    <form method="post" action="/ops/api/providers/switch" className="grid gap-2 sm:grid-cols-2" data-testid={model ? `model-form-${model}` : "switch-form"}>
      <input type="hidden" name="provider" value={provider} />
      <input type="hidden" name="model" value={model} />
      <input type="hidden" name="back" value="/ops/providers" />
      <p className="text-xs font-semibold text-slate-700 sm:col-span-2">{title}</p>
      <select name="state" aria-label={t("state")} defaultValue={current} className={input}>
        {(["ENABLED", "DISABLED", "TEST_ONLY"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`states.${s}`)}
          </option>
        ))}
      </select>
      <input name="publicMessage" maxLength={300} aria-label={t("publicMessage")} placeholder={t("publicMessage")} className={input} />
      <input name="reason" required aria-label={t("reason")} placeholder={t("reason")} className={input} />
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">
        {t("apply")}
      </button>
    </form>
  );
}
