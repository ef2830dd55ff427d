import { ignored } from "../unified/treatment";
import { reconcileTopview, TOPVIEW_LANGUAGES, TOPVIEW_RATIOS } from "../topview/transform";
import { single } from "../lineup";
import { rate } from "../rates";
import type { ProviderSpec } from "../types";
import { aspectRatio, seconds } from "./shared-options";

export const topview: ProviderSpec = {
  id: "topview",
  name: "Topview",
  vendor: "Topview",
  description: "Video generation for e-commerce, tuned for product showcases and marketing content.",
  features: [
    "Product page link or product photo to an ad video",
    "Script written from the prompt, with voice-over and captions",
    "AI avatar presenters",
    "33 languages",
    "Callbacks",
  ],
  limitations: ["Needs options.productUrl or input.image (a product photo)", "Product-marketing footage only; Topview picks the exact length within the chosen range"],
  credentials: ["TOPVIEW_API_KEY", "TOPVIEW_UID"],
  quality: 65,
  models: {
    VIDEO: {
      lineup: single("topview", "topview-product-avatar"),
      options: [
        { name: "productUrl", type: "STRING", description: "Product page Topview reads images, name and details from (or give input.image)" },
        { name: "productName", type: "STRING", description: "Product name; taken from the page, or from the prompt's first words without one" },
        {
          name: "duration",
          type: "INT",
          description: "Longest length in seconds: 30 = 15–30 s, 45 = 30–45 s, 60 = 45–60 s",
          allowedValues: ["30", "45", "60"],
          min: 30,
          max: 60,
          default: 30,
        },
        aspectRatio(TOPVIEW_RATIOS, "9:16"),
        { name: "language", type: "STRING", description: "Language of the script and voice-over", allowedValues: TOPVIEW_LANGUAGES, default: "en" },
        { name: "avatarId", type: "STRING", description: "Topview AI avatar presenting the product (an id from Topview's avatar list); Topview chooses without one" },
      ],
      // Topview's API prices are not public [U]; `perSecond` cents (first list: 2) per second of the longest length allowed.
      // Topview m2v task submit (productLink or fileIds, productName, videoLengthType, aspectRatio, language, avatarId,
      // noticeUrl), checked 2026-12-05: Topview writes the script and chooses the shots itself.
      unified: {
        resolution: ignored("Topview exports at its own size"),
        seed: ignored("Topview takes no seed"),
        negativePrompt: ignored("Topview takes no negative prompt"),
        style: ignored("Topview chooses the look of the ad itself"),
        motionIntensity: ignored("Topview chooses the shots itself"),
        cameraMotion: ignored("Topview chooses the shots itself"),
        generateAudio: ignored("Topview always adds a voice-over"),
      },
      cost: (rates, o) => seconds(o) * rate(rates, "perSecond"),
      // Script, voice-over, avatar and export: several minutes.
      estimatedTime: (o) => 180 + seconds(o) * 5,
      inputs: { image: "optional", voice: "optional" },
      reconcile: reconcileTopview,
    },
  },
};
