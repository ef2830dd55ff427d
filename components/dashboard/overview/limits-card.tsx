import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { Card } from "../ui/card";
import type { AccountSummaryFragment as Me } from "@/components/graphql/generated";

/** A bar of `used` out of `limit`; an unlimited limit shows no bar, only the count. */
function Meter({ label, used, limit, unit }: { label: string; used: number; limit: number | null; unit: string }) {
  const t = useTranslations("dashboard.overview");
  const format = useFormat();
  const ratio = limit === null ? 0 : Math.min(1, used / Math.max(1, limit));
  const tone = ratio >= 0.9 ? "bg-rose-500" : ratio >= 0.7 ? "bg-amber-500" : "bg-indigo-500";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="text-slate-500 tabular-nums">
          {limit === null ? t("unlimitedUsed", { used }) : `${format.number(used)} / ${format.limit(limit)}`} {unit}
        </span>
      </div>
      {limit === null ? null : (
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100" role="meter" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used} aria-label={label}>
          <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(ratio * 100, used > 0 ? 2 : 0)}%` }} />
        </div>
      )}
    </div>
  );
}

/** The plan's limits as the API enforces them, with today's use against each. */
export function LimitsCard({ me }: { me: Me }) {
  const { limits, usage } = me;
  const t = useTranslations("dashboard.overview");
  const format = useFormat();
  const rows = [
    { label: t("rpm"), value: limits.requestsPerMinute },
    { label: t("parallel"), value: limits.parallel },
    { label: t("daily"), value: limits.daily },
  ];
  return (
    <Card title={t("limits")} data-testid="limits-card">
      <dl className="grid grid-cols-3 gap-3">
        {rows.map((r) => (
          <div key={r.label} className="rounded-lg bg-slate-50 px-3 py-2.5">
            <dt className="text-xs text-slate-500">{r.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{format.limit(r.value)}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-5 space-y-4">
        <Meter label={t("usedToday")} used={usage.generationsToday} limit={limits.daily} unit={t("unitGenerations")} />
        <Meter label={t("runningNow")} used={usage.running} limit={limits.parallel} unit={t("unitParallel")} />
      </div>
    </Card>
  );
}
