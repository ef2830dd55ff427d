import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "@/components/i18n/format";
import type { AccountSummaryFragment as Me } from "@/components/graphql/generated";

function Stat({ label, value, unit, note, testId }: { label: string; value: string; unit?: string; note: React.ReactNode; testId: string }) {
  return (
    <div data-testid={testId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-2 flex items-baseline gap-1.5">
        <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</span> {unit ? <span className="text-sm text-slate-500">{unit}</span> : null}
      </p>
      <p className="mt-2 text-xs text-slate-500">{note}</p>
    </div>
  );
}

/** The four numbers a paying user checks first: spendable credits, held credits, plan, and today's count. */
export function StatCards({ me }: { me: Me }) {
  const { credits, usage, limits } = me;
  const t = useTranslations("dashboard.overview");
  const format = useFormat();
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Stat
        testId="stat-balance"
        label={t("balance")}
        value={format.number(credits.balance)}
        unit={t("creditsUnit", { count: credits.balance })}
        note={
          <Link href="/dashboard/billing" className="font-medium text-indigo-600 hover:text-indigo-500">
            {t("topUp")}
          </Link>
        }
      />
      <Stat testId="stat-reserved" label={t("reserved")} value={format.number(credits.reserved)} unit={t("creditsUnit", { count: credits.reserved })} note={t("reservedNote")} />
      <Stat
        testId="stat-plan"
        label={t("plan")}
        value={me.plan}
        note={
          <Link href="/dashboard/plans" className="font-medium text-indigo-600 hover:text-indigo-500">
            {t("planNote", { plan: me.plan.charAt(0) + me.plan.slice(1).toLowerCase() })}
          </Link>
        }
      />
      <Stat
        testId="stat-today"
        label={t("today")}
        value={format.number(usage.generationsToday)}
        unit={limits.daily === null ? t("noDailyCap") : t("ofLimit", { limit: format.limit(limits.daily) })}
        note={t("todayNote", { running: usage.running, queued: usage.queued })}
      />
    </div>
  );
}
