import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { LogoMark } from "@/components/landing/icons";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { renderDoc } from "./content";
import { GeneratedPart } from "./generated";
import { DOCS_PAGES, DOCS_SECTIONS, docsHref, type DocsPage } from "./pages";
import { SearchBox } from "./search-box";

/** A docs page: the header with search and the language switch, the sidebar of every page, the text, its outline. */
export async function DocsShell({ page }: { page: DocsPage }) {
  const raw = await getLocale();
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  const t = await getTranslations("docs");
  const doc = renderDoc(page, locale);
  return (
    <div className="docs min-h-screen bg-white">
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
          <a href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <LogoMark className="size-7" />
            <span>Doitong</span>
          </a>
          <a href="/docs" className="text-sm font-semibold text-indigo-700">
            {t("title")}
          </a>
          <div className="ml-auto flex items-center gap-3">
            <SearchBox />
            <a href="/dashboard" className="hidden text-sm text-slate-600 hover:text-slate-900 sm:inline">
              {t("dashboard")}
            </a>
            <a href="/graphql" className="hidden text-sm text-slate-600 hover:text-slate-900 sm:inline">
              GraphiQL
            </a>
            <LocaleSwitcher tone="light" />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-4">
        <nav aria-label={t("navLabel")} className="docs-sidebar sticky top-14 hidden h-[calc(100vh-3.5rem)] w-60 shrink-0 overflow-y-auto py-6 md:block">
          {DOCS_SECTIONS.map((section) => (
            <div key={section} className="mb-5">
              <p className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t(`sections.${section}`)}</p>
              <ul>
                {DOCS_PAGES.filter((p) => p.section === section).map((p) => (
                  <li key={p.slug}>
                    <a
                      href={docsHref(p.slug)}
                      aria-current={p.slug === page.slug ? "page" : undefined}
                      className="block rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800"
                    >
                      {renderDoc(p, locale).title}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="docs-prose min-w-0 flex-1 py-8" data-docs-page={page.slug || "index"}>
          {doc.parts.map((part, i) => (part.kind === "html" ? <div key={i} dangerouslySetInnerHTML={{ __html: part.html }} /> : <GeneratedPart key={i} name={part.name} />))}
        </main>
        {doc.headings.length > 1 && (
          <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-52 shrink-0 overflow-y-auto py-8 text-sm xl:block">
            <p className="mb-2 font-semibold text-slate-900">{t("onThisPage")}</p>
            <ul className="space-y-1">
              {doc.headings.map((h) => (
                <li key={h.anchor}>
                  <a href={`#${h.anchor}`} className="text-slate-600 hover:text-slate-900">
                    {h.text}
                  </a>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </div>
  );
}
