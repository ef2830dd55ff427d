import { AvailabilityBadge, PreviewFlag } from "./availability-badge";
import { useFormat } from "@/components/i18n/format";
import { useProviderCopy } from "@/components/i18n/provider-copy";
import type { AreaProvider } from "./product-areas";

/**
 * The local preview provider, set apart from the AI models: it is how people try the API on a server with no
 * vendor keys, and it must never be mistaken for a model someone would pay for.
 */
export function PreviewStrip({ provider: p }: { provider: AreaProvider }) {
  const format = useFormat();
  const copy = useProviderCopy();
  return (
    <li
      data-provider={p.id}
      className="relative grid gap-4 rounded-2xl border border-dashed border-violet-300 bg-violet-50/50 p-5 sm:grid-cols-[minmax(0,14rem)_1fr_auto] sm:items-center sm:gap-6"
    >
      <div>
        <h4 className="text-base font-semibold text-slate-900">{p.name}</h4>
        <p className="text-sm text-slate-500">{p.vendor}</p>
        <div className="mt-2">
          <PreviewFlag />
        </div>
      </div>
      <div className="text-sm leading-6 text-slate-600">
        <p>{copy.description(p.id, p.description)}</p>
        {p.tags.length > 0 ? <p className="mt-1 text-xs text-slate-500">{p.tags.map(copy.tag).join(" · ")}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 sm:flex-col sm:items-end">
        <AvailabilityBadge available={p.available} unavailableReason={p.unavailableReason} missingKeys={p.missingKeys} />
        <p className="text-sm">
          <span className="font-semibold text-slate-900">{format.credits(p.pricing.creditCost, p.priceFrom)}</span>
          <span className="text-slate-500"> · {format.duration(p.pricing.estimatedTime)}</span>
        </p>
      </div>
    </li>
  );
}
