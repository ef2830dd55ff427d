import { ignored } from "../unified/treatment";
import { LUMA_RATIOS, LUMA_RESOLUTIONS, lumaModel, reconcileLuma } from "../luma/transform";
import { modelOption } from "../lineup";
import { rate } from "../rates";
import type { Lineup, Options, ProviderSpec, Rates } from "../types";
import { aspectRatio, duration, resolution, seconds } from "./shared-options";

/**
 * Luma bills video by pixels generated, US dollars per million pixels at 24 fps, `<model>.usdPerMegapixel` in the
 * price list (first list: Ray 2 $0.0064, Ray Flash 2 $0.0022; Ray 2 720p 5 s ≈ $0.71). Costed on the 16:9 frame of
 * each resolution, the largest of the shapes, in whole cents.
 */
/**
 * The video models of Luma's Dream Machine API: the SDK (`lumaai` 1.19.1, 2026-01-17) accepts exactly these two;
 * Luma has announced no end for either. (Ray 3.2 is served only by Luma's separate Agents API.) Checked 2026-12-05.
 */
const SOURCE = "lumaai@1.19.1 VideoCreateParams.model; github.com/lumalabs/lumaai-api openapi.yaml (checked 2026-12-05)";
const LUMA_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "ray-2", vendorModelId: "ray-2", status: "GA", source: SOURCE },
    { id: "ray-flash-2", vendorModelId: "ray-flash-2", status: "GA", source: SOURCE },
  ],
};

const FRAME_PIXELS: Record<string, number> = { "540p": 960 * 540, "720p": 1280 * 720, "1080p": 1920 * 1080, "4k": 3840 * 2160 };

function lumaCost(rates: Rates, o: Options): number {
  const megapixels = ((FRAME_PIXELS[String(o.resolution)] ?? FRAME_PIXELS["720p"]) * 24 * seconds(o)) / 1e6;
  return Math.ceil(megapixels * rate(rates, `${lumaModel(o)}.usdPerMegapixel`) * 100);
}

/** Ray 2 at 720p takes about a minute and a half for 5 s; Flash about a third of that; 1080p and 4K are upscaled after. */
function lumaTime(o: Options): number {
  const base = lumaModel(o) === "ray-flash-2" ? 20 + seconds(o) * 4 : 45 + seconds(o) * 10;
  const upscale = o.resolution === "4k" ? 2.5 : o.resolution === "1080p" ? 1.5 : 1;
  return Math.round(base * upscale);
}

export const luma: ProviderSpec = {
  id: "luma",
  name: "Luma Dream Machine",
  vendor: "Luma AI",
  description: "Artistic video generation with Dream Machine. Surreal, creative clips with a distinctive aesthetic.",
  features: ["Ray 2 and Ray Flash 2", "Text or image to video, start and end keyframes", "Seamless loops", "540p to 4K", "Callbacks"],
  limitations: ["5 or 9 second clips", "Keyframe images must be public http(s) URLs (Luma fetches them; data: URIs are refused)", "No seed or negative prompt"],
  credentials: ["LUMAAI_API_KEY"],
  quality: 83,
  models: {
    VIDEO: {
      lineup: LUMA_LINEUP,
      options: [
        modelOption(LUMA_LINEUP, { description: "ray-2 = best quality; ray-flash-2 = about 3× faster and cheaper", default: "ray-2" }),
        duration(5, 9, 5, ["5", "9"]),
        resolution(LUMA_RESOLUTIONS),
        aspectRatio(LUMA_RATIOS),
        { name: "loop", type: "BOOLEAN", description: "Blend the end into the start so the clip loops seamlessly", default: false },
      ],
      // Luma Dream Machine API (lumaai@1.19.1 VideoCreateParams: prompt, model, resolution, aspect_ratio, duration,
      // loop, keyframes, callback_url), checked 2026-12-05.
      unified: {
        seed: ignored("Luma's API takes no seed"),
        negativePrompt: ignored("Luma's API takes no negative prompt"),
        generateAudio: ignored("Ray 2 makes silent video"),
      },
      cost: lumaCost,
      estimatedTime: lumaTime,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileLuma,
    },
  },
};
