import { BFL_RATIOS, type BflProviderId, reconcileBfl } from "../bfl/transform";
import { single } from "../lineup";
import { ignored, type Treatment } from "../unified/treatment";
import { rate } from "../rates";
import type { Lineup, ModelSpec, OptionSpec, Options, ProviderSpec, Rates } from "../types";
import { aspectRatio, seed } from "./shared-options";

/**
 * Where the statuses come from (checked 2026-12-05). BFL's own API notes (black-forest-labs/skills,
 * skills/bfl-api/references/endpoints.md and flux-best-practices/rules/flux1-models.md, commit c76d724) call the
 * FLUX.1 family "legacy" and FLUX.1 Kontext "deprecated" in favour of FLUX.2, but announce no date: every model
 * here is still served, so all stay GA until BFL names a sunset. flux-pro (1.0) and flux-dev are no longer in BFL's
 * endpoint list nor in @ai-sdk/black-forest-labs@2.0.41's model ids [U: still answered by api.bfl.ai?].
 */
const SOURCE = "black-forest-labs/skills (commit c76d724) and @ai-sdk/black-forest-labs@2.0.41, checked 2026-12-05";
const LEGACY = `${SOURCE}: legacy per BFL (FLUX.2 preferred), no sunset announced`;

// Options every FLUX endpoint on api.bfl.ai takes.
const common: OptionSpec[] = [
  aspectRatio(BFL_RATIOS, "1:1"),
  seed,
  { name: "promptUpsampling", type: "BOOLEAN", description: "Let BFL rewrite the prompt for a more creative result", default: false },
  { name: "safetyTolerance", type: "INT", description: "Moderation of input and output: 0 strictest, 6 most permissive (Kontext edits: at most 2)", min: 0, max: 6, default: 2 },
  { name: "format", type: "STRING", description: "File format", allowedValues: ["jpeg", "png"], default: "jpeg" },
];

const steps = (fallback: number): OptionSpec => ({
  name: "steps",
  type: "INT",
  description: "Diffusion steps: more is slower and more detailed",
  min: 1,
  max: 50,
  default: fallback,
});
const guidance = (fallback: number): OptionSpec => ({
  name: "guidance",
  type: "FLOAT",
  description: "Prompt adherence: higher follows the prompt more closely at some cost in realism",
  min: 1.5,
  max: 5,
  default: fallback,
});

interface FluxModel {
  id: BflProviderId;
  name: string;
  description: string;
  /** US cents for the given options from the price list (BFL's price, rounded up to a cent). */
  cost: (rates: Rates, o: Options) => number;
  seconds: number;
  extra?: OptionSpec[];
  features: string[];
  quality: number;
  imageUse: string;
  /** Vendor models behind this id when there are several (Kontext pro/max); default: one, named as ours. */
  lineup?: Lineup;
  /** How this endpoint treats the portable `quality` (default: ignored). */
  qualityTreatment?: Treatment;
}

/**
 * BFL's FLUX endpoints take prompt, aspect_ratio (or width/height), seed, output_format, steps and guidance where
 * listed, prompt_upsampling and safety_tolerance; no negative prompt and no size tier (black-forest-labs/skills
 * endpoints.md, commit c76d724, checked 2026-12-05).
 */
const BFL_UNIFIED = {
  resolution: ignored("FLUX sizes the image from the aspect ratio (about 1 MP; 4 MP on Ultra)"),
  negativePrompt: ignored("FLUX takes no negative prompt"),
} as const;

/** Steps are FLUX's own speed-against-detail knob on the endpoints that take them. */
const QUALITY_AS_STEPS: Treatment = { kind: "native", option: "steps", map: (v) => ({ draft: 12, standard: 28, high: 40, ultra: 50 })[String(v)] };

