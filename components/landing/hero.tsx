import { useTranslations } from "next-intl";
import { richTags } from "@/components/i18n/rich";
import { ArrowRightIcon } from "./icons";
import { HeroSample } from "./hero-sample";

interface HeroProps {
  stats: { providers: number; vendors: number; availableHere: number };
  graphqlUrl: string;
}

/** The promise of the product page, with numbers counted from the live catalog. */
export function Hero({ stats, graphqlUrl }: HeroProps) {
  const t = useTranslations("landing.hero");
  const common = useTranslations("common");
  const figures = [
    { value: "30+", label: t("models") },
    { value: String(stats.vendors), label: t("vendors") },
    { value: "4", label: t("contentTypes") },
    { value: String(stats.availableHere), label: t("liveHere") },
  ];
  return (
    <section aria-labelledby="hero-title" className="relative isolate overflow-hidden bg-slate-950 text-white">
      {/* Soft colour behind the headline; purely decorative. */}
      <div
        aria-hidden="true"
        className="absolute inset-0 -z-10 bg-[radial-gradient(60rem_30rem_at_15%_-10%,rgba(99,102,241,0.35),transparent),radial-gradient(40rem_25rem_at_95%_10%,rgba(192,38,211,0.25),transparent)]"
      />
      <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 pt-16 pb-20 sm:px-6 lg:grid-cols-[1.1fr_1fr] lg:pt-24 lg:pb-28">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full border border-white/15 bg-white/5 px-3 py-1 text-xs font-medium text-indigo-200">
            <span className="size-1.5 rounded-full bg-emerald-400" aria-hidden="true" />
            {t("badge", { providers: stats.providers, vendors: stats.vendors })}
          </p>
          <h1 id="hero-title" className="mt-6 text-4xl font-bold tracking-tight text-balance sm:text-5xl lg:text-[3.4rem] lg:leading-[1.1]">
            {t("title")}
          </h1>
          <p className="mt-6 max-w-xl text-lg leading-8 text-slate-300">{t.rich("lead", richTags("rounded bg-white/10 px-1.5 py-0.5 font-mono text-base text-white"))}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <a
              href="/graphql"
              className="inline-flex items-center gap-2 rounded-lg bg-indigo-500 px-5 py-3 text-sm font-semibold text-white shadow-lg shadow-indigo-500/25 transition hover:bg-indigo-400"
            >
              {common("openGraphiql")}
              <ArrowRightIcon className="size-4" />
            </a>
            <a
              href="#quick-start"
              className="inline-flex items-center gap-2 rounded-lg border border-white/20 px-5 py-3 text-sm font-semibold text-white transition hover:bg-white/10"
            >
              {t("quickStart")}
            </a>
          </div>
          <dl className="mt-12 grid grid-cols-2 gap-x-6 gap-y-6 border-t border-white/10 pt-8 sm:grid-cols-4">
            {figures.map((f) => (
              <div key={f.label} className="flex flex-col-reverse justify-end">
                <dt className="mt-1 text-sm text-slate-400">{f.label}</dt>
                <dd className="text-3xl font-semibold tracking-tight">{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <HeroSample graphqlUrl={graphqlUrl} />
      </div>
    </section>
  );
}
