import type { ProviderSpec } from "../types";
import { perThousandChars, speed } from "./shared-options";

export const elevenlabs: ProviderSpec = {
  id: "elevenlabs",
  name: "ElevenLabs",
  vendor: "ElevenLabs",
  description: "The most natural AI voices, with emotion control and many languages.",
  features: ["Multilingual v2 and Flash models", "Emotion and stability control", "MP3 and PCM output"],
  limitations: ["5,000 characters per request"],
  credentials: ["ELEVENLABS_API_KEY"],
  quality: 95,
  models: {
    AUDIO: {
      options: [
        { name: "voice", type: "STRING", description: "Voice name or id", allowedValues: ["rachel", "adam", "bella", "antoni", "domi", "elli", "josh", "sam"], default: "rachel" },
        { name: "emotion", type: "STRING", description: "Delivery", allowedValues: ["neutral", "excited", "calm", "sad", "angry"], default: "neutral" },
        speed,
        { name: "model", type: "STRING", description: "Voice model", allowedValues: ["multilingual-v2", "flash-v2.5"], default: "multilingual-v2" },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["mp3", "wav"], default: "mp3" },
      ],
      price: perThousandChars(30),
      estimatedTime: () => 3,
      inputs: { voice: "optional" },
    },
  },
};
