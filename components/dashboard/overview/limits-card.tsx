import { Card } from "../ui/card";
import type { Me } from "../types";
import { formatLimit } from "../format";

/** A bar of `used` out of `limit`; an unlimited limit shows no bar, only the count. */
function Meter({ label, used, limit, unit }: { label: string; used: number; limit: number | null; unit: string }) {
  const ratio = limit === null ? 0 : Math.min(1, used / Math.max(1, limit));
  const tone = ratio >= 0.9 ? "bg-rose-500" : ratio >= 0.7 ? "bg-amber-500" : "bg-indigo-500";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="text-slate-500 tabular-nums">
          {limit === null ? `${used} · Unlimited` : `${used} / ${formatLimit(limit)}`} {unit}
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
  const rows = [
    { label: "Requests per minute", value: limits.requestsPerMinute },
    { label: "Parallel generations", value: limits.parallel },
    { label: "Generations per day", value: limits.daily },
  ];
  return (
    <Card title="Limits & usage" data-testid="limits-card">
      <dl className="grid grid-cols-3 gap-3">
        {rows.map((r) => (
          <div key={r.label} className="rounded-lg bg-slate-50 px-3 py-2.5">
            <dt className="text-xs text-slate-500">{r.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{formatLimit(r.value)}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-5 space-y-4">
        <Meter label="Today" used={usage.generationsToday} limit={limits.daily} unit="generations" />
        <Meter label="Running now" used={usage.running} limit={limits.parallel} unit="in parallel" />
      </div>
    </Card>
  );
}
