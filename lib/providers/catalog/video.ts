import type { Options, ProviderSpec } from "../types";
import { aspectRatio, duration, negativePrompt, resolution, seed } from "./shared-options";

const secs = (o: Options) => Number(o.duration);

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
      price: (o) => (o.mode === "pro" ? 35 : 20) * (secs(o) / 5),
      estimatedTime: (o) => (o.mode === "pro" ? 240 : 150) * (secs(o) / 5),
      inputs: { image: "optional" },
    },
  },
};

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
      price: (o) => (o.resolution === "1080p" ? 49 : o.resolution === "512p" ? 10 : 28) * (secs(o) / 6),
      estimatedTime: (o) => 120 + secs(o) * 12,
      inputs: { image: "optional" },
    },
  },
};

export const veo: ProviderSpec = {
  id: "veo",
  name: "Google Veo",
  vendor: "Google",
  description: "Google's newest video model with unmatched realism and physics accuracy. Premium-quality content.",
  features: ["Native audio", "720p and 1080p", "Reference images"],
  limitations: ["4, 6 or 8 second clips", "Premium price"],
  credentials: ["GEMINI_API_KEY"],
  quality: 96,
  models: {
    VIDEO: {
      options: [duration(4, 8, 8, ["4", "6", "8"]), resolution(["720p", "1080p"]), aspectRatio(["16:9", "9:16"]), negativePrompt, seed],
      price: (o) => secs(o) * 40,
      estimatedTime: () => 90,
      inputs: { image: "optional" },
    },
  },
};

export const runway: ProviderSpec = {
  id: "runway",
  name: "Runway",
  vendor: "Runway",
  description: "Professional image animation with Gen-3 and Gen-4 models. Cinema-quality results.",
  features: ["gen3a_turbo and gen4_turbo", "Image-to-video", "Cancel a running task"],
  limitations: ["Needs a start image", "No callbacks (polled)"],
  credentials: ["RUNWAYML_API_SECRET"],
  quality: 88,
  models: {
    VIDEO: {
      options: [
        { name: "model", type: "STRING", description: "Runway model", allowedValues: ["gen-3", "gen-4"], default: "gen-4" },
        duration(5, 10, 5, ["5", "10"]),
        aspectRatio(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]),
        { name: "motionIntensity", type: "STRING", description: "How much the scene moves", allowedValues: ["low", "medium", "high"], default: "medium" },
        seed,
      ],
      price: (o) => secs(o) * (o.model === "gen-3" ? 5 : 5),
      estimatedTime: (o) => 30 + secs(o) * 6,
      inputs: { image: "required" },
    },
  },
};

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
      price: (o) => Math.round((o.resolution === "1080p" ? 14 : 8) * secs(o)),
      estimatedTime: (o) => 60 + secs(o) * 8,
      inputs: { image: "optional" },
    },
  },
};

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
      price: (o) => (o.resolution === "1080p" ? 25 : o.resolution === "720p" ? 12 : 6) * (secs(o) / 5),
      estimatedTime: (o) => 40 + secs(o) * 6,
      inputs: { image: "optional" },
    },
  },
};

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
      price: (o) => secs(o) * 2,
      estimatedTime: () => 300,
      inputs: { image: "optional" },
    },
  },
};
