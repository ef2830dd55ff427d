import type { ProviderSpec } from "../types";
import { aspectRatio, count, duration, imageCount, negativePrompt, perThousandChars, resolution, seconds, seed, speed } from "./shared-options";

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
      price: (o) => seconds(o) * 40,
      estimatedTime: () => 90,
      inputs: { image: "optional" },
    },
  },
};

export const imagen: ProviderSpec = {
  id: "imagen",
  name: "Google Imagen",
  vendor: "Google",
  description: "Google's most advanced image model with photorealistic quality and exceptional prompt adherence. Multiple sub-models available.",
  features: ["Imagen 4, 4 Ultra and 4 Fast", "Up to 4 images per request", "Text rendering"],
  limitations: ["Served through Vertex AI"],
  credentials: ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"],
  quality: 92,
  models: {
    IMAGE: {
      options: [
        { name: "model", type: "STRING", description: "Imagen sub-model", allowedValues: ["imagen-4", "imagen-4-ultra", "imagen-4-fast"], default: "imagen-4" },
        aspectRatio(["1:1", "3:4", "4:3", "9:16", "16:9"], "1:1"),
        count,
        seed,
      ],
      price: (o) => imageCount(o) * (o.model === "imagen-4-ultra" ? 6 : o.model === "imagen-4-fast" ? 2 : 4),
      estimatedTime: (o) => (o.model === "imagen-4-fast" ? 4 : 10),
    },
  },
};

export const googleTts: ProviderSpec = {
  id: "google-tts",
  name: "Google Text-to-Speech",
  vendor: "Google",
  description: "Google's neural text-to-speech with WaveNet voices. Over 380 voices in 50+ languages with SSML support.",
  features: ["WaveNet and Neural2 voices", "SSML", "Pitch and rate control"],
  limitations: ["5,000 bytes of text per request"],
  credentials: ["GOOGLE_TTS_API_KEY"],
  quality: 82,
  models: {
    AUDIO: {
      options: [
        { name: "voice", type: "STRING", description: "Voice name, e.g. en-US-Wavenet-D", default: "en-US-Wavenet-D" },
        speed,
        { name: "pitch", type: "FLOAT", description: "Semitones up or down", min: -20, max: 20, default: 0 },
        { name: "ssml", type: "BOOLEAN", description: "Treat the text as SSML", default: false },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["mp3", "wav", "ogg"], default: "mp3" },
      ],
      price: perThousandChars(4),
      estimatedTime: () => 2,
      inputs: { voice: "optional" },
    },
  },
};
