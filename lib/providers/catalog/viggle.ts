import type { ProviderSpec } from "../types";

export const viggle: ProviderSpec = {
  id: "viggle",
  name: "Viggle",
  vendor: "Viggle AI",
  description: "Advanced dance synthesis with multi-person choreography. Animate characters in sync with a reference video.",
  features: ["Character + reference motion video", "Multi-person scenes"],
  limitations: ["Needs a character image and a reference video", "No callbacks (polled)"],
  credentials: ["VIGGLE_API_KEY"],
  quality: 70,
  models: {
    VIDEO: {
      options: [
        { name: "background", type: "STRING", description: "Background of the result", allowedValues: ["white", "green", "reference"], default: "reference" },
      ],
      price: () => 30,
      estimatedTime: () => 120,
      inputs: { image: "required" },
    },
  },
};
