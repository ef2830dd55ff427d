import { REPLICATE_RATIOS, SPEED_MODES } from "../replicate/transform";
import { single } from "../lineup";
import { ignored } from "../unified/treatment";
import { rate } from "../rates";
import type { ProviderSpec } from "../types";
import { aspectRatio, seed } from "./shared-options";

export const fluxFast: ProviderSpec = {
  id: "flux-fast",
  name: "Flux Fast",
  vendor: "Replicate (Pruna)",
  description: "Pruna's optimised Flux (prunaai/flux-fast on Replicate) with several speed levels for near-instant generation.",
  features: ["One to a few seconds per image", "Four speed/consistency levels (Pruna's speed modes)", "PNG, JPEG or WebP", "Cancel a running prediction"],
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
          description: "Pruna speed mode: instant = Blink of an eye, fast = Extra Juiced, balanced = Juiced (Pruna's default), high = Lightly Juiced (more consistent)",
          allowedValues: Object.keys(SPEED_MODES),
          default: "balanced",
        },
        seed,
        { name: "format", type: "STRING", description: "File format", allowedValues: ["jpeg", "png", "webp"], default: "jpeg" },
      ],
      // prunaai/flux-fast inputs on Replicate (prompt, aspect_ratio, speed_mode, seed, output_format), checked 2026-12-05.
      unified: {
        quality: { kind: "native", map: (v) => ({ draft: "instant", standard: "balanced" })[String(v)], nearest: () => "high", note: "Pruna's speed modes" },
        resolution: ignored("flux-fast makes about 1 MP at every shape"),
        negativePrompt: ignored("flux-fast takes no negative prompt"),
      },
      // Replicate bills this model per output image, well under a cent at every speed mode (first list: 1).
      cost: (rates) => rate(rates, "perImage"),
      estimatedTime: (o) => ({ instant: 1, fast: 1, balanced: 2, high: 3 })[String(o.quality) as "fast"] ?? 2,
    },
  },
};
