import { googleTtsPrice, reconcileGoogleTts } from "../google-tts/transform";
import { reconcileImagen } from "../imagen/transform";
import { single } from "../lineup";
import type { ProviderSpec } from "../types";
import { reconcileVeo } from "../veo/transform";
import { aspectRatio, duration, negativePrompt, resolution, seconds, seed, speed } from "./shared-options";

export const veo: ProviderSpec = {
  id: "veo",
  name: "Google Veo",
  vendor: "Google",
  description: "Google's Veo 3 video model: realistic motion and physics with native sound. Premium-quality content.",
  features: ["Veo 3 and Veo 3 Fast", "Native audio (can be turned off)", "720p and 1080p", "Animate a first frame, or go from a first to a last frame"],
  limitations: ["4, 6 or 8 second clips", "16:9 or 9:16 only; 1080p in 16:9 only", "No callbacks (polled every 10 s)", "Cannot be cancelled once submitted", "Premium price"],
  // LIVE via the Gemini API. A server that reaches Veo through Vertex AI instead (GOOGLE_VERTEX_PROJECT) needs
  // no Gemini key; see the adapter's client.ts.
  credentials: ["GEMINI_API_KEY"],
  credentialSets: [["GEMINI_API_KEY"], ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"], ["GOOGLE_VERTEX_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS_JSON"]],
  quality: 96,
  models: {
    VIDEO: {
      lineup: {
        option: "model",
        models: [
          { id: "veo-3", vendorModelId: "veo-3.0-generate-001", status: "GA" },
          { id: "veo-3-fast", vendorModelId: "veo-3.0-fast-generate-001", status: "GA" },
        ],
      },
      options: [
        { name: "model", type: "STRING", description: "veo-3 = veo-3.0-generate-001; veo-3-fast = veo-3.0-fast-generate-001 (quicker, cheaper)", allowedValues: ["veo-3", "veo-3-fast"], default: "veo-3" },
        duration(4, 8, 8, ["4", "6", "8"]),
        resolution(["720p", "1080p"]),
        aspectRatio(["16:9", "9:16"]),
        negativePrompt,
        seed,
        { name: "generateAudio", type: "BOOLEAN", description: "Generate a soundtrack (speech, effects, ambience) with the video", default: true },
      ],
      // Google bills per second of video with sound: Veo 3 $0.40, Veo 3 Fast $0.15 (the same at 720p and 1080p).
      // Without sound Vertex AI bills less, the Gemini API does not: the price is the with-sound one.
      price: (o) => seconds(o) * (o.model === "veo-3-fast" ? 15 : 40),
      estimatedTime: (o) => (o.model === "veo-3-fast" ? 30 + seconds(o) * 3 : 60 + seconds(o) * 6),
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileVeo,
    },
  },
};

export const imagen: ProviderSpec = {
  id: "imagen",
  name: "Google Imagen",
  vendor: "Google",
  description: "Google's most advanced image model with photorealistic quality and exceptional prompt adherence. Multiple sub-models available.",
  features: ["Imagen 4, 4 Ultra and 4 Fast", "1K and 2K output", "Text rendering", "Prompt rewriting (enhancePrompt)", "SynthID watermark"],
  limitations: ["Served through Vertex AI", "One image per generation", "No negative prompt (Imagen 4 does not take one)", "A seed is used only with the watermark off"],
  credentials: ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"],
  credentialSets: [["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"], ["GOOGLE_VERTEX_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS_JSON"]],
  quality: 92,
  models: {
    IMAGE: {
      lineup: {
        option: "model",
        models: [
          { id: "imagen-4", vendorModelId: "imagen-4.0-generate-001", status: "GA" },
          { id: "imagen-4-ultra", vendorModelId: "imagen-4.0-ultra-generate-001", status: "GA" },
          { id: "imagen-4-fast", vendorModelId: "imagen-4.0-fast-generate-001", status: "GA" },
        ],
      },
      options: [
        { name: "model", type: "STRING", description: "imagen-4, imagen-4-ultra (best) or imagen-4-fast (quickest)", allowedValues: ["imagen-4", "imagen-4-ultra", "imagen-4-fast"], default: "imagen-4" },
        aspectRatio(["1:1", "3:4", "4:3", "9:16", "16:9"], "1:1"),
        { name: "resolution", type: "STRING", description: "1k (1024 px square) or 2k (2048 px square); Imagen 4 Fast makes 1k only", allowedValues: ["1k", "2k"], default: "1k" },
        { ...seed, description: "Fixes the randomness (same seed and prompt, same image); Imagen uses it only with watermark false" },
        { name: "watermark", type: "BOOLEAN", description: "Embed Google's invisible SynthID watermark", default: true },
        { name: "enhancePrompt", type: "BOOLEAN", description: "Let Google rewrite the prompt with more detail before generating", default: true },
        { name: "personGeneration", type: "STRING", description: "Whether people may appear", allowedValues: ["dont_allow", "allow_adult", "allow_all"], default: "allow_adult" },
        { name: "safetySetting", type: "STRING", description: "How strictly Google's safety filter blocks", allowedValues: ["block_low_and_above", "block_medium_and_above", "block_only_high"], default: "block_medium_and_above" },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["png", "jpeg"], default: "png" },
      ],
      // Vertex AI bills per image: Imagen 4 $0.04, Ultra $0.06, Fast $0.02 (1K and 2K alike).
      price: (o) => (o.model === "imagen-4-ultra" ? 6 : o.model === "imagen-4-fast" ? 2 : 4),
      estimatedTime: (o) => (o.model === "imagen-4-fast" ? 4 : o.model === "imagen-4-ultra" ? 15 : 8),
      reconcile: reconcileImagen,
    },
  },
};

