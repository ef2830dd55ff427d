"use client";

import { useFormatter, useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { Card, PageHeader, buttonClass, inputClass } from "@/components/dashboard/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { type UsageGroupBy as Group, UsageDocument } from "@/components/graphql/generated";
import { LowBalanceAlert } from "./low-balance-alert";

// The chart library is loaded only on this page, in the browser (it measures its container).
const UsageChart = dynamic(() => import("./usage-chart").then((m) => m.UsageChart), { ssr: false });

const GROUPS: Group[] = ["DAY", "PROVIDER", "MODEL", "TYPE", "KEY", "MEMBER"];
const RANGES = [7, 30, 90] as const;

/** The last `days` whole UTC days, today included; the end is tomorrow's midnight so today's work counts. */
function period(days: number): { from: string; to: string } {
  const now = new Date();
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return { from: new Date(end - days * 86_400_000).toISOString(), to: new Date(end).toISOString() };
}

export function UsageView() {
  const t = useTranslations("usage");
  const format = useFormat();
  const intl = useFormatter();
  const readableError = useApiError();
  const [groupBy, setGroupBy] = useState<Group>("DAY");
  const [days, setDays] = useState<number>(30);
  const variables = useMemo(() => ({ ...period(days), groupBy }), [days, groupBy]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: UsageDocument, variables });
  const csvHref = `/api/usage/csv?${new URLSearchParams(variables).toString()}`;
  const rows = data?.usage.rows ?? [];
  const totals = data?.usage.totals;
  // The API's two placeholder groups, in the reader's words.
  const rowLabel = (r: { group: string; label: string }) =>
    groupBy === "KEY" && r.group === "dashboard" ? t("dashboardKey") : groupBy === "MEMBER" && r.group === "unknown" ? t("unknownMember") : r.label;
  const percent = (share: number) => intl.number(share, { style: "percent", maximumFractionDigits: 1 });

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        action={
          <a href={csvHref} download className={buttonClass.secondary} data-testid="usage-csv">
            {t("exportCsv")}
          </a>
        }
      />
      <div className="space-y-6">
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="usage-range" className="block text-xs font-medium text-slate-700">
              {t("range")}
            </label>
            <select id="usage-range" value={days} onChange={(e) => setDays(Number(e.target.value))} className={`mt-1 ${inputClass}`}>
              {RANGES.map((d) => (
                <option key={d} value={d}>
                  {t("lastDays", { days: d })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="usage-group" className="block text-xs font-medium text-slate-700">
              {t("groupBy")}
            </label>
            <select id="usage-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value as Group)} className={`mt-1 ${inputClass}`}>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`group.${g}`)}
                </option>
              ))}
            </select>
          </div>
        </div>

        {totals ? (
          <dl className="grid gap-4 sm:grid-cols-4" data-testid="usage-totals">
            {[
              [t("credits"), format.number(totals.credits)],
              [t("generations"), format.number(totals.generations)],
              [t("failureRate"), percent(totals.failureRate)],
              [t("p50"), totals.p50Seconds === null ? "—" : t("seconds", { n: totals.p50Seconds })],
            ].map(([label, value]) => (
              <div key={label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <dt className="text-xs font-medium text-slate-500">{label}</dt>
                <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        ) : null}

        <Card title={t("chartTitle")}>
          {error && !data ? (
            <ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />
          ) : !data || fetching ? (
            <SkeletonRows rows={4} />
          ) : rows.length === 0 ? (
            <EmptyState title={t("empty")}>{t("emptyBody")}</EmptyState>
          ) : (
            <UsageChart rows={rows.map((r) => ({ ...r, label: rowLabel(r) }))} labels={{ credits: t("credits"), generations: t("generations") }} />
          )}
        </Card>

        {rows.length > 0 ? (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-100 text-sm" data-testid="usage-table">
              <thead className="bg-slate-50 text-left text-xs font-medium text-slate-500">
                <tr>
                  <th className="px-4 py-2">{t(`group.${groupBy}`)}</th>
                  <th className="px-4 py-2 text-right">{t("generations")}</th>
                  <th className="px-4 py-2 text-right">{t("outputs")}</th>
                  <th className="px-4 py-2 text-right">{t("credits")}</th>
                  <th className="px-4 py-2 text-right">{t("outputSeconds")}</th>
                  <th className="px-4 py-2 text-right">{t("megapixels")}</th>
                  <th className="px-4 py-2 text-right">{t("failureRate")}</th>
                  <th className="px-4 py-2 text-right">{t("p50")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <tr key={r.group} data-group={r.group}>
                    <td className="px-4 py-2 font-medium text-slate-900">{rowLabel(r)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{format.number(r.generations)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{format.number(r.outputs)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{format.number(r.credits)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{format.number(r.outputSeconds)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{format.number(r.outputMegapixels)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{percent(r.failureRate)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{r.p50Seconds === null ? "—" : t("seconds", { n: r.p50Seconds })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        <LowBalanceAlert />
      </div>
    </>
  );
}
