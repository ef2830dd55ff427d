import { useTranslations } from "next-intl";
import { useFormatter } from "next-intl";
import { Card } from "../ui/card";
import type { GenerationSummaryFragment as GenerationSummary } from "@/components/graphql/generated";

const DAY_MS = 86_400_000;

/** Generations per UTC day for the last seven days (the daily limit counts UTC days too), oldest first. */
export function countByDay(generations: Pick<GenerationSummary, "createdAt">[], now = Date.now()): { day: Date; today: boolean; count: number }[] {
  const today = Math.floor(now / DAY_MS);
  const days = Array.from({ length: 7 }, (_, i) => ({ day: today - 6 + i, count: 0 }));
  for (const g of generations) {
    const slot = days.find((d) => d.day === Math.floor(new Date(g.createdAt).getTime() / DAY_MS));
    if (slot) slot.count += 1;
  }
  return days.map((d, i) => ({ day: new Date(d.day * DAY_MS), today: i === 6, count: d.count }));
}

/** Seven CSS bars; heights are relative to the busiest day, and each bar carries its number for screen readers. */
export function UsageChart({ generations, truncated }: { generations: GenerationSummary[]; truncated: boolean }) {
  const t = useTranslations("dashboard.overview");
  const format = useFormatter();
  const days = countByDay(generations).map((d) => ({ ...d, label: d.today ? t("todayLabel") : format.dateTime(d.day, { weekday: "short", timeZone: "UTC" }) }));
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  return (
    <Card title={t("week")} action={<span className="text-xs text-slate-500">{t("weekTotal", { count: total })}</span>} data-testid="usage-chart">
      <ol className="flex h-40 items-end gap-2 sm:gap-3" aria-label={t("perDay")}>
        {days.map((d) => (
          <li key={d.label} className="flex h-full flex-1 flex-col items-center justify-end gap-1.5">
            <span className="text-xs font-medium text-slate-600 tabular-nums">{d.count}</span>
            <div aria-hidden="true" className="flex w-full flex-1 items-end justify-center">
              <div
                className={`w-full max-w-10 rounded-t-md ${d.today ? "bg-indigo-500" : "bg-indigo-200"}`}
                style={{ height: d.count === 0 ? "2px" : `${Math.max(6, (d.count / max) * 100)}%` }}
              />
            </div>
            <span className="text-[11px] text-slate-500">
              {d.label}
              <span className="sr-only">{`: ${t("weekTotal", { count: d.count })}`}</span>
            </span>
          </li>
        ))}
      </ol>
      <p className="mt-3 text-xs text-slate-500">
        {total === 0 ? t("noneThisWeek") : t("utcDays")}
        {truncated ? t("truncated") : ""}
      </p>
    </Card>
  );
}
