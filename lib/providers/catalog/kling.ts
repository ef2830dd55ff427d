import { KOLORS_MODELS, KOLORS_RATIOS, kolorsPrice, reconcileKolors } from "../kling/kolors-transform";
import { KLING_MODELS, KLING_VERSIONS, klingEstimatedSeconds, klingPrice, reconcileKling } from "../kling/transform";
import type { ProviderSpec } from "../types";
import { aspectRatio, count, duration, negativePrompt } from "./shared-options";

export const kling: ProviderSpec = {
  id: "kling",
  name: "Kling",
  vendor: "Kuaishou",
  description: "Industry-leading video generation (versions 1.0–2.1). Standard and Pro modes, 5–10 s clips, excellent motion physics.",
  features: [
    "Text-to-video and image-to-video",
    "Standard (720p) and Pro (1080p) modes; 2.0 and 2.1 Master models",
    "End frame (1.5, 1.6 and 2.1 in pro mode)",
    "Negative prompt",
    "Status callbacks",
  ],
  limitations: [
    "5 or 10 second clips only",
    "v1.5 and v2.1 are image-to-video only (text-to-video on 2.1 runs on 2.1 Master)",
    "From an image, the video keeps the image's shape",
    "No seed; input images up to 10 MB",
    "No cancel: a started video runs to the end",
  ],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 86,
  models: {
    VIDEO: {
      lineup: { option: "version", models: Object.entries(KLING_MODELS).map(([id, m]) => ({ id, vendorModelId: m.name, status: "GA" as const })) },
      options: [
        {
          name: "version",
          type: "STRING",
          description: "Model: 1.0, 1.5 (image only), 1.6, 2.0 Master, 2.1 (image only, std/pro), 2.1-master",
          allowedValues: KLING_VERSIONS,
          default: "1.6",
        },
        { name: "mode", type: "STRING", description: "std = 720p, pro = 1080p with finer detail (not for Master models)", allowedValues: ["std", "pro"], default: "std" },
        duration(5, 10, 5, ["5", "10"]),
        { ...aspectRatio(["16:9", "9:16", "1:1"]), description: "Frame shape, width:height (text-to-video; from an image the video keeps the image's shape)" },
        negativePrompt,
        { name: "cfgScale", type: "FLOAT", description: "Prompt adherence, 0–1 (v1.x only; Kling's default 0.5)", min: 0, max: 1 },
      ],
      price: klingPrice,
      estimatedTime: klingEstimatedSeconds,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileKling,
    },
  },
};

export const kolors: ProviderSpec = {
  id: "kolors",
  name: "Kolors",
  vendor: "Kuaishou",
  description: "An advanced Chinese image model with a strong grasp of styles and artistic taste.",
  features: ["1K and 2K output", "Eight frame shapes", "Image reference, with subject or face reference on 1.5", "Negative prompt"],
  limitations: ["Served through Kling's API", "One image per generation", "No negative prompt when starting from an image"],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 78,
  models: {
    IMAGE: {
      lineup: { option: "version", models: Object.entries(KOLORS_MODELS).map(([id, vendorModelId]) => ({ id, vendorModelId, status: "GA" as const })) },
      options: [
        { name: "version", type: "STRING", description: "Kolors model on Kling's API", allowedValues: Object.keys(KOLORS_MODELS), default: "2.1" },
        aspectRatio(KOLORS_RATIOS, "1:1"),
        { name: "resolution", type: "STRING", description: "1k or 2k", allowedValues: ["1k", "2k"], default: "1k" },
        // One file per generation: Kling bills every image it makes, so more would charge for images nobody gets.
        { ...count, description: "Number of images (one per generation)", max: 1 },
        negativePrompt,
        { name: "reference", type: "STRING", description: "What to keep from input.image: subject or face (version 1.5)", allowedValues: ["subject", "face"] },
        { name: "imageFidelity", type: "FLOAT", description: "How closely to follow input.image, 0–1 (Kling's default 0.5)", min: 0, max: 1 },
      ],
      price: kolorsPrice,
      estimatedTime: (o) => (o.resolution === "2k" ? 30 : 20),
      inputs: { image: "optional" },
      reconcile: reconcileKolors,
    },
  },
};
