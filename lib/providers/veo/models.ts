import { dearest } from "../rates";
import type { Lineup, Options, Rates } from "../types";

/**
 * The Veo models behind `veo`, and what each can do. One table feeds the catalog lineup, the model option,
 * reconcile, the request and the price.
 *
 * Sources (checked 2026-12-05):
 * - Gemini API changelog, 2026-06-15: veo-2.0/3.0/3.0-fast shut down 2026-06-30 on the Gemini API and Vertex AI
 *   ("Gemini Enterprise Agent Platform"); successors veo-3.1-generate-001 / veo-3.1-fast-generate-001 (Agent Platform
 *   model versions page). https://ai.google.dev/gemini-api/docs/changelog
 * - The Gemini API's veo-3.1-*-preview ids shut down 2026-10-22 (deprecations page, as reported by APIYI's notice
 *   of 2026-10-25); Veo now runs only on Vertex AI, where 3.1 and 3.1 Fast are GA and 3.1 Lite is in preview
 *   (apidog, "Gemini Omni 1.2 Flash or Veo", 2026-11-06, citing Google's docs).
 * - Durations, resolutions, the 8 s rule and prices: https://ai.google.dev/gemini-api/docs/veo and /pricing as quoted
 *   verbatim on 2026-09-24 (the last copies of those pages that describe Veo 3.1): 1080p and 4K only at 8 s, 4K not
 *   on Lite; per second with audio: 3.1 $0.40 (720p/1080p) $0.60 (4K); Fast $0.10/$0.12/$0.30; Lite $0.05/$0.08.
 *   Vertex AI's own price list was not reachable here; the Gemini API list prices are used for it.
 */
export interface VeoModel {
  resolutions: readonly string[];
  lastFrame: boolean;
  /** Takes `referenceImages` (subject/asset images) instead of a first frame. */
  references: boolean;
}

export const VEO_MODELS: Record<string, VeoModel> = {
  "veo-3.1": { resolutions: ["720p", "1080p", "4k"], lastFrame: true, references: true },
  "veo-3.1-fast": { resolutions: ["720p", "1080p", "4k"], lastFrame: true, references: true },
  "veo-3.1-lite": { resolutions: ["720p", "1080p"], lastFrame: false, references: false },
};

const RETIRED_SOURCE = "https://ai.google.dev/gemini-api/docs/changelog (2026-06-15), checked 2026-12-05";

export const VEO_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "veo-3.1", vendorModelId: "veo-3.1-generate-001", status: "GA", source: "Vertex AI (Agent Platform) model versions, checked 2026-12-05" },
    { id: "veo-3.1-fast", vendorModelId: "veo-3.1-fast-generate-001", status: "GA", source: "Vertex AI (Agent Platform) model versions, checked 2026-12-05" },
    { id: "veo-3.1-lite", vendorModelId: "veo-3.1-lite-generate-001", status: "PREVIEW", source: "Vertex AI (Agent Platform) model versions, checked 2026-12-05" },
    { id: "veo-3", vendorModelId: "veo-3.0-generate-001", status: "RETIRED", sunsetAt: "2026-06-30", successor: "veo-3.1", source: RETIRED_SOURCE },
    { id: "veo-3-fast", vendorModelId: "veo-3.0-fast-generate-001", status: "RETIRED", sunsetAt: "2026-06-30", successor: "veo-3.1-fast", source: RETIRED_SOURCE },
  ],
};

export const DEFAULT_VEO_MODEL = "veo-3.1";

/** Our model id for these options (the planner has already refused retired ones). */
export const veoModelId = (o: Options): string => (String(o.model) in VEO_MODELS ? String(o.model) : DEFAULT_VEO_MODEL);

export const veoModel = (o: Options): VeoModel => VEO_MODELS[veoModelId(o)];

/** Google's model id on the wire. */
export function veoVendorModelId(o: Options): string {
  const id = veoModelId(o);
  return VEO_LINEUP.models.find((m) => m.id === id)?.vendorModelId ?? "veo-3.1-generate-001";
}

/**
 * Google bills per second of generated video with sound, by model and resolution (only successful videos): US cents
 * `<model>.<resolution>.perSecond` in the price list; a resolution without its own rate costs the model's dearest.
 */
export function veoCost(rates: Rates, o: Options): number {
  const id = veoModelId(o);
  const perSecond = rates[`${id}.${String(o.resolution)}.perSecond`] ?? dearest(rates, `${id}.`, ".perSecond");
  return Number(o.duration ?? 8) * perSecond;
}
