import { getFormatter, getTranslations } from "next-intl/server";
import { BelowCost, Cell, OpsTable } from "@/components/ops-prices/table";
import { requireOperator } from "@/lib/ops/operators";
import { type MarginLine, marginReport } from "@/lib/prices/margin-report";
import { findProvider } from "@/lib/providers/catalog";

export const dynamic = "force-dynamic";

const PERIODS = [1, 7, 30, 90] as const;

// GET /ops/money?days=7|30|90 — revenue (net of refunds), vendor cost and margin of completed live generations by day, provider and
// model, with the models sold below cost first.
export default async function MoneyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const asked = Number((await searchParams).days);
  const days = (PERIODS as readonly number[]).includes(asked) ? asked : 30;
  const t = await getTranslations("opsPrices.money");
  const format = await getFormatter();
  const to = new Date();
  const report = await marginReport({ from: new Date(to.getTime() - days * 86_400_000), to });
  const n = (value: number) => format.number(value, { maximumFractionDigits: 2 });
  const figures = (line: MarginLine) => [
    <Cell key="g" numeric>
      {n(line.generations)}
    </Cell>,
    <Cell key="f" numeric>
      {n(line.refunded)}
    </Cell>,
    <Cell key="r" numeric>
      {n(line.revenue)}
    </Cell>,
    <Cell key="c" numeric>
      {n(line.vendorCost)}
    </Cell>,
    <Cell key="m" numeric className={line.margin < 0 ? "font-semibold text-rose-700" : ""}>
      {n(line.margin)}
    </Cell>,
  ];
  const head = [t("generations"), t("refunded"), t("revenue"), t("vendorCost"), t("margin")];
  const name = (id: string) => findProvider(id)?.name ?? id;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        <form method="get" className="flex items-center gap-2 text-sm">
          <label htmlFor="days" className="text-slate-600">
            {t("period")}
          </label>
          <select id="days" name="days" defaultValue={String(days)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t("days", { count: d })}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-semibold text-white">
            {t("show")}
          </button>
        </form>
      </div>
      <dl className="grid gap-3 sm:grid-cols-5" data-testid="money-totals">
        {[
          [t("revenue"), report.totals.revenue],
          [t("refunded"), report.totals.refunded],
          [t("vendorCost"), report.totals.vendorCost],
          [t("margin"), report.totals.margin],
          [t("generations"), report.totals.generations],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
            <dd className={`mt-1 text-2xl font-semibold tabular-nums ${Number(value) < 0 ? "text-rose-700" : "text-slate-900"}`}>{n(Number(value))}</dd>
          </div>
        ))}
      </dl>
      {report.totals.withoutCost > 0 && (
        <p className="text-sm text-slate-500">
          {t("withoutCost")}: {n(report.totals.withoutCost)}
        </p>
      )}
      <section className="space-y-2" data-testid="money-below-cost">
        <h2 className="text-lg font-semibold text-slate-900">{t("belowCostTitle")}</h2>
        {report.belowCost.length === 0 ? (
          <p className="text-sm text-slate-600">{t("belowCostNone")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {report.belowCost.map((m) => (
              <li key={`${m.providerId}-${m.type}`} className="text-rose-800">
                {`${name(m.providerId)} · ${m.type}`}: {n(m.margin)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {report.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="space-y-2">
            <h2 className="text-lg font-semibold text-slate-900">{t("byModel")}</h2>
            <OpsTable testId="money-by-model" head={[t("model"), ...head]}>
              {report.byModel.map((m) => (
                <tr key={`${m.providerId}-${m.type}`}>
                  <Cell>
                    {`${name(m.providerId)} · ${m.type}`}
                    {m.margin < 0 && <BelowCost label={t("belowCost")} />}
                  </Cell>
                  {figures(m)}
                </tr>
              ))}
            </OpsTable>
          </section>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold text-slate-900">{t("byProvider")}</h2>
            <OpsTable testId="money-by-provider" head={[t("provider"), ...head]}>
              {report.byProvider.map((p) => (
                <tr key={p.providerId}>
                  <Cell>{name(p.providerId)}</Cell>
                  {figures(p)}
                </tr>
              ))}
            </OpsTable>
          </section>
          <section className="space-y-2 lg:col-span-2">
            <h2 className="text-lg font-semibold text-slate-900">{t("byDay")}</h2>
            <OpsTable testId="money-by-day" head={[t("day"), ...head]}>
              {report.byDay.map((d) => (
                <tr key={d.day}>
                  <Cell>{format.dateTime(new Date(`${d.day}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</Cell>
                  {figures(d)}
                </tr>
              ))}
            </OpsTable>
          </section>
        </div>
      )}
    </div>
  );
}
