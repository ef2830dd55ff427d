import type { ProviderSpec } from "../types";
import { resolution } from "./shared-options";

export const heygen: ProviderSpec = {
  id: "heygen",
  name: "HeyGen",
  vendor: "HeyGen",
  description: "Talking avatar videos from a script, with stock or custom avatars and voices.",
  features: ["Hundreds of stock avatars", "Custom backgrounds", "Webhook events"],
  limitations: ["Avatar and voice ids come from HeyGen's lists"],
  credentials: ["HEYGEN_API_KEY"],
  quality: 87,
  models: {
    AVATAR: {
      options: [
        { name: "avatarId", type: "STRING", description: "HeyGen avatar id", default: "kate" },
        { name: "background", type: "STRING", description: "Background preset or colour", default: "modern_office" },
        { name: "gesture", type: "STRING", description: "Body language", allowedValues: ["neutral", "friendly", "energetic"], default: "neutral" },
        resolution(["720p", "1080p"]),
      ],
      price: () => 60,
      estimatedTime: () => 180,
      inputs: { voice: "optional", image: "optional" },
    },
  },
};
