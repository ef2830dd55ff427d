import { ProductAreaSection } from "./product-area-section";
import type { ProductArea } from "./product-areas";
import { SectionHeading } from "./section-heading";

/** The catalog, grouped the way the product page sells it. Prices are with each provider's default options. */
export function ModelsSection({ areas, vendors }: { areas: ProductArea[]; vendors: string[] }) {
  return (
    <section id="models" aria-labelledby="models-title" className="scroll-mt-16 bg-slate-50 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <SectionHeading id="models-title" eyebrow="Models" title="Every leading model behind one endpoint">
          <p>
            Name a provider for full control, or leave it out and let the API choose by quality, speed or cost. Prices
            below are in credits with default options; the exact cost of any request is shown before it runs by the{" "}
            <code className="rounded bg-slate-200/70 px-1.5 py-0.5 font-mono text-[0.9em] text-slate-800">estimate</code> query.
          </p>
        </SectionHeading>
        <p className="mt-8 text-sm text-slate-500">
          <span className="font-medium text-slate-700">Vendors: </span>
          {vendors.join(" · ")}
        </p>
        <nav aria-label="Product areas" className="mt-6">
          <ul className="flex flex-wrap gap-2">
            {areas.map((a) => (
              <li key={a.id}>
                <a
                  href={`#${a.id}`}
                  className="inline-flex rounded-full border border-slate-300 bg-white px-3.5 py-1.5 text-sm font-medium text-slate-700 transition hover:border-indigo-400 hover:text-indigo-700"
                >
                  {a.title}
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
