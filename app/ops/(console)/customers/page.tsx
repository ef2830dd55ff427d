import { getTranslations } from "next-intl/server";
import { requireOperator } from "@/lib/ops/operators";

export const dynamic = "force-dynamic";

// GET /ops/customers?q=… — find a workspace by email, id, key prefix or generation id.
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const q = (await searchParams).q;
  const t = await getTranslations("ops.customers");
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
          defaultValue={typeof q === "string" ? q : ""}
          placeholder={t("searchPlaceholder")}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        />
        <button type="submit" className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700">
          {t("search")}
        </button>
      </form>
    </div>
  );
}
