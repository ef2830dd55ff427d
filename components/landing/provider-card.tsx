import { AvailabilityBadge } from "./availability-badge";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { useProviderCopy } from "@/components/i18n/provider-copy";
import type { AreaProvider } from "./product-areas";

/** One AI model in the catalog (the local preview has its own strip): what it is, who makes it, what it costs with default options, and whether it runs here. */
export function ProviderCard({ provider }: { provider: AreaProvider }) {
  const p = provider;
  const t = useTranslations("landing.models");
  const format = useFormat();
  const copy = useProviderCopy();
  return (
    <li
      data-provider={p.id}
      className="relative flex w-[85%] shrink-0 snap-start flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-slate-300 hover:shadow-md sm:w-auto"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
        <div className="min-w-0">
          <h4 className="text-base font-semibold text-slate-900">{p.name}</h4>
          <p className="text-sm text-slate-500">{p.vendor}</p>
        </div>
        <AvailabilityBadge available={p.available} unavailableReason={p.unavailableReason} missingKeys={p.missingKeys} />
      </div>
      <p className="mt-3 flex-1 text-sm leading-6 text-slate-600">{copy.description(p.id, p.description)}</p>
      {p.tags.length > 0 ? (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label={t("inputsOutputs")}>
          {p.tags.map((tag) => (
            <li key={copy.tag(tag)} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {copy.tag(tag)}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="mt-4 flex items-center justify-between border-t border-slate-100 pt-4 text-sm">
        <div>
          <dt className="sr-only">{t("price")}</dt>
          <dd className="font-semibold text-slate-900">{format.credits(p.pricing.creditCost, p.priceFrom)}</dd>
        </div>
        <div>
          <dt className="sr-only">{t("time")}</dt>
          <dd className="text-slate-500">{format.duration(p.pricing.estimatedTime)}</dd>
        </div>
      </dl>
    </li>
  );
}
