import { EMOTION_SETTINGS, LANGUAGES, PREMADE_VOICES, reconcileElevenLabs } from "../elevenlabs/transform";
import type { Options, ProviderSpec } from "../types";
import { perThousandChars, seed } from "./shared-options";

const fast = (o: Options) => o.model === "turbo-v2.5" || o.model === "flash-v2.5";

export const elevenlabs: ProviderSpec = {
  id: "elevenlabs",
  name: "ElevenLabs",
  vendor: "ElevenLabs",
  description: "The most natural AI voices, with emotion control and many languages.",
  features: [
    "Multilingual v2, Turbo v2.5 and Flash v2.5 models",
    "Premade voices by name, or any voice id of the account (cloned voices too)",
    "Emotion via stability and style",
    "MP3 or WAV output",
  ],
  limitations: [
    "Up to 5,000 characters per request here (ElevenLabs itself allows 10,000 on Multilingual v2, 40,000 on Turbo/Flash)",
    "language is enforced only by Turbo and Flash v2.5",
  ],
  credentials: ["ELEVENLABS_API_KEY"],
  quality: 95,
  models: {
    AUDIO: {
      lineup: {
        option: "model",
        models: [
          { id: "multilingual-v2", vendorModelId: "eleven_multilingual_v2", status: "GA" },
          { id: "turbo-v2.5", vendorModelId: "eleven_turbo_v2_5", status: "GA" },
          { id: "flash-v2.5", vendorModelId: "eleven_flash_v2_5", status: "GA" },
        ],
      },
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
        {
          name: "model",
          type: "STRING",
          description: "multilingual-v2 = most natural (10k characters); turbo-v2.5 and flash-v2.5 = faster, half the price, 40k characters",
          allowedValues: ["multilingual-v2", "turbo-v2.5", "flash-v2.5"],
          default: "multilingual-v2",
        },
        { name: "language", type: "STRING", description: "ISO 639-1 language to enforce (turbo-v2.5 and flash-v2.5 only)", allowedValues: LANGUAGES },
        { name: "format", type: "STRING", description: "mp3 = 44.1 kHz 128 kbps; wav = 24 kHz 16-bit mono", allowedValues: ["mp3", "wav"], default: "mp3" },
        seed,
      ],
      // ElevenLabs bills one credit per character on Multilingual v2 and half on Turbo/Flash; at Creator-plan
      // overage ($0.30 per 1,000 credits) that is 30 and 15 of ours per 1,000 characters.
      price: (o, text) => perThousandChars(fast(o) ? 15 : 30)(o, text),
      estimatedTime: (o) => (fast(o) ? 2 : 4),
      inputs: { voice: "optional" },
      reconcile: reconcileElevenLabs,
    },
  },
};
