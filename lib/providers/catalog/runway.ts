import { reconcileRunway } from "../runway/transform";
import type { ProviderSpec } from "../types";
import { aspectRatio, duration, seconds, seed } from "./shared-options";

export const runway: ProviderSpec = {
  id: "runway",
  name: "Runway",
  vendor: "Runway",
  description: "Professional image animation with Gen-3 and Gen-4 models. Cinema-quality results.",
  features: ["gen3a_turbo and gen4_turbo", "Image-to-video", "First and last frame (gen-3)", "Cancel a running task"],
  limitations: ["Needs a start image", "No callbacks (polled)"],
  credentials: ["RUNWAYML_API_SECRET"],
  quality: 88,
  models: {
    VIDEO: {
      lineup: {
        option: "model",
        models: [
          { id: "gen-4", vendorModelId: "gen4_turbo", status: "GA" },
          { id: "gen-3", vendorModelId: "gen3a_turbo", status: "GA" },
        ],
      },
      options: [
        { name: "model", type: "STRING", description: "gen-4 = gen4_turbo (6 frame shapes); gen-3 = gen3a_turbo (16:9 or 9:16, end frame)", allowedValues: ["gen-3", "gen-4"], default: "gen-4" },
        duration(5, 10, 5, ["5", "10"]),
        aspectRatio(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]),
        seed,
      ],
      // Runway bills 5 credits (≈ $0.05) per second for both turbo models.
      price: (o) => seconds(o) * 5,
      estimatedTime: (o) => 30 + seconds(o) * 6,
      inputs: { image: "required", endImage: "optional" },
      reconcile: reconcileRunway,
    },
  },
};
