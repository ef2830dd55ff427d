import { HEDRA_STOCK_VOICES } from "../hedra/stock";
import { approximated, ignored } from "../unified/treatment";
import { estimateSpeechSeconds } from "../hedra/speech";
import { HEDRA_ASPECT_RATIOS, HEDRA_LINEUP, HEDRA_RESOLUTIONS, reconcileHedra } from "../hedra/transform";
import { modelOption } from "../lineup";
import { rate } from "../rates";
import type { Options, ProviderSpec, Rates } from "../types";
import { aspectRatio, resolution, seed } from "./shared-options";

/**
 * Hedra bills its avatar models per second of video, `<resolution>.perSecond` US cents in the price list (first
 * list: 7 Hedra credits a second ≈ $0.039 on the Creator plan, 5,400 credits for $30, at 720p [S:
 * usagepricing.com/blueprint/hedra, 2026]; 540p assumed cheaper and 1080p dearer [U: the v3 API wallet's
 * per-resolution prices are not published]), clips shorter than `minBilledSeconds` billed as that long. Its
 * text-to-speech costs about 15 Hedra credits per 1,000 characters (`tts.per1000Chars`, ≈ 9 cents), charged on
 * input.text either way (with input.audio it is the short prompt).
 */
function hedraCost(rates: Rates, o: Options, text: string): number {
  const perSecond = rates[`${String(o.resolution)}.perSecond`] ?? rate(rates, "720p.perSecond");
  return Math.ceil(Math.max(rate(rates, "minBilledSeconds"), clipSeconds(o, text))) * perSecond + Math.ceil((text.length / 1000) * rate(rates, "tts.per1000Chars"));
}

/** The clip's length: the asked duration, or the time the script takes to say. */
const clipSeconds = (o: Options, text: string) => (o.duration !== undefined ? Number(o.duration) : estimateSpeechSeconds(text));

export const hedra: ProviderSpec = {
  id: "hedra",
  name: "Hedra",
  vendor: "Hedra",
  description:
    "Character animation with perfectly synced audio. Bring portraits to life with natural expressions and movement. " +
    "Give input.audio and the portrait speaks it, with input.text describing the performance; or give only input.text and " +
    "Hedra voices it as the script (input.voice: a Hedra voice name or id).",
  features: [
    "Hedra Character-3 and Hedra Avatar",
    "Portrait + your audio, or portrait + script with Hedra's voices",
    "Expressive lip-sync",
    "540p, 720p or 1080p in seven shapes",
    "Signed completion webhooks",
  ],
  limitations: ["Needs a portrait image", "With input.audio and no duration, billed as 30 s; longer audio needs options.duration", "No cancel"],
  credentials: ["HEDRA_API_KEY"],
  voices: HEDRA_STOCK_VOICES,
  quality: 85,
  models: {
    AVATAR: {
      lineup: HEDRA_LINEUP,
      options: [
        modelOption(HEDRA_LINEUP, { description: "character-3 = Hedra Character-3, avatar = Hedra Avatar", default: "character-3" }),
        aspectRatio(HEDRA_ASPECT_RATIOS, "1:1"),
        resolution(HEDRA_RESOLUTIONS, "720p"),
        {
          name: "duration",
          type: "FLOAT",
          description: "Clip length in seconds. Default: as long as the speech (input.audio billed as 30 s unless set)",
          min: 1,
          max: 600,
        },
        { name: "voice", type: "STRING", description: "Hedra voice name or id for the script (input.voice takes precedence); default: Hedra's first voice" },
        { ...seed, description: "Not supported by Hedra's v3 avatar models: accepted for compatibility and ignored (with a warning)" },
      ],
      cost: hedraCost,
      estimatedTime: (o) => Math.round(45 + 6 * (o.duration !== undefined ? Number(o.duration) : 10)),
      inputs: { image: "required", audio: "optional", voice: "optional" },
      // Hedra API v3 avatar submit: input {prompt, aspect_ratio, resolution, start_image, audio, duration_ms} and
      // nothing else (Hedra OpenAPI 3.9.0, checked 2026-12-05). The prompt describes the performance.
      unified: {
        avatarId: ignored("Hedra has no stock avatars: it animates the portrait in input.image"),
        background: ignored("Hedra keeps the portrait's own background"),
        gesture: approximated("described in Hedra's performance prompt"),
        emotion: approximated("described in Hedra's performance prompt"),
      },
      reconcile: reconcileHedra,
    },
  },
};
