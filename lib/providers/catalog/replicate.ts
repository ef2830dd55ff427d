import { REPLICATE_RATIOS } from "../replicate/transform";
import { single } from "../lineup";
import type { ProviderSpec } from "../types";
import { aspectRatio, seed } from "./shared-options";

export const fluxFast: ProviderSpec = {
  id: "flux-fast",
  name: "Flux Fast",
  vendor: "Replicate (Pruna)",
  description: "Pruna's optimised Flux (prunaai/flux-fast on Replicate) with several speed levels for near-instant generation.",
  features: ["One to a few seconds per image", "Four speed/consistency levels", "PNG, JPEG or WebP", "Cancel a running prediction"],
  limitations: ["Lower detail and consistency at the fastest level", "Text-to-image only", "One image per request"],
  credentials: ["REPLICATE_API_TOKEN"],
  quality: 70,
  models: {
    IMAGE: {
      lineup: single("flux-fast", "prunaai/flux-fast"),
      options: [
        aspectRatio(REPLICATE_RATIOS, "1:1"),
        {
          name: "quality",
          type: "STRING",
          description: "Pruna speed mode: fast = Extra Juiced, balanced = Juiced (Pruna's default), high = Lightly Juiced (more consistent), max = the unoptimised base model",
          allowedValues: ["fast", "balanced", "high", "max"],
          default: "balanced",
        },
        seed,
        { name: "format", type: "STRING", description: "File format", allowedValues: ["jpeg", "png", "webp"], default: "jpeg" },
      ],
      // Pruna's Flux costs well under a cent per image; the less optimised levels run longer on the GPU.
      price: (o) => (o.quality === "high" || o.quality === "max" ? 2 : 1),
      estimatedTime: (o) => ({ fast: 1, balanced: 2, high: 3, max: 5 })[String(o.quality) as "fast"] ?? 2,
    },
  },
};
