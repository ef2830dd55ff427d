import { PreviewStrip } from "./preview-strip";
import { ProviderCard } from "./provider-card";
import type { ProductArea } from "./product-areas";
import { SectionHeading } from "./section-heading";

/** One product area: its heading, a count of what runs here, a card per AI model, then the local preview. */
export function ProductAreaSection({ area, index }: { area: ProductArea; index: number }) {
  const live = area.providers.filter((p) => p.available).length;
  const models = area.providers.filter((p) => !p.preview);
  const previews = area.providers.filter((p) => p.preview);
  // Full rows read better than a ragged last row: 4, 8… models go four across, everything else three.
  const wide = models.length % 4 === 0 ? "lg:grid-cols-4" : "lg:grid-cols-3";
  return (
    <section id={area.id} aria-labelledby={`${area.id}-title`} data-area={area.id} className="scroll-mt-24">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <SectionHeading id={`${area.id}-title`} eyebrow={`0${index + 1} · ${area.title} API`} title={area.title} level={3}>
          <p>{area.lead}</p>
        </SectionHeading>
        <p className="shrink-0 text-sm text-slate-500">
          {models.length} models{previews.length > 0 ? " + local preview" : ""} · {live} live on this server
          <span className="sm:hidden" aria-hidden="true">
            {" "}
            · swipe →
          </span>
        </p>
      </div>
      {/* Phones get a swipeable row (two dozen stacked cards make a very long page); wider screens get a grid. */}
      <ul
        tabIndex={0}
        aria-label={`${area.title} providers`}
        className={`-mx-4 mt-8 flex snap-x snap-mandatory scroll-px-4 gap-4 overflow-x-auto px-4 pb-4 sm:mx-0 sm:grid sm:grid-cols-2 sm:overflow-visible sm:px-0 sm:pb-0 ${wide}`}
      >
        {models.map((p) => (
          <ProviderCard key={p.id} provider={p} />
        ))}
      </ul>
      {previews.length > 0 ? (
        <ul aria-label="Try it without vendor keys" className="mt-4 space-y-4">
          {previews.map((p) => (
            <PreviewStrip key={p.id} provider={p} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
