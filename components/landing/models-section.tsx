import { useTranslations } from "next-intl";
import { richTags } from "@/components/i18n/rich";
import { ProductAreaSection } from "./product-area-section";
import type { ProductArea } from "./product-areas";
import { SectionHeading } from "./section-heading";

/** The catalog, grouped the way the product page sells it. Prices are with each provider's default options. */
export function ModelsSection({ areas, vendors }: { areas: ProductArea[]; vendors: string[] }) {
  const t = useTranslations("landing.models");
  const areaT = useTranslations("landing.areas");
  return (
    <section id="models" aria-labelledby="models-title" className="scroll-mt-16 bg-slate-50 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <SectionHeading id="models-title" eyebrow={t("eyebrow")} title={t("title")}>
          <p>{t.rich("lead", richTags("rounded bg-slate-200/70 px-1.5 py-0.5 font-mono text-[0.9em] text-slate-800"))}</p>
        </SectionHeading>
        <p className="mt-8 text-sm text-slate-500">
          <span className="font-medium text-slate-700">{t("vendors")}</span>
          {vendors.join(" · ")}
        </p>
        <nav aria-label={t("areasNav")} className="mt-6">
          <ul className="flex flex-wrap gap-2">
            {areas.map((a) => (
              <li key={a.id}>
                <a
                  href={`#${a.id}`}
                  className="inline-flex rounded-full border border-slate-300 bg-white px-3.5 py-1.5 text-sm font-medium text-slate-700 transition hover:border-indigo-400 hover:text-indigo-700"
                >
                  {areaT(`${a.id}.title`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="mt-16 space-y-20">
          {areas.map((area, i) => (
            <ProductAreaSection key={area.id} area={area} index={i} />
          ))}
        </div>
      </div>
    </section>
  );
}
