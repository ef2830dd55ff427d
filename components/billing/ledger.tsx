"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "urql";
import { buttonClass, Card } from "@/components/dashboard/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { type LedgerKind, LedgerDocument } from "@/components/graphql/generated";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";

const PAGE_SIZE = 20;

// Labels are billing.ledger.kinds.<KIND> in the catalogs.
const KIND_STYLE: Record<LedgerKind, string> = {
  TOP_UP: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  RESERVE: "bg-slate-100 text-slate-700 ring-slate-300",
  CHARGE: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  RELEASE: "bg-sky-50 text-sky-700 ring-sky-200",
  ADJUSTMENT: "bg-amber-50 text-amber-800 ring-amber-200",
};

/**
 * The append-only credit ledger, newest first, one urql query per page (earlier pages stay rendered while the
 * next loads). `refreshKey` (the balance) restarts it from the top when the balance changes, e.g. after a top-up.
 */
export function Ledger({ refreshKey }: { refreshKey: number | undefined }) {
  const t = useTranslations("billing.ledger");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [seenKey, setSeenKey] = useState(refreshKey);
  if (seenKey !== refreshKey) {
    setSeenKey(refreshKey);
    setCursors([null]);
  }
  return (
    <Card title={t("title")} className="overflow-hidden">
      <div className="-m-5 overflow-x-auto">
        <table data-testid="ledger" className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-5 py-2.5 font-medium">{t("when")}</th>
              <th className="px-5 py-2.5 font-medium">{t("movement")}</th>
              <th className="px-5 py-2.5 text-right font-medium">{t("change")}</th>
              <th className="px-5 py-2.5 text-right font-medium">{t("balanceAfter")}</th>
              <th className="px-5 py-2.5 font-medium">{t("details")}</th>
            </tr>
          </thead>
          {cursors.map((after, i) => (
            <LedgerPage key={`${refreshKey}-${after ?? "first"}`} after={after} isLast={i === cursors.length - 1} onLoadMore={(c) => setCursors((cs) => [...cs, c])} />
          ))}
        </table>
      </div>
    </Card>
  );
}

function LedgerPage({ after, isLast, onLoadMore }: { after: string | null; isLast: boolean; onLoadMore: (cursor: string) => void }) {
  const t = useTranslations("billing.ledger");
  const format = useFormat();
  const readableError = useApiError();
  const [{ data, error }, refetch] = useQuery({
    query: LedgerDocument,
    variables: { first: PAGE_SIZE, after },
    requestPolicy: "network-only",
  });
  const row = (content: React.ReactNode) => (
    <tbody>
      <tr>
        <td colSpan={5} className="px-5 py-4">
          {content}
        </td>
      </tr>
    </tbody>
  );
  if (error && !data) return row(<ErrorNotice title={t("loadError")} message={readableError(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />);
  if (!data) return row(<SkeletonRows rows={after ? 2 : 4} />);
  const { nodes, pageInfo } = data.creditLedger;
  const next = isLast && pageInfo.hasNextPage ? pageInfo.endCursor : null;
  if (!after && nodes.length === 0) return row(<p className="text-center text-slate-500">{t("empty")}</p>);
  return (
    <tbody className="divide-y divide-slate-100 border-t border-slate-100">
      {nodes.map((e) => (
        <tr key={e.id} data-kind={e.kind} className="hover:bg-slate-50/60">
          <td className="px-5 py-3 whitespace-nowrap text-slate-600">{format.dateTime(e.createdAt)}</td>
          <td className="px-5 py-3">
            <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${KIND_STYLE[e.kind]}`}>{t(`kinds.${e.kind}`)}</span>
          </td>
          <td className={`px-5 py-3 text-right font-medium tabular-nums ${e.amount > 0 ? "text-emerald-700" : e.amount < 0 ? "text-slate-900" : "text-slate-400"}`}>
            {e.amount > 0 ? "+" : e.amount < 0 ? "−" : ""}
            {format.number(Math.abs(e.amount))}
          </td>
          <td className="px-5 py-3 text-right text-slate-900 tabular-nums">{format.number(e.balanceAfter)}</td>
          <td className="max-w-sm px-5 py-3 text-slate-600">
            {/* The receipt link stays visible beside a note long enough to be truncated. */}
            <div className="flex items-center gap-2">
              <span className="min-w-0 truncate" title={e.note ?? undefined}>
                {e.generationId ? (
                  <Link href={`/dashboard/history/${e.generationId}`} className="font-mono text-xs text-indigo-600 hover:text-indigo-500">
                    {e.generationId}
                  </Link>
                ) : null}
                {e.generationId && e.note ? " · " : null}
                {e.note}
              </span>
              {e.receiptUrl ? (
                <a
                  href={e.receiptUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="shrink-0 font-medium text-indigo-600 hover:text-indigo-500"
                  data-testid="ledger-receipt"
                >
                  {t("receipt")}
                </a>
              ) : null}
            </div>
          </td>
        </tr>
      ))}
      {next ? (
        <tr>
          <td colSpan={5} className="px-5 py-3 text-center">
            <button type="button" className={buttonClass.secondary} onClick={() => onLoadMore(next)}>
              {t("loadMore")}
            </button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
