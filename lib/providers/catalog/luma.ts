import type { ProviderSpec } from "../types";
import { aspectRatio, duration, resolution, seconds } from "./shared-options";

export const luma: ProviderSpec = {
  id: "luma",
  name: "Luma Dream Machine",
  vendor: "Luma AI",
  description: "Artistic video generation with Dream Machine. Surreal, creative clips with a distinctive aesthetic.",
  features: ["Ray 2 and Ray Flash 2", "Loops", "Keyframes from images"],
  limitations: ["5 or 9 second clips"],
  credentials: ["LUMAAI_API_KEY"],
  quality: 83,
  models: {
    VIDEO: {
      options: [
        duration(5, 9, 5, ["5", "9"]),
        resolution(["540p", "720p", "1080p"]),
        aspectRatio(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]),
        { name: "loop", type: "BOOLEAN", description: "Make the clip loop seamlessly", default: false },
      ],
      price: (o) => Math.round((o.resolution === "1080p" ? 14 : 8) * seconds(o)),
      estimatedTime: (o) => 60 + seconds(o) * 8,
      inputs: { image: "optional" },
    },
  },
};
