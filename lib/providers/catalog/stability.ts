import { modelOption } from "../lineup";
import { ignored } from "../unified/treatment";
import { NEAREST_RATIO, STABILITY_LINEUP, STABILITY_RATIOS, reconcileStability } from "../stability/transform";
import { rate } from "../rates";
import type { ProviderSpec } from "../types";
import { aspectRatio, negativePrompt, seed, style } from "./shared-options";

// Stability bills 1 credit = $0.01 per image, `<model>.perImage` in the price list (first list: Core 3, Ultra 8,
// SD 3.5 Large 6.5, Large Turbo 4, Medium 3.5, rounded up; v2beta OpenAPI, checked 2026-12-05). Unknown: as Core.
const SECONDS: Record<string, number> = { core: 4, ultra: 10, "sd3.5-large": 8, "sd3.5-large-turbo": 4, "sd3.5-medium": 6 };

export const stableDiffusion: ProviderSpec = {
  id: "stable-diffusion",
  name: "Stable Diffusion",
  vendor: "Stability AI",
  description: "The industry-standard open-source models with the widest customisation.",
  features: [
    "Stable Image Core and Ultra, SD 3.5 Large, Large Turbo and Medium",
    "Negative prompts",
    "Style presets (cinematic, anime, photographic…)",
    "PNG, JPEG or WebP",
    "Self-hosted ComfyUI backend when the server sets COMFYUI_URL",
  ],
  limitations: ["Text-to-image only", "4:3 and 3:4 are made as 5:4 and 4:5", "No progress reports: the image arrives in one piece"],
  credentials: ["STABILITY_API_KEY"],
  /** A self-hosted ComfyUI (COMFYUI_URL) needs no Stability key. */
  credentialSets: [["STABILITY_API_KEY"], ["COMFYUI_URL"]],
  quality: 76,
  models: {
    IMAGE: {
      lineup: STABILITY_LINEUP,
      options: [
        modelOption(STABILITY_LINEUP, { description: "core = Stable Image Core (fast), ultra = Stable Image Ultra (best), or an SD 3.5 model", default: "core" }),
        aspectRatio([...STABILITY_RATIOS, ...Object.keys(NEAREST_RATIO)], "1:1"),
        negativePrompt,
        seed,
        { ...style, description: "Visual style: a Stability style preset where one matches, otherwise added to the prompt" },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["png", "jpeg", "webp"], default: "png" },
      ],
      // Stability v2beta stable-image generate (prompt, negative_prompt, aspect_ratio, seed, style_preset,
      // output_format; model chosen by endpoint), checked 2026-12-05.
      unified: {
        resolution: ignored("Stability sizes the image from the aspect ratio (about 1 MP; 4 MP on Ultra)"),
        quality: ignored("choose the model instead: core (fast), ultra (best), or an SD 3.5 model"),
      },
      cost: (rates, o) => rates[`${String(o.model)}.perImage`] ?? rate(rates, "core.perImage"),
      estimatedTime: (o) => SECONDS[String(o.model)] ?? 6,
      reconcile: reconcileStability,
    },
  },
};
