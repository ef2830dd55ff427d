import type { ProviderSpec } from "../types";
import { aspectRatio, duration, resolution, seconds, seed } from "./shared-options";

export const seedance: ProviderSpec = {
  id: "seedance",
  name: "Seedance",
  vendor: "ByteDance",
  description: "Specialises in stable 5-second clips. Available at 480p and 1080p with dependable quality.",
  features: ["Stable 5 s clips", "480p, 720p and 1080p"],
  limitations: ["5 or 10 second clips"],
  credentials: ["ARK_API_KEY"],
  quality: 80,
  models: {
    VIDEO: {
      options: [duration(5, 10, 5, ["5", "10"]), resolution(["480p", "720p", "1080p"], "1080p"), aspectRatio(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]), seed],
      price: (o) => (o.resolution === "1080p" ? 25 : o.resolution === "720p" ? 12 : 6) * (seconds(o) / 5),
      estimatedTime: (o) => 40 + seconds(o) * 6,
      inputs: { image: "optional" },
    },
  },
};
