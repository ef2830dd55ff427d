import { approximated, ignored } from "../unified/treatment";
import { HAILUO_MODELS, MINIMAX_CAMERA_COMMANDS, minimaxEstimatedSeconds, minimaxCost, reconcileMinimax } from "../minimax/transform";
import type { ProviderSpec } from "../types";
import { duration, resolution } from "./shared-options";

export const minimax: ProviderSpec = {
  id: "minimax",
  name: "MiniMax Hailuo",
  vendor: "MiniMax",
  description: "Advanced generation with deep scene understanding and natural motion: Hailuo-02, Hailuo 2.3 and 2.3-Fast.",
  features: [
    "Hailuo-02 and Hailuo 2.3 text-to-video",
    "Image-to-video, with a last frame on Hailuo-02",
    "Hailuo 2.3-Fast: cheaper, quicker image-to-video",
    "Camera moves written in the prompt ([Pan left], [Zoom in]…)",
    "Status callbacks",
  ],
  limitations: [
    "6 or 10 second clips; 1080p only at 6 s",
    "512p only on Hailuo-02 from an image",
    "No aspect ratio control (16:9, or the shape of the first frame)",
    "No seed, no negative prompt, no cancel",
  ],
  credentials: ["MINIMAX_API_KEY"],
  quality: 84,
  models: {
    VIDEO: {
      // MiniMax announces no end for Hailuo-02, 2.3 or 2.3-Fast; MiniMax-H3 (4–15 s, 768P/2K) is newer and not offered here yet.
      lineup: {
        option: "model",
        models: Object.entries(HAILUO_MODELS).map(([id, m]) => ({
          id,
          vendorModelId: m.name,
          status: "GA" as const,
          source: "MiniMax video_generation API reference (model enum), checked 2026-12-05",
        })),
      },
      options: [
        {
          name: "model",
          type: "STRING",
          description: "hailuo-02 (512p–1080p, last frame), hailuo-2.3 (better motion), hailuo-2.3-fast (image-to-video, cheaper)",
          allowedValues: Object.keys(HAILUO_MODELS),
          default: "hailuo-02",
        },
        duration(6, 10, 6, ["6", "10"]),
        resolution(["512p", "768p", "1080p"], "768p"),
        { name: "promptOptimizer", type: "BOOLEAN", description: "Let MiniMax rewrite the prompt for better results", default: true },
      ],
      // MiniMax video_generation API reference (model, prompt, duration, resolution, prompt_optimizer, first/last
      // frame, callback_url; no aspect ratio, seed, negative prompt or audio), checked 2026-12-05.
      unified: {
        cameraMotion: approximated("written in the prompt as MiniMax's own camera command ([Pan left], [Push in]…)", (v) => MINIMAX_CAMERA_COMMANDS[String(v)] ?? ""),
        aspectRatio: ignored("MiniMax makes 16:9, or the shape of input.image"),
        seed: ignored("MiniMax's video API takes no seed"),
        negativePrompt: ignored("MiniMax's video API takes no negative prompt"),
        generateAudio: ignored("Hailuo-02 and 2.3 make silent video"),
      },
      cost: minimaxCost,
      estimatedTime: minimaxEstimatedSeconds,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileMinimax,
    },
  },
};
