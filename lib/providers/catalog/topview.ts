import type { ProviderSpec } from "../types";
import { aspectRatio, duration, seconds } from "./shared-options";

export const topview: ProviderSpec = {
  id: "topview",
  name: "Topview",
  vendor: "Topview",
  description: "Video generation for e-commerce, tuned for product showcases and marketing content.",
  features: ["Product link or images to an ad video", "Avatar presenters"],
  limitations: ["Product-marketing footage only"],
  credentials: ["TOPVIEW_API_KEY", "TOPVIEW_UID"],
  quality: 65,
  models: {
    VIDEO: {
      options: [
        duration(15, 60, 30, ["15", "30", "60"]),
        aspectRatio(["16:9", "9:16", "1:1"], "9:16"),
        { name: "productUrl", type: "STRING", description: "Product page the video presents" },
      ],
      price: (o) => seconds(o) * 2,
      estimatedTime: () => 300,
      inputs: { image: "optional" },
    },
  },
};
