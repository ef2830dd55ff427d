import { ignored } from "../unified/treatment";
import { modelOption } from "../lineup";
import { RUNWAY_LINEUP, reconcileRunway, runwayCost } from "../runway/transform";
import type { ProviderSpec } from "../types";
import { aspectRatio, duration, seconds, seed } from "./shared-options";

export const runway: ProviderSpec = {
  id: "runway",
  name: "Runway",
  vendor: "Runway",
  description: "Professional image animation with Runway's Gen-4 family (Gen-4.5, Gen-4 Turbo). Cinema-quality results.",
  features: ["gen4.5 (text or image to video) and gen4_turbo (image to video)", "2 to 10 second clips", "Six frame shapes from an image", "Cancel a running task"],
  limitations: ["gen-4 needs a start image", "From text: 16:9 or 9:16 only", "No end frame", "No callbacks (polled)", "gen-3 (gen3a_turbo) was retired by Runway on 2026-07-30"],
  credentials: ["RUNWAYML_API_SECRET"],
  quality: 88,
  models: {
    VIDEO: {
      lineup: RUNWAY_LINEUP,
      options: [
        modelOption(RUNWAY_LINEUP, {
          description: "gen-4.5 = gen4.5, Runway's flagship (text or image, 12 credits/s); gen-4 = gen4_turbo (image only, 5 credits/s)",
          default: "gen-4.5",
        }),
        { ...duration(2, 10, 5), type: "INT", description: "Clip length in whole seconds (2–10)" },
        aspectRatio(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]),
        seed,
      ],
      // Runway API (@runwayml/sdk image_to_video/text_to_video: model, promptImage, promptText, ratio, duration, seed),
      // checked 2026-12-05: aspectRatio is sent as `ratio` in pixels (16:9 → 1280:720), and no other unified field exists.
      unified: {
        resolution: ignored("Runway sizes the video from the ratio (720p class)"),
        negativePrompt: ignored("Runway takes no negative prompt"),
        generateAudio: ignored("Runway's Gen-4 models make silent video"),
      },
      cost: runwayCost,
      estimatedTime: (o) => 30 + seconds(o) * 6,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileRunway,
    },
  },
};
