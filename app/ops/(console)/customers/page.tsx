import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/components/i18n/format-server";
import { Badge, Mono, OpsTable, Panel } from "@/components/ops/ui";
import { findWorkspaces } from "@/lib/ops/find-workspaces";
import { requireOperator } from "@/lib/ops/operators";

export const dynamic = "force-dynamic";

// GET /ops/customers?q=… — find a workspace by email, id, key prefix or generation id.
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.trim() : "";
  const [t, f, hits] = await Promise.all([getTranslations("ops.customers"), getFormat(), findWorkspaces(q)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <form method="get" action="/ops/customers" role="search" className="flex max-w-2xl gap-2">
        <label htmlFor="q" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder={t("searchPlaceholder")}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        />
        <button type="submit" className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700">
          {t("search")}
        </button>
      </form>
      {q ? (
        <Panel title={t("results", { count: hits.length })}>
          <OpsTable
            testId="ops-search-results"
            empty={t("noResults")}
            head={[t("columns.workspace"), t("columns.plan"), t("columns.balance"), t("columns.matched"), t("columns.created")]}
            rows={hits.map((w) => [
              <div key="w" className="space-y-0.5">
                <Link href={`/ops/customers/${w.id}`} className="font-medium text-indigo-700 hover:underline">
                  {w.email}
                </Link>
                <div>
                  <Mono>{w.id}</Mono> {w.suspendedAt ? <Badge tone="red">{t("suspended")}</Badge> : null} {w.deletedAt ? <Badge>{t("deleted")}</Badge> : null}
                </div>
              </div>,
              w.plan,
              f.credits(w.creditBalance),
              t(`matchedBy.${w.matchedBy}`),
              f.date(w.createdAt),
            ])}
          />
        </Panel>
      ) : (
        <p className="text-sm text-slate-600">{t("hint")}</p>
      )}
    </div>
  );
}
