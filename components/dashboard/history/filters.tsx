"use client";

import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { GENERATION_STATUSES, GENERATION_TYPES } from "@/components/graphql/enums";
import { HistoryProvidersDocument, type HistoryQueryVariables } from "@/components/graphql/generated";

/** The filters of the history query, as the URL keeps them (absent rather than null). */
export type HistoryFilters = { [K in "type" | "status" | "provider"]?: NonNullable<HistoryQueryVariables[K]> };

const selectClass =
  "block w-full rounded-lg border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20";

/** Type, status and provider menus; each change is a patch (null clears all) that the page merges and keeps in the URL. */
export function HistoryFilterBar({ value, onChange }: { value: HistoryFilters; onChange: (patch: HistoryFilters | null) => void }) {
  const t = useTranslations("dashboard.history");
  const typeName = useTranslations("dashboard.type");
  const statusName = useTranslations("dashboard.status");
  const [{ data }] = useQuery({ query: HistoryProvidersDocument });
  const providers = data ? (value.type ? data[value.type] : dedupe(GENERATION_TYPES.flatMap((type) => data[type]))) : [];
  const active = Boolean(value.type || value.status || value.provider);

  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label={t("filterLabel")}>
      <label className="w-full text-xs font-medium text-slate-600 sm:w-40">
        {t("type")}
        <select className={`mt-1 ${selectClass}`} value={value.type ?? ""} onChange={(e) => onChange({ type: GENERATION_TYPES.find((type) => type === e.target.value) })}>
          <option value="">{t("allTypes")}</option>
          {GENERATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {typeName(type)}
            </option>
          ))}
        </select>
      </label>
      <label className="w-full text-xs font-medium text-slate-600 sm:w-40">
        {t("status")}
        <select className={`mt-1 ${selectClass}`} value={value.status ?? ""} onChange={(e) => onChange({ status: GENERATION_STATUSES.find((st) => st === e.target.value) })}>
          <option value="">{t("allStatuses")}</option>
          {GENERATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusName(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="w-full text-xs font-medium text-slate-600 sm:w-56">
        {t("provider")}
        <select className={`mt-1 ${selectClass}`} value={value.provider ?? ""} onChange={(e) => onChange({ provider: e.target.value || undefined })}>
          <option value="">{t("allProviders")}</option>
          {/* Keep a provider from the URL selectable even before (or without) the catalog answer. */}
          {value.provider && !providers.some((p) => p.id === value.provider) ? <option value={value.provider}>{value.provider}</option> : null}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <button type="button" onClick={() => onChange(null)} className="rounded-lg px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
          {t("clearFilters")}
        </button>
      ) : null}
    </div>
  );
}

function dedupe<T extends { id: string }>(list: T[]): T[] {
  return [...new Map(list.map((p) => [p.id, p])).values()].sort((a, b) => a.id.localeCompare(b.id));
}
