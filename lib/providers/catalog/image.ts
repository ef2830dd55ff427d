import type { ModelSpec, OptionSpec, Options, ProviderSpec } from "../types";
import { aspectRatio, negativePrompt, seed } from "./shared-options";

const IMAGE_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9"];
const count: OptionSpec = { name: "count", type: "INT", description: "Number of images", min: 1, max: 4, default: 1 };
const n = (o: Options) => Number(o.count ?? 1);

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

export const imagen: ProviderSpec = {
  id: "imagen",
  name: "Google Imagen",
  vendor: "Google",
  description: "Google's most advanced image model with photorealistic quality and exceptional prompt adherence. Multiple sub-models available.",
  features: ["Imagen 4, 4 Ultra and 4 Fast", "Up to 4 images per request", "Text rendering"],
  limitations: ["Served through Vertex AI"],
  credentials: ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"],
  quality: 92,
  models: {
    IMAGE: {
      options: [
        { name: "model", type: "STRING", description: "Imagen sub-model", allowedValues: ["imagen-4", "imagen-4-ultra", "imagen-4-fast"], default: "imagen-4" },
        aspectRatio(["1:1", "3:4", "4:3", "9:16", "16:9"], "1:1"),
        count,
        seed,
      ],
      price: (o) => n(o) * (o.model === "imagen-4-ultra" ? 6 : o.model === "imagen-4-fast" ? 2 : 4),
      estimatedTime: (o) => (o.model === "imagen-4-fast" ? 4 : 10),
    },
  },
};

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

export const kolors: ProviderSpec = {
  id: "kolors",
  name: "Kolors",
  vendor: "Kuaishou",
  description: "An advanced Chinese image model with a strong grasp of styles and artistic taste.",
  features: ["1K and 2K output", "Subject and face reference", "Up to 9 images"],
  limitations: ["Served through Kling's API"],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 78,
  models: {
    IMAGE: {
      options: [aspectRatio(IMAGE_RATIOS, "1:1"), { name: "resolution", type: "STRING", description: "1k or 2k", allowedValues: ["1k", "2k"], default: "1k" }, { ...count, max: 9 }, negativePrompt],
      price: (o) => n(o) * (o.resolution === "2k" ? 3 : 2),
      estimatedTime: () => 20,
      inputs: { image: "optional" },
    },
  },
};

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
