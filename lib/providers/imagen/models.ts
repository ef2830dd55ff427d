import { dearest } from "../rates";
import type { Lineup, Options, Rates } from "../types";

/**
 * Google's image models behind `imagen` (the provider id the product page names; it now means Google's current image
 * models, the Gemini "Nano Banana" family, reached through `generateContent`). One table feeds the catalog lineup,
 * the options, reconcile, the request and the price.
 *
 * Sources (checked 2026-12-05):
 * - Gemini API changelog https://ai.google.dev/gemini-api/docs/changelog: 2026-05-28 gemini-3.1-flash-image and
 *   gemini-3-pro-image GA; 2026-06-15 imagen-4.0-{generate,ultra-generate,fast-generate}-001 shut down 2026-08-17;
 *   2026-06-30 gemini-3.1-flash-lite-image GA; 2026-10-06 gemini-nano-banana-2.1 GA and gemini-3.1-flash-image
 *   deprecated "(no shutdown date announced)", migrate to gemini-nano-banana-2.1.
 * - Firebase AI Logic, "Migrate from Imagen to Gemini Image": the Imagen shutdown covers the Gemini Developer API and
 *   Vertex AI alike; imagen-4.0-ultra → gemini-3-pro-image, imagen-4.0 / -fast → the Flash image model.
 * - Sizes and aspect ratios: model pages (gemini-3.1-flash-lite-image: 1K only, 14 ratios), the 2026-10-06
 *   changelog (2.1: 1K/2K/4K, adds 1:4 4:1 1:8 8:1), `@google/genai` 3.1.0 ImageConfig (Pro: the 10 classic ratios);
 *   512 exists only on gemini-3.1-flash-image (2.1 answers 400 to it, per LiteLLM/laozhang notes — not Google's).
 * - Prices: image output per MTok — 2.1 $30 ($0.0336 per 1K image, LiteLLM day-0 notes; 4K $0.1134, inference.sh),
 *   Flash $60 (512 $0.045, 1K $0.067, 2K $0.101, 4K $0.151), Pro $120 (1K/2K $0.134, 4K $0.24), Lite $30 (1K).
 *   Google's own pricing page could not be read here; the 2K price of 2.1 is derived from its token rate.
 */
export interface GeminiImageModel {
  /** `imageConfig.imageSize` values it takes. */
  sizes: readonly string[];
  aspectRatios: readonly string[];
  /** `thinkingConfig.thinkingLevel` values it takes (lowercase here, upper case on the wire); none: no control. */
  thinking: readonly string[];
  /** Typical seconds for a 1K image. */
  seconds: number;
}

const CLASSIC_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] as const;
export const ASPECT_RATIOS = [...CLASSIC_RATIOS, "1:4", "4:1", "1:8", "8:1"] as const;

export const IMAGE_MODELS: Record<string, GeminiImageModel> = {
  "nano-banana-2.1": {
    sizes: ["1K", "2K", "4K"],
    aspectRatios: ASPECT_RATIOS,
    thinking: ["minimal", "medium", "high"],
    seconds: 12,
  },
  "nano-banana-pro": { sizes: ["1K", "2K", "4K"], aspectRatios: CLASSIC_RATIOS, thinking: [], seconds: 25 },
  "nano-banana-2": {
    sizes: ["512", "1K", "2K", "4K"],
    aspectRatios: ASPECT_RATIOS,
    thinking: ["minimal", "high"],
    seconds: 15,
  },
  "nano-banana-2-lite": { sizes: ["1K"], aspectRatios: ASPECT_RATIOS, thinking: ["minimal", "high"], seconds: 4 },
};

const CHANGELOG = "https://ai.google.dev/gemini-api/docs/changelog, checked 2026-12-05";

export const IMAGE_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "nano-banana-2.1", vendorModelId: "gemini-nano-banana-2.1", status: "GA", source: `${CHANGELOG} (GA 2026-10-06)` },
    { id: "nano-banana-pro", vendorModelId: "gemini-3-pro-image", status: "GA", source: `${CHANGELOG} (GA 2026-05-28)` },
    { id: "nano-banana-2-lite", vendorModelId: "gemini-3.1-flash-lite-image", status: "GA", source: `${CHANGELOG} (GA 2026-06-30)` },
    // Deprecated on 2026-10-06 with no shutdown date announced by Google (LiteLLM reports 2026-10-29 for the
    // Gemini API; not confirmed by a Google page), so no sunsetAt.
    { id: "nano-banana-2", vendorModelId: "gemini-3.1-flash-image", status: "DEPRECATED", successor: "nano-banana-2.1", source: `${CHANGELOG} (deprecated 2026-10-06)` },
    { id: "imagen-4", vendorModelId: "imagen-4.0-generate-001", status: "RETIRED", sunsetAt: "2026-08-17", successor: "nano-banana-2.1", source: `${CHANGELOG} (2026-06-15)` },
    {
      id: "imagen-4-ultra",
      vendorModelId: "imagen-4.0-ultra-generate-001",
      status: "RETIRED",
      sunsetAt: "2026-08-17",
      successor: "nano-banana-pro",
      source: `${CHANGELOG} (2026-06-15)`,
    },
    {
      id: "imagen-4-fast",
      vendorModelId: "imagen-4.0-fast-generate-001",
      status: "RETIRED",
      sunsetAt: "2026-08-17",
      successor: "nano-banana-2-lite",
      source: `${CHANGELOG} (2026-06-15)`,
    },
  ],
};

export const DEFAULT_IMAGE_MODEL = "nano-banana-2.1";

export const imageModelId = (o: Options): string => (String(o.model) in IMAGE_MODELS ? String(o.model) : DEFAULT_IMAGE_MODEL);
export const imageModel = (o: Options): GeminiImageModel => IMAGE_MODELS[imageModelId(o)];

export function imageVendorModelId(o: Options): string {
  const id = imageModelId(o);
  return IMAGE_LINEUP.models.find((m) => m.id === id)?.vendorModelId ?? "gemini-nano-banana-2.1";
}

/** Our `resolution` option (512, 1k, 2k, 4k) → Google's `imageSize` (512, 1K, 2K, 4K: upper-case K). */
export const imageSize = (resolution: unknown): string => (typeof resolution === "string" || typeof resolution === "number" ? String(resolution) : "1k").toUpperCase();

/**
 * Google bills the image's output tokens, a fixed count per size: US cents per image, rounded up,
 * `<model>.<size>.perImage` in the price list; a size without its own rate costs the model's dearest.
 */
export function imageCost(rates: Rates, o: Options): number {
  const id = imageModelId(o);
  return rates[`${id}.${imageSize(o.resolution)}.perImage`] ?? dearest(rates, `${id}.`, ".perImage");
}

export function imageSeconds(o: Options): number {
  const size = imageSize(o.resolution);
  return imageModel(o).seconds + (size === "4K" ? 15 : size === "2K" ? 6 : 0);
}
