"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { PageHeader, buttonClass } from "@/components/dashboard/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/dashboard/ui/states";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import { AuditLogDocument } from "@/components/graphql/generated";

/** The workspace's audit log, newest first, 50 at a time. */
export function AuditView() {
  const t = useTranslations("audit");
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="audit-log">
          <thead className="border-b border-slate-100 bg-slate-50 text-xs font-semibold text-slate-600">
            <tr>
              <th className="px-4 py-2.5">{t("columns.when")}</th>
              <th className="px-4 py-2.5">{t("columns.action")}</th>
              <th className="px-4 py-2.5">{t("columns.actor")}</th>
              <th className="px-4 py-2.5">{t("columns.ip")}</th>
              <th className="px-4 py-2.5">{t("columns.change")}</th>
            </tr>
          </thead>
          {pages.map((after, i) => (
            <AuditPage key={after ?? "first"} after={after} last={i === pages.length - 1} onMore={(cursor) => setPages((p) => [...p, cursor])} />
          ))}
        </table>
      </section>
    </>
  );
}

function AuditPage({ after, last, onMore }: { after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const t = useTranslations("audit");
  const format = useFormat();
  const readableError = useApiError();
  const [{ data, error }] = useQuery({ query: AuditLogDocument, variables: { after } });
  const cell = "px-4 py-2.5 align-top";
  // Catalog keys cannot hold dots (they nest): key.created is found as actions.key_created.
  const actionName = (action: string) => {
    const key = `actions.${action.replaceAll(".", "_")}`;
    return t.has(key) ? t(key) : action;
  };
  if (error && !data)
    return (
      <tbody>
        <tr>
          <td colSpan={5} className="p-4">
            <ErrorNotice title={t("loadError")} message={readableError(error)} />
          </td>
        </tr>
      </tbody>
    );
  if (!data)
    return (
      <tbody>
        <tr>
          <td colSpan={5} className="p-4">
            <SkeletonRows rows={3} />
          </td>
        </tr>
      </tbody>
    );
  const { nodes, pageInfo } = data.auditLog;
  return (
    <tbody className="divide-y divide-slate-100">
      {nodes.length === 0 && after === null ? (
        <tr>
          <td colSpan={5} className="p-5">
            <EmptyState title={t("empty")} />
          </td>
        </tr>
      ) : null}
      {nodes.map((e) => (
        <tr key={e.id} data-action={e.action}>
          <td className={`${cell} whitespace-nowrap text-slate-600`}>{format.dateTime(e.createdAt)}</td>
          <td className={`${cell} font-medium text-slate-900`}>{actionName(e.action)}</td>
          <td className={`${cell} text-slate-700`}>{e.actor}</td>
          <td className={`${cell} font-mono text-xs text-slate-500`}>{e.ip ?? "—"}</td>
          <td className={`${cell} font-mono text-xs text-slate-600`}>
            {e.before ? <div>{t("before", { value: JSON.stringify(e.before) })}</div> : null}
            {e.after ? <div>{t("after", { value: JSON.stringify(e.after) })}</div> : null}
          </td>
        </tr>
      ))}
      {last && pageInfo.hasNextPage && pageInfo.endCursor ? (
        <tr>
          <td colSpan={5} className="p-4 text-center">
            <button type="button" className={buttonClass.secondary} onClick={() => onMore(pageInfo.endCursor!)}>
              {t("more")}
            </button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
