import { useTranslations } from "next-intl";
import { ArrowRightIcon } from "./icons";

/** The page's closing call to action. */
export function ClosingCta() {
  const t = useTranslations("landing.cta");
  return (
    <section aria-labelledby="cta-title" className="px-4 pb-20 sm:px-6 sm:pb-24">
      <div className="relative isolate mx-auto max-w-6xl overflow-hidden rounded-3xl bg-slate-950 px-6 py-14 text-center sm:px-12 sm:py-16">
        <div
          aria-hidden="true"
          className="absolute inset-0 -z-10 bg-[radial-gradient(40rem_20rem_at_50%_120%,rgba(99,102,241,0.45),transparent),radial-gradient(30rem_15rem_at_0%_0%,rgba(192,38,211,0.25),transparent)]"
        />
        <h2 id="cta-title" className="text-3xl font-bold tracking-tight text-balance text-white sm:text-4xl">
          {t("title")}
        </h2>
        <p className="mx-auto mt-4 max-w-xl text-base leading-7 text-slate-300 sm:text-lg">{t("lead")}</p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <a href="/graphql" className="inline-flex items-center gap-2 rounded-lg bg-white px-5 py-3 text-sm font-semibold text-slate-900 transition hover:bg-indigo-50">
            {t("graphiql")}
            <ArrowRightIcon className="size-4" />
          </a>
          <a href="#quick-start" className="inline-flex items-center rounded-lg border border-white/20 px-5 py-3 text-sm font-semibold text-white transition hover:bg-white/10">
            {t("quickStart")}
          </a>
        </div>
      </div>
    </section>
  );
}
