import { ignored } from "../unified/treatment";
import { KOLORS_LINEUP, KOLORS_RATIOS, kolorsCost, reconcileKolors } from "../kling/kolors-transform";
import { KLING_DEFAULT_VERSION, KLING_LINEUP, klingEstimatedSeconds, klingCost, reconcileKling } from "../kling/transform";
import { modelOption } from "../lineup";
import type { ProviderSpec } from "../types";
import { aspectRatio, count, duration, negativePrompt } from "./shared-options";

export const kling: ProviderSpec = {
  id: "kling",
  name: "Kling",
  vendor: "Kuaishou",
  description: "Industry-leading video generation (Kling 1.0 to 3.0). Standard and Pro modes, 5–10 s clips, excellent motion physics.",
  features: [
    "Text-to-video and image-to-video",
    "Standard (720p) and Pro (1080p) modes; 2.0 Master; 2.5 Turbo, 2.6 and 3.0",
    "End frame (2.5-turbo, 2.6 and 3.0 in pro mode)",
    "Negative prompt",
    "Status callbacks",
  ],
  limitations: [
    "5 or 10 second clips only",
    "1.5, 1.6, 2.1 and 2.1 Master were retired by Kling on 2026-09-15",
    "From an image, the video keeps the image's shape",
    "No seed; input images JPEG or PNG up to 10 MB (WebP is converted to PNG)",
    "No cancel: a started video runs to the end",
  ],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 86,
  models: {
    VIDEO: {
      lineup: KLING_LINEUP,
      options: [
        modelOption(KLING_LINEUP, { description: "Model: 1.0, 2.0 (Master), 2.5-turbo, 2.6, 3.0 (Kling's current flagship, the default)", default: KLING_DEFAULT_VERSION }),
        { name: "mode", type: "STRING", description: "std = 720p, pro = 1080p with finer detail (not for Master models)", allowedValues: ["std", "pro"], default: "std" },
        duration(5, 10, 5, ["5", "10"]),
        { ...aspectRatio(["16:9", "9:16", "1:1"]), description: "Frame shape, width:height (text-to-video; from an image the video keeps the image's shape)" },
        negativePrompt,
        { name: "cfgScale", type: "FLOAT", description: "Prompt adherence, 0–1 (v1.x only; Kling's default 0.5)", min: 0, max: 1 },
      ],
      // Kling video API (text2video/image2video: model_name, prompt, negative_prompt, cfg_scale, mode, aspect_ratio,
      // duration, image, image_tail, callback_url), checked 2026-12-05. Its camera_control works only on the retired
      // kling-v1-5 in pro mode (Comfy-Org embedded docs, KlingCameraControlT2VNode), so camera moves go in the prompt.
      unified: {
        resolution: {
          kind: "native",
          option: "mode",
          map: (v) => ({ "720p": "std", "1080p": "pro" })[String(v)],
          nearest: (v) => (v === "4k" ? "pro" : "std"),
          note: "std makes 720p, pro 1080p",
        },
        seed: ignored("Kling's video API takes no seed"),
        generateAudio: ignored("not offered here: Kling's sound option is not in the API version this provider uses [U]"),
      },
      cost: klingCost,
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
  limitations: ["Served through Kling's API", "No negative prompt when starting from an image", "Reference images JPEG or PNG (WebP is converted to PNG)"],
  credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
  quality: 78,
  models: {
    IMAGE: {
      lineup: KOLORS_LINEUP,
      options: [
        modelOption(KOLORS_LINEUP, { description: "Kolors model on Kling's API", default: "2.1" }),
        aspectRatio(KOLORS_RATIOS, "1:1"),
        { name: "resolution", type: "STRING", description: "1k or 2k", allowedValues: ["1k", "2k"], default: "1k" },
        // Kling's `n`: every image it makes is a file of the generation (outputs) and is billed per image.
        { ...count, description: "Number of images, made in one Kling task (the unified numOutputs)" },
        negativePrompt,
        { name: "reference", type: "STRING", description: "What to keep from input.image: subject or face (version 1.5)", allowedValues: ["subject", "face"] },
        { name: "imageFidelity", type: "FLOAT", description: "How closely to follow input.image, 0–1 (Kling's default 0.5)", min: 0, max: 1 },
      ],
      // Kling image API (model_name, prompt, negative_prompt, image, image_reference, image_fidelity, n, aspect_ratio,
      // resolution, callback_url), checked 2026-12-05.
      unified: {
        seed: ignored("Kolors takes no seed"),
        quality: ignored("Kolors has no quality setting; resolution 2k gives more detail"),
        format: ignored("Kolors returns PNG"),
        // Several outputs are one Kling task with `n` images (its own `count`), not several tasks.
        numOutputs: { kind: "native", option: "count" },
      },
      cost: kolorsCost,
      estimatedTime: (o) => (o.resolution === "2k" ? 30 : 20),
      inputs: { image: "optional" },
      reconcile: reconcileKolors,
    },
  },
};