function bfl(m: FluxModel): ProviderSpec {
  const model: ModelSpec = {
    lineup: m.lineup ?? single(m.id, m.id, { source: `${SOURCE}: not in BFL's current endpoint list, no sunset announced [U]` }),
    options: [...common, ...(m.extra ?? [])],
    unified: { ...BFL_UNIFIED, quality: m.qualityTreatment ?? ignored("this FLUX endpoint has no quality or steps setting") },
    cost: (rates, o) => m.cost(rates, o),
    estimatedTime: () => m.seconds,
    inputs: { image: "optional" },
    reconcile: reconcileBfl(m.id),
  };
  return {
    id: m.id,
    name: m.name,
    vendor: "Black Forest Labs",
    description: m.description,
    features: [...m.features, m.imageUse, "Prompt upsampling", "Seeded results", "Safety tolerance control"],
    limitations: ["Result links expire after 10 minutes (we copy them at once)", "One image per request", "No cancel once submitted"],
    credentials: ["BFL_API_KEY"],
    quality: m.quality,
    models: { IMAGE: model },
  };
}

const perImage = (rates: Rates) => rate(rates, "perImage");
const imagePrompt = "Optional input image as an image prompt (Redux)";

// Prices (`perImage`, Kontext `<mode>.perImage`, in the price list): BFL lists flux-dev $0.025, flux-pro $0.05,
// FLUX1.1 [pro] $0.04, Ultra $0.06, Kontext [pro] $0.04, [max] $0.08.
export const fluxDev = bfl({
  id: "flux-dev",
  name: "FLUX.1 [dev]",
  description: "A model for fast development and iteration. The balance of speed and quality for prototyping.",
  cost: perImage,
  seconds: 8,
  extra: [steps(28), guidance(3)],
  qualityTreatment: QUALITY_AS_STEPS,
  features: ["Adjustable steps and guidance"],
  imageUse: imagePrompt,
  quality: 74,
});

export const fluxPro = bfl({
  id: "flux-pro",
  name: "FLUX.1 [pro]",
  description: "Professional image generation with enhanced detail and artistic control. Very stable.",
  cost: perImage,
  seconds: 10,
  extra: [steps(40), guidance(2.5)],
  qualityTreatment: QUALITY_AS_STEPS,
  features: ["Adjustable steps and guidance"],
  imageUse: imagePrompt,
  quality: 84,
});

export const flux11Pro = bfl({
  id: "flux-1.1-pro",
  lineup: single("flux-1.1-pro", "flux-pro-1.1", { source: LEGACY }),
  name: "FLUX1.1 [pro]",
  description: "Enhanced version with better prompt understanding and faster generation. Better composition.",
  cost: perImage,
  seconds: 6,
  features: ["About 1 megapixel at every frame shape"],
  imageUse: imagePrompt,
  quality: 87,
});

export const fluxUltra = bfl({
  id: "flux-ultra",
  lineup: single("flux-ultra", "flux-pro-1.1-ultra", { source: `${SOURCE}: in the SDK's model ids, no sunset announced` }),
  name: "FLUX1.1 [pro] Ultra",
  description: "Maximum image quality. Extreme detail and resolution for the most demanding projects.",
  cost: perImage,
  seconds: 12,
  extra: [{ name: "quality", type: "STRING", description: "ultra = 4 MP polished; raw = natural, less processed look", allowedValues: ["ultra", "raw"], default: "ultra" }],
  // Ultra is always its best quality; its own `raw` is a look, not a speed.
  qualityTreatment: { kind: "native", nearest: () => "ultra", note: "Ultra renders at full quality only" },
  features: ["Up to 4 megapixels", "Raw mode for a natural look"],
  imageUse: imagePrompt,
  quality: 93,
});

export const fluxKontext = bfl({
  id: "flux-kontext",
  name: "FLUX.1 Kontext",
  description: "Specialised for context-aware generation and editing with Pro and Max modes. Excellent for specific style requirements.",
  cost: (rates, o) => rate(rates, o.mode === "max" ? "max.perImage" : "pro.perImage"),
  seconds: 10,
  lineup: {
    option: "mode",
    models: [
      { id: "pro", vendorModelId: "flux-kontext-pro", status: "GA", source: LEGACY },
      { id: "max", vendorModelId: "flux-kontext-max", status: "GA", source: LEGACY },
    ],
  },
  extra: [
    {
      name: "mode",
      type: "STRING",
      description: "pro = flux-kontext-pro; max = flux-kontext-max (best prompt following and typography, twice the price)",
      allowedValues: ["pro", "max"],
      default: "pro",
    },
  ],
  features: ["Edits an input image from a text instruction", "Keeps the input image's frame shape when editing"],
  imageUse: "Optional input image to edit (without one it makes a new image)",
  quality: 88,
});
