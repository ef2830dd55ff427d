import { useTranslations } from "next-intl";
import { PreviewStrip } from "./preview-strip";
import { ProviderCard } from "./provider-card";
import type { ProductArea } from "./product-areas";
import { SectionHeading } from "./section-heading";

/** One product area: its heading, a count of what runs here, a card per AI model, then the local preview. */
export function ProductAreaSection({ area, index }: { area: ProductArea; index: number }) {
  const t = useTranslations("landing.models");
  const areaT = useTranslations("landing.areas");
  const title = areaT(`${area.id}.title`);
  const live = area.providers.filter((p) => p.available).length;
  const models = area.providers.filter((p) => !p.preview);
  const previews = area.providers.filter((p) => p.preview);
  // Full rows read better than a ragged last row: 4, 8… models go four across, everything else three.
  const wide = models.length % 4 === 0 ? "lg:grid-cols-4" : "lg:grid-cols-3";
  return (
    <section id={area.id} aria-labelledby={`${area.id}-title`} data-area={area.id} className="scroll-mt-24">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <SectionHeading id={`${area.id}-title`} eyebrow={t("areaEyebrow", { n: index + 1, title })} title={title} level={3}>
          <p>{areaT(`${area.id}.lead`)}</p>
        </SectionHeading>
        <p className="shrink-0 text-sm text-slate-500">
          {t("count", { models: models.length, preview: previews.length > 0 ? "yes" : "no", live })}
          <span className="sm:hidden" aria-hidden="true">
            {" · "}
            {t("swipe")}
          </span>
        </p>
      </div>
      {/* Phones get a swipeable row (two dozen stacked cards make a very long page); wider screens get a grid. */}
      <ul
        tabIndex={0}
        aria-label={t("providersOf", { title })}
        className={`-mx-4 mt-8 flex snap-x snap-mandatory scroll-px-4 gap-4 overflow-x-auto px-4 pb-4 sm:mx-0 sm:grid sm:grid-cols-2 sm:overflow-visible sm:px-0 sm:pb-0 ${wide}`}
      >
        {models.map((p) => (
          <ProviderCard key={p.id} provider={p} />
        ))}
      </ul>
      {previews.length > 0 ? (
        <ul aria-label={t("tryWithoutKeys")} className="mt-4 space-y-4">
          {previews.map((p) => (
            <PreviewStrip key={p.id} provider={p} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
