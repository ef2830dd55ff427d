import type { ProviderSpec } from "../types";
import { aspectRatio, negativePrompt, seed } from "./shared-options";

export const stableDiffusion: ProviderSpec = {
  id: "stable-diffusion",
  name: "Stable Diffusion",
  vendor: "Stability AI",
  description: "The industry-standard open-source models with the widest customisation.",
  features: ["SD 3.5 Large/Medium, Stable Image Core and Ultra", "Negative prompts", "Self-hosted ComfyUI option"],
  limitations: [],
  credentials: ["STABILITY_API_KEY"],
  quality: 76,
  models: {
    IMAGE: {
      options: [
        { name: "model", type: "STRING", description: "Stability model", allowedValues: ["core", "sd3.5-large", "sd3.5-medium", "ultra"], default: "core" },
        aspectRatio(["1:1", "16:9", "9:16", "21:9", "4:3", "3:4"], "1:1"),
        negativePrompt,
        seed,
        { name: "format", type: "STRING", description: "File format", allowedValues: ["png", "jpeg", "webp"], default: "png" },
      ],
      price: (o) => ({ core: 3, "sd3.5-large": 7, "sd3.5-medium": 4, ultra: 8 })[String(o.model) as "core"] ?? 3,
      estimatedTime: () => 6,
    },
  },
};
