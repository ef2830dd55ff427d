import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { renderDoc } from "@/components/docs/content";
import { DocsShell } from "@/components/docs/docs-shell";
import { findDocsPage } from "@/components/docs/pages";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import "../docs.css";

type Props = { params: Promise<{ slug?: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = findDocsPage(((await params).slug ?? []).join("/"));
  if (!page) return {};
  const locale = await getLocale();
  const t = await getTranslations("docs");
  return { title: `${renderDoc(page, isLocale(locale) ? locale : DEFAULT_LOCALE).title} · ${t("metaTitle")}` };
}

// GET /docs and /docs/<slug>: a guide or reference page in the reader's language (the NEXT_LOCALE cookie).
export default async function DocsPageRoute({ params }: Props) {
  const page = findDocsPage(((await params).slug ?? []).join("/"));
  if (!page) notFound();
  return <DocsShell page={page} />;
}
