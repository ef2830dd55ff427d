import { ELEVENLABS_MODELS, EMOTION_SETTINGS, LANGUAGES, PREMADE_VOICES, elevenLabsModel, reconcileElevenLabs } from "../elevenlabs/transform";
import { ELEVENLABS_STOCK_VOICES } from "../elevenlabs/stock";
import { modelOption } from "../lineup";
import { approximated } from "../unified/treatment";
import { rate } from "../rates";
import type { Lineup, Options, ProviderSpec } from "../types";
import { perThousandChars, seed } from "./shared-options";

const fast = (o: Options) => ELEVENLABS_MODELS[elevenLabsModel(o)].creditsPerChar < 1;

const ELEVENLABS_LINEUP: Lineup = {
  option: "model",
  models: Object.entries(ELEVENLABS_MODELS).map(([id, m]) => ({
    id,
    vendorModelId: m.id,
    status: "GA" as const,
    source: "elevenlabs.io/docs/overview/models; @elevenlabs/elevenlabs-js@2.73.0 (checked 2026-12-05)",
  })),
};

export const elevenlabs: ProviderSpec = {
  id: "elevenlabs",
  name: "ElevenLabs",
  vendor: "ElevenLabs",
  description: "The most natural AI voices, with emotion control and many languages.",
  features: [
    "Multilingual v2, Eleven v3, Turbo v2.5 and Flash v2.5 models",
    "Premade voices by name, or any voice id of the account (cloned voices too)",
    "Emotion via stability and style",
    "MP3 or WAV output",
  ],
  limitations: [
    "Up to 5,000 characters per request here (ElevenLabs itself allows 10,000 on Multilingual v2, 5,000 on v3, 40,000 on Turbo/Flash)",
    "language is enforced only by Turbo and Flash v2.5",
    "v3 takes stability only as 0, 0.5 or 1: emotions use the nearest",
  ],
  credentials: ["ELEVENLABS_API_KEY"],
  voices: ELEVENLABS_STOCK_VOICES,
  quality: 95,
  models: {
    AUDIO: {
      lineup: ELEVENLABS_LINEUP,
      options: [
        {
          name: "voice",
          type: "STRING",
          description: `A premade voice name (${Object.keys(PREMADE_VOICES).join(", ")}) or an ElevenLabs voice id; input.voice takes precedence`,
          default: "rachel",
        },
        {
          name: "emotion",
          type: "STRING",
          description: "Delivery, set through ElevenLabs' stability and style (it has no emotion parameter)",
          allowedValues: Object.keys(EMOTION_SETTINGS),
          default: "neutral",
        },
        { name: "speed", type: "FLOAT", description: "Speaking rate; 1.0 is normal (ElevenLabs allows 0.7–1.2)", min: 0.7, max: 1.2, default: 1 },
        modelOption(ELEVENLABS_LINEUP, {
          description:
            "multilingual-v2 = most natural (10k characters); v3 = most expressive (5k characters, audio tags); turbo-v2.5 and flash-v2.5 = faster, half the price, 40k characters",
          default: "multilingual-v2",
        }),
        { name: "language", type: "STRING", description: "ISO 639-1 language to enforce (turbo-v2.5 and flash-v2.5 only)", allowedValues: LANGUAGES },
        { name: "format", type: "STRING", description: "mp3 = 44.1 kHz 128 kbps; wav = 24 kHz 16-bit mono", allowedValues: ["mp3", "wav"], default: "mp3" },
        seed,
      ],
      // ElevenLabs bills one credit per character on Multilingual v2 and half on Turbo/Flash; at Creator-plan
      // overage ($0.30 per 1,000 credits) the first list has 30 and 15 US cents per 1,000 characters.
      cost: (rates, o, text) => perThousandChars(rate(rates, fast(o) ? "fast.per1000Chars" : "standard.per1000Chars"))(o, text),
      estimatedTime: (o) => (fast(o) ? 2 : 4),
      inputs: { voice: "optional" },
      // POST /v1/text-to-speech/{voice_id} (model_id, language_code, seed, voice_settings {stability,
      // similarity_boost, style, speed}, output_format), @elevenlabs/elevenlabs-js 2.73.0, checked 2026-12-05.
      unified: { emotion: approximated("ElevenLabs has no emotion field: set through voice_settings stability and style") },
      reconcile: reconcileElevenLabs,
    },
  },
};
