import type { PriceBook } from "@/lib/prices/price-book";
import { CATALOG, modelFor, providersFor } from "@/lib/providers/catalog";
import { type ProviderListing, listProviders } from "@/lib/providers/list-providers";
import { availability } from "@/lib/providers/registry";
import type { GenerationType } from "@/lib/providers/types";
import { vendorSetting } from "@/lib/env";

/**
 * The four product areas of the landing page, built from the live catalog. Kept free of JSX so the e2e test can
 * import the same rules and check that every provider the catalog puts in an area is shown there.
 */
export interface AreaProvider extends ProviderListing {
  /** Which generation type this listing is priced for (Avatars/TTS mixes AVATAR and AUDIO). */
  type: GenerationType;
  /** How the provider uses a start image for video: only meaningful in the Image-to-Video area. */
  image?: "optional" | "required";
  /** Environment variables this server still needs before it can call the vendor. */
  missingKeys: string[];
  /** Short labels shown on the card (what kind of output, whether an image is needed): keys of landing.tags. */
  tags: string[];
  /** True when `pricing.creditCost` is the cheapest of several outputs (the preview does speech and avatars). */
  priceFrom?: boolean;
}

export interface ProductArea {
  id: "text-to-video" | "text-to-image" | "image-to-video" | "avatars-speech";
  providers: AreaProvider[];
}

function extras(providerId: string, type: GenerationType): Pick<AreaProvider, "image" | "missingKeys"> {
  const spec = CATALOG.find((p) => p.id === providerId);
  return {
    image: spec ? modelFor(spec, type)?.inputs?.image : undefined,
    missingKeys: (spec?.credentials ?? []).filter((name) => !vendorSetting(name)),
  };
}

const listed = (prices: PriceBook, type: GenerationType, tags: string[] = []): AreaProvider[] =>
  listProviders(type, "LIVE", prices).map((p) => ({ ...p, type, ...extras(p.id, type), tags }));

const IMAGE_TAG = { optional: "textOrImage", required: "imageRequired" } as const;

/**
 * Avatars and speech are two types; a provider doing both (the local preview) is shown once, priced "from" its
 * cheaper output, and listed last because it is a testing aid, not what people come to buy.
 */
function avatarsAndSpeech(prices: PriceBook): AreaProvider[] {
  const avatars = listed(prices, "AVATAR", ["avatar"]);
  const speech = listed(prices, "AUDIO", ["speech"]);
  const both = avatars.filter((a) => speech.some((s) => s.id === a.id));
  const merged = both.map((a) => {
    const s = speech.find((x) => x.id === a.id) as AreaProvider;
    const cheaper = s.pricing.creditCost < a.pricing.creditCost ? s : a;
    return { ...cheaper, tags: [...a.tags, ...s.tags], priceFrom: s.pricing.creditCost !== a.pricing.creditCost };
  });
  const single = [...avatars, ...speech].filter((p) => !both.some((b) => b.id === p.id));
  return [...single, ...merged].sort((a, b) => Number(a.preview) - Number(b.preview));
}

/** The landing page's areas, priced with the lists in force (`prices`: currentPriceBook()). */
export function productAreas(prices: PriceBook): ProductArea[] {
  const video = listed(prices, "VIDEO");
  return [
    {
      id: "text-to-video",
      // A provider that cannot start without an image is not text-to-video, so it is listed only below.
      providers: video.filter((p) => p.image !== "required"),
    },
    {
      id: "text-to-image",
      providers: listed(prices, "IMAGE"),
    },
    {
      id: "image-to-video",
      providers: video.filter((p) => p.image !== undefined).map((p) => ({ ...p, tags: [IMAGE_TAG[p.image ?? "optional"]] })),
    },
    {
      id: "avatars-speech",
      providers: avatarsAndSpeech(prices),
    },
  ];
}

/** Headline numbers, counted from the catalog rather than typed in, so they stay true as providers change. */
export function catalogStats() {
  const models = CATALOG.filter((p) => !p.preview);
  const live = new Set(
    (["VIDEO", "IMAGE", "AUDIO", "AVATAR"] as const).flatMap((t) =>
      providersFor(t)
        .filter((p) => availability(p, "LIVE").available)
        .map((p) => p.id),
    ),
  );
  const vendorNames = [...new Set(models.map((p) => p.vendor))];
  return {
    providers: models.length,
    vendors: vendorNames.length,
    vendorNames,
    availableHere: live.size,
  };
}
