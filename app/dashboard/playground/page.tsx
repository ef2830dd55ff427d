import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { richTags } from "@/components/i18n/rich";
import { Playground } from "@/components/playground/playground";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("playground"))("metaTitle") };
}

// GET /dashboard/playground: the page frame; everything interactive is the client component.
export default function PlaygroundPage() {
  const t = useTranslations("playground");
  return (
    <div className="mx-auto max-w-6xl">
      <header className="mb-6">
        <p className="text-sm font-semibold text-indigo-600">{t("eyebrow")}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-sm leading-6 text-slate-600">{t.rich("lead", richTags("rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]"))}</p>
      </header>
      <Playground />
    </div>
  );
}
