import { approximated, ignored } from "../unified/treatment";
import { reconcileSeedance, SEEDANCE_RATIOS, SEEDANCE_RESOLUTIONS, seedanceFrame, SEEDANCE_MODEL_IDS } from "../seedance/transform";
import { modelOption } from "../lineup";
import { rate } from "../rates";
import type { Lineup, Options, ProviderSpec, Rates } from "../types";
import { aspectRatio, resolution, seconds, seed } from "./shared-options";

/**
 * ModelArk bills video tokens, w × h × 24 fps × seconds / 1024, in US dollars per million, `<model>.usdPerMillionTokens`
 * in the price list (first list: $2.5 Pro, $0.7 Pro Fast, $1.8 Lite: a 5 s 1080p Pro clip ≈ $0.61, 480p ≈ $0.12;
 * Seedance 1.5 Pro $1.2 silent (we send generate_audio false), $2.4 with sound [S: resellers' published token rates;
 * BytePlus's own page needs JS]). A model without its own rate costs as Pro.
 */
const SOURCE = "BytePlus ModelArk model list (docs.byteplus.com/en/docs/modelark/1330310) and @ai-sdk/bytedance@1.0.29 model ids, checked 2026-12-05";

/**
 * BytePlus calls Seedance 1.5 its mainline video model; 1.0 Pro, Pro Fast and Lite are still listed as model ids
 * [U: no BytePlus retirement date for 1.0 was found; resellers report Volcano Engine's China-region retirements,
 * which are a different catalog]. Lite is two vendor models (text-to-video, and image-to-video with input.image).
 */
const SEEDANCE_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "pro", vendorModelId: SEEDANCE_MODEL_IDS.pro, status: "GA", source: SOURCE },
    { id: "1.5-pro", vendorModelId: SEEDANCE_MODEL_IDS["1.5-pro"], status: "GA", source: SOURCE },
    { id: "pro-fast", vendorModelId: SEEDANCE_MODEL_IDS["pro-fast"], status: "GA", source: SOURCE },
    { id: "lite", vendorModelId: SEEDANCE_MODEL_IDS["lite-t2v"], status: "GA", source: SOURCE },
  ],
};

function seedanceCost(rates: Rates, o: Options): number {
  const [w, h] = seedanceFrame(String(o.resolution), String(o.aspectRatio));
  const tokens = (w * h * 24 * seconds(o)) / 1024;
  return Math.ceil((tokens / 1e6) * (rates[`${String(o.model)}.usdPerMillionTokens`] ?? rate(rates, "pro.usdPerMillionTokens")) * 100);
}

/** Pro: a 10 s clip ≈ 70 s at 480p, 115 s at 1080p; Pro Fast about 3× quicker; plus a little queueing. */
function seedanceTime(o: Options): number {
  const perSecond = o.resolution === "1080p" ? 11.5 : o.resolution === "720p" ? 9 : 7;
  const speed = o.model === "pro-fast" ? 1 / 3 : o.model === "lite" ? 0.8 : 1; // 1.5 Pro assumed like 1.0 Pro [U]
  return Math.round(15 + seconds(o) * perSecond * speed);
}

export const seedance: ProviderSpec = {
  id: "seedance",
  name: "Seedance",
  vendor: "ByteDance",
  description: "Specialises in stable 5-second clips. Available at 480p and 1080p with dependable quality.",
  features: [
    "Seedance 1.5 Pro, 1.0 Pro, Pro Fast and Lite",
    "Text or image to video, start and end frames",
    "480p, 720p and 1080p",
    "2 to 12 second clips",
    "Fixed camera",
    "Callbacks",
  ],
  limitations: ["Pro Fast takes no end frame", "A queued task can be cancelled; a running one finishes"],
  credentials: ["ARK_API_KEY"],
  quality: 80,
  models: {
    VIDEO: {
      lineup: SEEDANCE_LINEUP,
      options: [
        modelOption(SEEDANCE_LINEUP, {
          description: "pro = Seedance 1.0 Pro; 1.5-pro = Seedance 1.5 Pro (BytePlus's mainline, silent here); pro-fast = about 3× faster and cheaper; lite = Seedance 1.0 Lite",
          default: "pro",
        }),
        { name: "duration", type: "INT", description: "Clip length in seconds (2–12)", min: 2, max: 12, default: 5 },
        resolution(SEEDANCE_RESOLUTIONS, "1080p"),
        { ...aspectRatio(SEEDANCE_RATIOS), description: "Frame shape, width:height; adaptive follows the start image" },
        seed,
        { name: "cameraFixed", type: "BOOLEAN", description: "Keep the camera still", default: false },
      ],
      // BytePlus ModelArk content generation task (model, content[text, image_url], ratio, duration, resolution, seed,
      // camera_fixed, generate_audio on 1.5 Pro), checked 2026-12-05.
      unified: {
        cameraMotion: approximated("static sets Seedance's camera_fixed; other moves are described in the prompt", (v) =>
          v === "static" ? "" : `Camera: ${String(v).replace(/_/g, " ")}.`,
        ),
        negativePrompt: ignored("Seedance takes no negative prompt"),
        generateAudio: ignored("sent as generate_audio false: this provider prices Seedance silent"),
      },
      cost: seedanceCost,
      estimatedTime: seedanceTime,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileSeedance,
    },
  },
};
