import type { ProviderSpec } from "../types";
import { aspectRatio, resolution } from "./shared-options";

export const hedra: ProviderSpec = {
  id: "hedra",
  name: "Hedra",
  vendor: "Hedra",
  description: "Character animation with perfectly synced audio. Bring portraits to life with natural expressions and movement.",
  features: ["Portrait + audio or text", "Expressive lip-sync"],
  limitations: ["Needs a portrait image"],
  credentials: ["HEDRA_API_KEY"],
  quality: 85,
  models: {
    AVATAR: {
      options: [aspectRatio(["16:9", "9:16", "1:1"], "1:1"), resolution(["540p", "720p"], "720p")],
      price: () => 40,
      estimatedTime: () => 90,
      inputs: { image: "required", voice: "optional" },
    },
  },
};
