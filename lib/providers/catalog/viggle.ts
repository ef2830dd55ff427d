import { ignored } from "../unified/treatment";
import { rate } from "../rates";
import type { Options, ProviderSpec } from "../types";
import { VIGGLE_BACKGROUNDS } from "../viggle/transform";
import { seconds } from "./shared-options";

/**
 * Viggle charges 1 of its credits per second of output (the driving video's length), `fastMultiplier` times that in
 * fast mode. Its credits' dollar price is not public; the first price list's `perSecond` 3 cents keeps the former
 * flat 30 credits for a 10 s dance.
 */
const fast = (o: Options) => o.mode === "fast";

export const viggle: ProviderSpec = {
  id: "viggle",
  name: "Viggle",
  vendor: "Viggle AI",
  description: "Advanced dance synthesis: animates a character image with the moves of a reference dance video.",
  features: [
    "Character image + driving dance video",
    "V4 and V3 models",
    "Original, solid-colour or transparent background",
    "Fast mode (2× speed, 2× price)",
    "Cancel with refund",
  ],
  limitations: [
    "Needs a character image and a driving video (up to 5 minutes); input.text is not used",
    "Priced by options.duration: a driving video longer than that is refused before Viggle is called",
    "Multi-person scenes (Viggle scene_id + character_mapping) are not offered: they need characters and scenes made in a Viggle account first",
    "No callbacks (polled)",
  ],
  credentials: ["VIGGLE_API_KEY"],
  quality: 70,
  models: {
    VIDEO: {
      // Viggle names both models previews; V4 is its default, V3 "legacy" with no end date (docs.viggle.ai/render-options, 2026-12-05).
      lineup: {
        option: "model",
        models: [
          { id: "v4", vendorModelId: "V4_Preview", status: "PREVIEW", source: "docs.viggle.ai/render-options (default model), checked 2026-12-05" },
          { id: "v3", vendorModelId: "V3_Preview", status: "PREVIEW", source: "docs.viggle.ai/render-options (legacy, no end date), checked 2026-12-05" },
        ],
      },
      options: [
        { name: "model", type: "STRING", description: "v4 = V4_Preview (default); v3 = V3_Preview", allowedValues: ["v4", "v3"], default: "v4" },
        { name: "mode", type: "STRING", description: "fast renders about twice as fast at twice the price", allowedValues: ["standard", "fast"], default: "standard" },
        {
          name: "background",
          type: "STRING",
          description: "Keep the driving video's background, make it transparent, or fill a solid colour",
          allowedValues: Object.keys(VIGGLE_BACKGROUNDS),
          default: "original",
        },
        {
          name: "duration",
          type: "INT",
          description: "Length of the driving video in seconds, rounded up: the result is as long, and priced by it",
          min: 1,
          max: 300,
          default: 10,
        },
      ],
      // Viggle's render API reads no prompt and follows the driving video's frame (docs.viggle.ai, checked 2026-12-05).
      unified: {
        duration: { kind: "native", note: "the clip is as long as the driving video: this prices it, and a longer video is refused" },
        resolution: ignored("Viggle follows the driving video's size"),
        aspectRatio: ignored("Viggle follows the driving video's shape"),
        seed: ignored("Viggle takes no seed"),
        negativePrompt: ignored("Viggle reads no prompt"),
        style: ignored("Viggle reads no prompt"),
        motionIntensity: ignored("the driving video sets the motion"),
        cameraMotion: ignored("the driving video sets the camera"),
        generateAudio: ignored("Viggle makes no soundtrack"),
      },
      cost: (rates, o) => Math.ceil(seconds(o)) * rate(rates, "perSecond") * (fast(o) ? rate(rates, "fastMultiplier") : 1),
      // About a minute of setup, then several seconds per second of dance; fast halves the rendering.
      estimatedTime: (o) => Math.round(60 + seconds(o) * (fast(o) ? 4 : 8)),
      inputs: { image: "required", video: "required" },
    },
  },
};
