import type { ProviderSpec } from "../types";
import { aspectRatio, resolution, speed } from "./shared-options";

const perThousandChars = (credits: number) => (_: unknown, text: string) => Math.max(1, Math.ceil((text.length / 1000) * credits));

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

export const hedra: ProviderSpec = {
  id: "hedra",
  name: "Hedra",
  vendor: "Hedra",
  description: "Character animation with perfectly synced audio. Bring portraits to life with natural expressions and movement.",
  features: ["Portrait + audio or text", "Expressive lip-sync"],
  limitations: ["Needs a portrait image"],
  credentials: ["HEDRA_API_KEY"],
  quality: 85,
  models: {
    AVATAR: {
      options: [aspectRatio(["16:9", "9:16", "1:1"], "1:1"), resolution(["540p", "720p"], "720p")],
      price: () => 40,
      estimatedTime: () => 90,
      inputs: { image: "required", voice: "optional" },
    },
  },
};

export const heygen: ProviderSpec = {
  id: "heygen",
  name: "HeyGen",
  vendor: "HeyGen",
  description: "Talking avatar videos from a script, with stock or custom avatars and voices.",
  features: ["Hundreds of stock avatars", "Custom backgrounds", "Webhook events"],
  limitations: ["Avatar and voice ids come from HeyGen's lists"],
  credentials: ["HEYGEN_API_KEY"],
  quality: 87,
  models: {
    AVATAR: {
      options: [
        { name: "avatarId", type: "STRING", description: "HeyGen avatar id", default: "kate" },
        { name: "background", type: "STRING", description: "Background preset or colour", default: "modern_office" },
        { name: "gesture", type: "STRING", description: "Body language", allowedValues: ["neutral", "friendly", "energetic"], default: "neutral" },
        resolution(["720p", "1080p"]),
      ],
      price: () => 60,
      estimatedTime: () => 180,
      inputs: { voice: "optional", image: "optional" },
    },
  },
};
