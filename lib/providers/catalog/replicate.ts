import type { ProviderSpec } from "../types";
import { IMAGE_RATIOS, aspectRatio, seed } from "./shared-options";

export const fluxFast: ProviderSpec = {
  id: "flux-fast",
  name: "Flux Fast",
  vendor: "Replicate (Pruna)",
  description: "An optimised Flux implementation with several quality levels for near-instant generation.",
  features: ["Sub-second to few-second images", "Quality levels"],
  limitations: ["Lower detail at the fastest level"],
  credentials: ["REPLICATE_API_TOKEN"],
  quality: 70,
  models: {
    IMAGE: {
      options: [
        aspectRatio(IMAGE_RATIOS, "1:1"),
        { name: "quality", type: "STRING", description: "Speed/quality trade-off", allowedValues: ["fast", "balanced", "high"], default: "balanced" },
        seed,
      ],
      price: (o) => (o.quality === "high" ? 2 : 1),
      estimatedTime: (o) => (o.quality === "fast" ? 1 : o.quality === "high" ? 4 : 2),
    },
  },
};
