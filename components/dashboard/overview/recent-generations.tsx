import { useTranslations } from "next-intl";
import Link from "next/link";
import { GenerationListHeader, GenerationRow } from "../history/generation-row";
import type { GenerationSummaryFragment as GenerationSummary } from "@/components/graphql/generated";
import { EmptyState } from "../ui/states";
import { buttonClass } from "../ui/card";

/** The five newest generations, each linking to its detail page. */
export function RecentGenerations({ generations }: { generations: GenerationSummary[] }) {
  const t = useTranslations("dashboard.overview");
  const recent = generations.slice(0, 5);
  return (
    <section className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="recent-generations">
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3.5">
        <h2 className="text-sm font-semibold text-slate-900">{t("recent")}</h2>
        {recent.length > 0 ? (
          <Link href="/dashboard/history" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            {t("viewAll")}
          </Link>
        ) : null}
      </header>
      {recent.length === 0 ? (
        <div className="p-5">
          <EmptyState
            title={t("noneYet")}
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <Link href="/dashboard/playground" className={buttonClass.primary}>
                  {t("openPlayground")}
                </Link>
                <Link href="/dashboard/keys" className={buttonClass.secondary}>
                  {t("createKey")}
                </Link>
              </div>
            }
          >
            {t("noneYetBody")}
          </EmptyState>
        </div>
      ) : (
        <>
          <GenerationListHeader />
          <ul className="divide-y divide-slate-100">
            {recent.map((g) => (
              <GenerationRow key={g.id} generation={g} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
