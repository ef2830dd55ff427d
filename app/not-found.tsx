import { useTranslations } from "next-intl";
import { richTags } from "@/components/i18n/rich";
import { ArrowRightIcon } from "@/components/landing/icons";
import { SiteFooter } from "@/components/landing/site-footer";
import { SiteHeader } from "@/components/landing/site-header";

// Any unknown path. Same header and footer as the landing, so a wrong link still looks like the product.
export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <>
      <SiteHeader />
      <main id="main" className="relative isolate overflow-hidden bg-slate-950 text-white">
        <div aria-hidden="true" className="absolute inset-0 -z-10 bg-[radial-gradient(50rem_25rem_at_50%_-10%,rgba(99,102,241,0.35),transparent)]" />
        <div className="mx-auto flex min-h-[60vh] max-w-2xl flex-col items-center justify-center px-4 py-24 text-center sm:px-6">
          <p className="font-mono text-sm font-semibold text-indigo-300">404 · NOT_FOUND</p>
          <h1 className="mt-4 text-4xl font-bold tracking-tight text-balance sm:text-5xl">{t("title")}</h1>
          <p className="mt-6 text-lg leading-8 text-slate-300">{t.rich("body", richTags("rounded bg-white/10 px-1.5 py-0.5 font-mono text-base text-white"))}</p>
          <div className="mt-10 flex flex-wrap justify-center gap-3">
            <a href="/" className="inline-flex items-center gap-2 rounded-lg bg-indigo-500 px-5 py-3 text-sm font-semibold text-white transition hover:bg-indigo-400">
              {t("home")}
              <ArrowRightIcon className="size-4" />
            </a>
            <a href="/graphql" className="inline-flex items-center rounded-lg border border-white/20 px-5 py-3 text-sm font-semibold text-white transition hover:bg-white/10">
              {t("graphiql")}
            </a>
          </div>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