export const googleTts: ProviderSpec = {
  id: "google-tts",
  name: "Google Text-to-Speech",
  vendor: "Google",
  description: "Google's neural text-to-speech with WaveNet voices. Over 380 voices in 50+ languages with SSML support.",
  features: ["Standard, WaveNet, Neural2, Studio and Chirp 3 HD voices", "SSML (text that starts with <speak>)", "Pitch, rate and volume control", "MP3, WAV or Ogg Opus"],
  limitations: ["5,000 bytes of text or SSML per request", "Emotion is approximated with SSML prosody (rate, pitch, loudness)", "Chirp 3 HD and Journey voices take no pitch"],
  credentials: ["GOOGLE_TTS_API_KEY"],
  credentialSets: [["GOOGLE_TTS_API_KEY"], ["GOOGLE_VERTEX_ACCESS_TOKEN"], ["GOOGLE_APPLICATION_CREDENTIALS_JSON"]],
  quality: 82,
  models: {
    AUDIO: {
      // One API, many voice families (Standard, WaveNet, Neural2, Studio, Chirp 3 HD), chosen by the voice name.
      lineup: single("google-tts", "texttospeech.googleapis.com/v1"),
      options: [
        { name: "voice", type: "STRING", description: "Voice name such as en-US-Wavenet-D, en-GB-Neural2-A or en-US-Chirp3-HD-Charon; the language comes from the name", default: "en-US-Wavenet-D" },
        speed,
        { name: "pitch", type: "FLOAT", description: "Semitones up or down", min: -20, max: 20, default: 0 },
        { name: "volume", type: "FLOAT", description: "Loudness change in dB", min: -96, max: 16, default: 0 },
        { name: "emotion", type: "STRING", description: "Delivery, approximated with SSML prosody", allowedValues: ["neutral", "excited", "calm", "sad", "angry"], default: "neutral" },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["mp3", "wav", "ogg"], default: "mp3" },
      ],
      // Per character by voice family: Standard/WaveNet $4, Neural2 $16, Chirp 3 HD $30, Studio $160 per million.
      price: googleTtsPrice,
      estimatedTime: () => 2,
      inputs: { voice: "optional" },
      reconcile: reconcileGoogleTts,
    },
  },
};
