import { AvailabilityBadge, PreviewFlag } from "@/components/landing/availability-badge";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { useProviderCopy } from "@/components/i18n/provider-copy";
import type { CatalogProviderFragment as Provider, GenerationType } from "@/components/graphql/generated";

type ProviderHealth = Provider["health"];
import { ModelsTable } from "./models-table";
import { OptionsTable } from "./options-table";

/** Keys the server still needs, read from the reason it gives ("… (it needs A + B, or C)."): the badge wording depends on it. */
function missingKeys(reason: string | null): string[] {
  const match = reason?.match(/needs ([^)]*)\)/);
  return match ? (match[1].match(/[A-Z][A-Z0-9_]+/g) ?? []) : [];
}

/** One provider for one content type: what it is, what it costs at defaults, and every option it takes. */
export function ProviderEntry({ provider: p, type }: { provider: Provider; type: GenerationType }) {
  const t = useTranslations("catalog");
  const format = useFormat();
  const copy = useProviderCopy();
  return (
    <article data-provider={p.id} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">
            {p.name} <code className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal text-slate-600">{p.id}</code>
          </h3>
          <p className="text-sm text-slate-500">{p.vendor}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {p.preview ? <PreviewFlag /> : null}
          <AvailabilityBadge available={p.available} unavailableReason={p.unavailableReason} missingKeys={missingKeys(p.unavailableReason)} />
        </div>
      </header>
      <p className="mt-3 text-sm leading-6 text-slate-600">{copy.description(p.id, p.description)}</p>
      <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
        <List title={t("features")} items={copy.features(p.id, p.features)} tone="text-emerald-600" mark="✓" />
        <List title={t("limitations")} items={copy.limitations(p.id, p.limitations)} tone="text-amber-600" mark="!" />
        <dl className="flex gap-6 sm:flex-col sm:gap-2 sm:text-right">
          <div>
            <dt className="text-xs text-slate-500">{t("priceAtDefaults")}</dt>
            <dd data-testid="price" className="text-lg font-semibold text-slate-900 tabular-nums">
              {format.credits(p.pricing.creditCost)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("typicalTime")}</dt>
            <dd className="text-sm font-medium text-slate-700">{format.duration(p.pricing.estimatedTime)}</dd>
          </div>
        </dl>
      </div>
      {!p.available && p.unavailableReason ? <p className="mt-3 text-xs text-slate-500">{p.unavailableReason}</p> : null}
      {p.health ? <HealthLine health={p.health} /> : null}
      {p.models && p.models.length > 0 ? (
        <details className="group mt-4" open data-testid="models">
          <summary className="cursor-pointer text-sm font-medium text-indigo-600 select-none hover:text-indigo-500">{t("modelsCount", { count: p.models.length })}</summary>
          <div className="mt-3">
            <ModelsTable models={p.models} />
          </div>
        </details>
      ) : null}
      <details className="group mt-4" open>
        <summary className="cursor-pointer text-sm font-medium text-indigo-600 select-none hover:text-indigo-500">{t("optionsCount", { count: p.options.length })}</summary>
        <div className="mt-3">
          <OptionsTable options={p.options.map((o) => ({ ...o, description: copy.option(p.id, type, o.name, o.description) }))} />
        </div>
      </details>
    </article>
  );
}

function List({ title, items, tone, mark }: { title: string; items: string[]; tone: string; mark: string }) {
  const t = useTranslations("catalog");
  return (
    <div>
      <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</h4>
      {items.length === 0 ? (
        <p className="mt-1.5 text-sm text-slate-400">{t("noneListed")}</p>
      ) : (
        <ul className="mt-1.5 space-y-1 text-sm text-slate-700">
          {items.map((item) => (
            <li key={item} className="flex gap-2">
              <span className={`${tone} shrink-0 font-semibold`} aria-hidden="true">
                {mark}
              </span>
              {item}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const STATUS_DOT = {
  operational: "bg-emerald-500",
  degraded: "bg-amber-400",
  down: "bg-rose-500",
  paused: "bg-slate-400",
  switched_off: "bg-slate-400",
} as const;

/**
 * Live health from this server: the provider's status (an operator's switch or hold before the vendor's record), recent
 * vendor faults, and p50 time from this week's runs.
 */
function HealthLine({ health: h }: { health: ProviderHealth }) {
  const t = useTranslations("catalog");
  const format = useFormat();
  const facts = [
    h.p50Seconds !== null ? t("p50", { time: format.duration(h.p50Seconds), count: h.completedRuns }) : t("noRuns"),
    h.recentCalls > 0 ? t("faults", { percent: Math.round(h.faultRate * 100), calls: h.recentCalls }) : null,
    h.status === "down" && h.retryAt ? t("nextProbe", { time: format.time(h.retryAt) }) : null,
  ].filter(Boolean);
  return (
    <p className="mt-3 flex flex-wrap items-center gap-x-2 text-xs text-slate-600" data-testid="provider-health" data-circuit={h.circuit} data-status={h.status}>
      <span aria-hidden="true" className={`size-2 rounded-full ${STATUS_DOT[h.status]}`} />
      <span className="font-medium text-slate-800">{t(`status.${h.status}`)}</span>
      {facts.map((f) => (
        <span key={f}>· {f}</span>
      ))}
    </p>
  );
}
