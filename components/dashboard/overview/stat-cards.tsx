import Link from "next/link";
import type { Me } from "../types";
import { formatLimit, formatNumber, titleCase } from "../format";

function Stat({ label, value, unit, note, testId }: { label: string; value: string; unit?: string; note: React.ReactNode; testId: string }) {
  return (
    <div data-testid={testId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className="mt-2 flex items-baseline gap-1.5">
        <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</span>{" "}
        {unit ? <span className="text-sm text-slate-500">{unit}</span> : null}
      </p>
      <p className="mt-2 text-xs text-slate-500">{note}</p>
    </div>
  );
}

/** The four numbers a paying user checks first: spendable credits, held credits, plan, and today's count. */
export function StatCards({ me }: { me: Me }) {
  const { credits, usage, limits } = me;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Stat
        testId="stat-balance"
        label="Credit balance"
        value={formatNumber(credits.balance)}
        unit={credits.balance === 1 ? "credit" : "credits"}
        note={
          <Link href="/dashboard/billing" className="font-medium text-indigo-600 hover:text-indigo-500">
            Top up credits →
          </Link>
        }
      />
      <Stat testId="stat-reserved" label="Reserved" value={formatNumber(credits.reserved)} unit="credits" note="Held for generations in flight; released if they fail." />
      <Stat
        testId="stat-plan"
        label="Plan"
        value={me.plan}
        note={
          <Link href="/dashboard/plans" className="font-medium text-indigo-600 hover:text-indigo-500">
            {titleCase(me.plan)} plan · compare plans →
          </Link>
        }
      />
      <Stat
        testId="stat-today"
        label="Generations today"
        value={formatNumber(usage.generationsToday)}
        unit={limits.daily === null ? "no daily cap" : `of ${formatLimit(limits.daily)}`}
        note={`${usage.running} running · ${usage.queued} queued (UTC day)`}
      />
    </div>
  );
}
