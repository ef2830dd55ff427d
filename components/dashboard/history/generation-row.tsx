import { useTranslations } from "next-intl";
import Link from "next/link";
import { useFormat } from "@/components/i18n/format";
import type { GenerationSummaryFragment as GenerationSummary } from "@/components/graphql/generated";
import { ModeBadge, StatusBadge, TypeLabel } from "../ui/badges";

/**
 * One generation in a list: the whole row links to its detail page. A grid from sm up, stacked on phones, so the
 * same markup serves the overview's recent list and the history table.
 */
export function GenerationRow({ generation: g }: { generation: GenerationSummary }) {
  const t = useTranslations("dashboard.history");
  const format = useFormat();
  return (
    <li data-generation={g.id}>
      <Link
        href={`/dashboard/history/${g.id}`}
        className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1.5 px-5 py-3.5 transition hover:bg-slate-50 sm:grid-cols-[minmax(0,1fr)_8rem_7rem_6rem_7rem]"
      >
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{g.prompt || <span className="text-slate-400 italic">{t("noPrompt")}</span>}</p>
          <p className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
            <TypeLabel type={g.type} />
            {g.mode === "TEST" ? <ModeBadge mode="TEST" /> : null}
            <span className="truncate font-mono">{g.id}</span>
          </p>
        </div>
        <span className="justify-self-end sm:order-none sm:justify-self-start">
          <StatusBadge status={g.status} />
        </span>
        <span className="truncate text-xs text-slate-600 sm:text-sm">{g.provider}</span>
        <span className="justify-self-end text-xs text-slate-600 tabular-nums sm:justify-self-start sm:text-sm">{format.credits(g.creditCost)}</span>
        <span className="col-span-2 text-xs text-slate-500 sm:col-span-1 sm:text-right sm:text-sm">{format.relative(g.createdAt)}</span>
      </Link>
    </li>
  );
}

/** Column titles for the sm+ grid above; hidden on phones where rows stack. */
export function GenerationListHeader() {
  const t = useTranslations("dashboard.history");
  return (
    <div className="hidden grid-cols-[minmax(0,1fr)_8rem_7rem_6rem_7rem] gap-x-4 border-b border-slate-100 bg-slate-50/70 px-5 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase sm:grid">
      <span>{t("colPrompt")}</span>
      <span>{t("colStatus")}</span>
      <span>{t("colProvider")}</span>
      <span>{t("colCost")}</span>
      <span className="text-right">{t("colCreated")}</span>
    </div>
  );
}
