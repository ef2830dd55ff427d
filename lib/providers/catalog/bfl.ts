import type { ModelSpec, OptionSpec, ProviderSpec } from "../types";
import { IMAGE_RATIOS, aspectRatio, resolution, seconds, seed, speed } from "./shared-options";

function bfl(id: string, name: string, description: string, credits: number, seconds: number, extra: OptionSpec[] = [], quality = 80): ProviderSpec {
  const model: ModelSpec = {
    options: [aspectRatio(IMAGE_RATIOS, "1:1"), seed, ...extra],
    price: () => credits,
    estimatedTime: () => seconds,
    inputs: { image: "optional" },
  };
  return {
    id,
    name,
    vendor: "Black Forest Labs",
    description,
    features: ["Prompt upsampling", "Seeded results", "Safety tolerance control"],
    limitations: ["Result URLs expire after 10 minutes (we copy them at once)"],
    credentials: ["BFL_API_KEY"],
    quality,
    models: { IMAGE: model },
  };
}

export const fluxDev = bfl("flux-dev", "FLUX.1 [dev]", "A model for fast development and iteration. The balance of speed and quality for prototyping.", 3, 8, [], 74);

export const fluxPro = bfl("flux-pro", "FLUX.1 [pro]", "Professional image generation with enhanced detail and artistic control. Very stable.", 5, 10, [], 84);

export const flux11Pro = bfl("flux-1.1-pro", "FLUX1.1 [pro]", "Enhanced version with better prompt understanding and faster generation. Better composition.", 4, 6, [], 87);

export const fluxUltra = bfl(
  "flux-ultra",
  "FLUX1.1 [pro] Ultra",
  "Maximum image quality. Extreme detail and resolution for the most demanding projects.",
  6,
  12,
  [{ name: "quality", type: "STRING", description: "ultra = 4 MP polished; raw = natural, less processed look", allowedValues: ["ultra", "raw"], default: "ultra" }],
  93,
);

export const fluxKontext = bfl(
  "flux-kontext",
  "FLUX.1 Kontext",
  "Specialised for context-aware generation and editing with Pro and Max modes. Excellent for specific style requirements.",
  5,
  10,
  [{ name: "mode", type: "STRING", description: "pro or max", allowedValues: ["pro", "max"], default: "pro" }],
  88,
);
