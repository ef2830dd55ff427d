import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Catalog } from "@/components/catalog/catalog";
import { richTags } from "@/components/i18n/rich";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog"))("metaTitle") };
}

// GET /dashboard/catalog: the frame; the providers come live from the `providers` query.
export default function CatalogPage() {
  const t = useTranslations("catalog");
  return (
    <div className="mx-auto max-w-6xl">
      <header className="mb-2">
        <p className="text-sm font-semibold text-indigo-600">{t("eyebrow")}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">{t.rich("lead", richTags("rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]"))}</p>
      </header>
      <Catalog />
    </div>
  );
}
