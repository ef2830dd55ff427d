import type { ProviderSpec } from "../types";
import { IMAGE_RATIOS, aspectRatio, count, duration, imageCount, negativePrompt, resolution, seconds } from "./shared-options";

export const kling: ProviderSpec = {
  id: "kling",
  name: "Kling",
  vendor: "Kuaishou",
  description: "Industry-leading video generation (versions 1.0–2.1). Standard and Pro modes, 5–10 s clips, excellent motion physics.",
  features: ["Text-to-video and image-to-video", "Standard (720p) and Pro (1080p) modes", "Camera control", "End-frame control"],
  limitations: ["5 or 10 second clips only", "v1.5 and v2.1 are image-to-video only"],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 86,
  models: {
    VIDEO: {
      options: [
        { name: "mode", type: "STRING", description: "std = 720p, pro = 1080p with finer detail", allowedValues: ["std", "pro"], default: "std" },
        duration(5, 10, 5, ["5", "10"]),
        aspectRatio(["16:9", "9:16", "1:1"]),
        { name: "version", type: "STRING", description: "Model version", allowedValues: ["1.0", "1.5", "1.6", "2.0", "2.1"], default: "2.1" },
        negativePrompt,
        { name: "cfgScale", type: "FLOAT", description: "Prompt adherence (v1.x only)", min: 0, max: 1, default: 0.5 },
      ],
      price: (o) => (o.mode === "pro" ? 35 : 20) * (seconds(o) / 5),
      estimatedTime: (o) => (o.mode === "pro" ? 240 : 150) * (seconds(o) / 5),
      inputs: { image: "optional" },
    },
  },
};

export const kolors: ProviderSpec = {
  id: "kolors",
  name: "Kolors",
  vendor: "Kuaishou",
  description: "An advanced Chinese image model with a strong grasp of styles and artistic taste.",
  features: ["1K and 2K output", "Subject and face reference", "Up to 9 images"],
  limitations: ["Served through Kling's API"],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 78,
  models: {
    IMAGE: {
      options: [aspectRatio(IMAGE_RATIOS, "1:1"), { name: "resolution", type: "STRING", description: "1k or 2k", allowedValues: ["1k", "2k"], default: "1k" }, { ...count, max: 9 }, negativePrompt],
      price: (o) => imageCount(o) * (o.resolution === "2k" ? 3 : 2),
      estimatedTime: () => 20,
      inputs: { image: "optional" },
    },
  },
};
