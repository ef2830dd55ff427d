import { getTranslations } from "next-intl/server";
import { ClosingCta } from "@/components/landing/closing-cta";
import { Features } from "@/components/landing/features";
import { Hero } from "@/components/landing/hero";
import { ModelsSection } from "@/components/landing/models-section";
import { catalogStats, productAreas } from "@/components/landing/product-areas";
import { currentPriceBook } from "@/lib/prices/price-book";
import { QuickStart } from "@/components/landing/quick-start";
import { ReferenceSection } from "@/components/landing/reference-section";
import { requestOrigin } from "@/components/landing/server-origin";
import { SiteFooter } from "@/components/landing/site-footer";
import { SiteHeader } from "@/components/landing/site-header";

// Provider availability depends on this server's keys and the samples on the host the visitor used: render per request.
export const dynamic = "force-dynamic";

// GET / — the landing page, rendered from the live catalog, plan table and error table.
export default async function LandingPage() {
  const graphqlUrl = `${await requestOrigin()}/graphql`;
  const stats = catalogStats();
  const t = await getTranslations("common");
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-slate-900"
      >
        {t("skipToContent")}
      </a>
      <SiteHeader />
      <main id="main">
        <Hero stats={stats} graphqlUrl={graphqlUrl} />
        <ModelsSection areas={productAreas(await currentPriceBook())} vendors={stats.vendorNames} />
        <Features />
        <QuickStart graphqlUrl={graphqlUrl} />
        <ReferenceSection />
        <div className="bg-slate-50">
          <ClosingCta />
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
