import type { ProviderSpec } from "../types";
import { duration, resolution, seconds } from "./shared-options";

export const minimax: ProviderSpec = {
  id: "minimax",
  name: "MiniMax Hailuo",
  vendor: "MiniMax",
  description: "Advanced generation with deep scene understanding and natural motion. Includes Hailuo-02 and Hailuo I2V.",
  features: ["Hailuo-02 text-to-video", "Image-to-video with first and last frame", "Camera moves written in the prompt"],
  limitations: ["1080p only at 6 s", "No aspect ratio control (follows the first frame)"],
  credentials: ["MINIMAX_API_KEY"],
  quality: 84,
  models: {
    VIDEO: {
      options: [
        duration(6, 10, 6, ["6", "10"]),
        resolution(["512p", "768p", "1080p"], "768p"),
        { name: "promptOptimizer", type: "BOOLEAN", description: "Let MiniMax rewrite the prompt for better results", default: true },
      ],
      price: (o) => (o.resolution === "1080p" ? 49 : o.resolution === "512p" ? 10 : 28) * (seconds(o) / 6),
      estimatedTime: (o) => 120 + seconds(o) * 12,
      inputs: { image: "optional" },
    },
  },
};
