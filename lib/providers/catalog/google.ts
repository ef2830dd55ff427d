import { googleTtsCost, reconcileGoogleTts } from "../google-tts/transform";
import { ASPECT_RATIOS, DEFAULT_IMAGE_MODEL, IMAGE_LINEUP, imageCost, imageSeconds } from "../imagen/models";
import { reconcileGeminiImage } from "../imagen/transform";
import { modelOption, single } from "../lineup";
import type { ProviderSpec } from "../types";
import { approximated, ignored } from "../unified/treatment";
import { GOOGLE_TTS_STOCK_VOICES } from "../google-tts/stock";
import { EMOTION_PROSODY } from "../google-tts/transform";
import { DEFAULT_VEO_MODEL, VEO_LINEUP, veoCost } from "../veo/models";
import { reconcileVeo } from "../veo/transform";
import { aspectRatio, duration, negativePrompt, resolution, seed, speed } from "./shared-options";

export const veo: ProviderSpec = {
  id: "veo",
  name: "Google Veo",
  vendor: "Google",
  description: "Google's Veo 3.1 video model: realistic motion and physics with native sound. Premium-quality content.",
  features: [
    "Veo 3.1, 3.1 Fast and 3.1 Lite (preview)",
    "Native audio (can be turned off)",
    "720p, 1080p and 4K",
    "Animate a first frame, go from a first to a last frame, or keep a subject from a reference image",
  ],
  limitations: [
    "4, 6 or 8 second clips; 1080p, 4K and reference images only at 8 s",
    "16:9 or 9:16 only",
    "Served by Vertex AI only (Google took Veo off the Gemini API in October 2026)",
    "No callbacks (polled every 10 s)",
    "Cannot be cancelled once submitted",
    "Premium price",
  ],
  // Vertex AI only: the Gemini API stopped serving Veo on 2026-10-22 (see veo/models.ts).
  credentials: ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"],
  credentialSets: [
    ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"],
    ["GOOGLE_VERTEX_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS_JSON"],
  ],
  quality: 96,
  models: {
    VIDEO: {
      lineup: VEO_LINEUP,
      options: [
        modelOption(VEO_LINEUP, {
          description: "veo-3.1 (best), veo-3.1-fast (quicker, cheaper) or veo-3.1-lite (cheapest, preview; no 4K, last frame or reference images)",
          default: DEFAULT_VEO_MODEL,
        }),
        duration(4, 8, 8, ["4", "6", "8"]),
        resolution(["720p", "1080p", "4k"]),
        aspectRatio(["16:9", "9:16"]),
        {
          name: "imageAs",
          type: "STRING",
          description: "How input.image is used: firstFrame (animate it) or reference (keep its subject in a new scene; 8 s clips)",
          allowedValues: ["firstFrame", "reference"],
          default: "firstFrame",
        },
        negativePrompt,
        seed,
        { name: "generateAudio", type: "BOOLEAN", description: "Generate a soundtrack (speech, effects, ambience) with the video", default: true },
      ],
      // Google bills per second of successfully generated video, by model and resolution (veo/models.ts).
      cost: veoCost,
      estimatedTime: (o) => (o.model === "veo-3.1-lite" ? 20 + Number(o.duration) * 2 : o.model === "veo-3.1-fast" ? 30 + Number(o.duration) * 3 : 60 + Number(o.duration) * 6),
      inputs: { image: "optional", endImage: "optional" },
      // Every unified video field but style and camera is a Vertex predictLongRunning parameter (veo/transform.ts);
      // Google documents camera and style as prompt language (Veo prompt guide), hence the default prompt words.
      reconcile: reconcileVeo,
    },
  },
};

export const imagen: ProviderSpec = {
  id: "imagen",
  name: "Google Gemini Image",
  vendor: "Google",
  description:
    "Google's most advanced image models (Nano Banana 2.1, Pro and 2 Lite): photorealistic quality, exceptional prompt adherence and text rendering. Several sub-models.",
  features: [
    "Nano Banana 2.1, Nano Banana Pro and Nano Banana 2 Lite",
    "1K, 2K and 4K output, 14 aspect ratios",
    "Edits or restyles input.image",
    "Text rendering",
    "SynthID watermark",
  ],
  limitations: [
    "One image per generation",
    "No negative prompt (describe what to avoid in the prompt)",
    "Google does not promise that a seed repeats an image",
    "The Imagen 4 models were shut down by Google on 2026-08-17",
  ],
  credentials: ["GEMINI_API_KEY"],
  credentialSets: [["GEMINI_API_KEY"], ["GOOGLE_VERTEX_PROJECT", "GOOGLE_VERTEX_ACCESS_TOKEN"], ["GOOGLE_VERTEX_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS_JSON"]],
  quality: 92,
  models: {
    IMAGE: {
      lineup: IMAGE_LINEUP,
      options: [
        modelOption(IMAGE_LINEUP, {
          description: "nano-banana-2.1 (Google's recommended model), nano-banana-pro (best, slowest), nano-banana-2-lite (fastest, 1K only)",
          default: DEFAULT_IMAGE_MODEL,
        }),
        aspectRatio(ASPECT_RATIOS, "1:1"),
        {
          name: "resolution",
          type: "STRING",
          description: "Long side about 512 px, 1k, 2k or 4k; 512 on nano-banana-2 only, Lite makes 1k only",
          allowedValues: ["512", "1k", "2k", "4k"],
          default: "1k",
        },
        {
          name: "thinking",
          type: "STRING",
          description: "How long the model reasons before drawing: minimal (fastest) to high (best for dense text and layouts); the model's own default when unset",
          allowedValues: ["minimal", "medium", "high"],
        },
        { ...seed, description: "Sent as Google's generationConfig.seed; Google does not promise the same image for the same seed" },
      ],
      // The portable speed-against-detail knob is how long Google's image models think before drawing.
      // Gemini API generateContent imageConfig (aspectRatio, imageSize), generationConfig.seed and thinkingConfig
      // (@google/genai, checked 2026-12-05); no negative prompt, and the image comes back as Google encodes it.
      unified: {
        quality: { kind: "native", option: "thinking", map: (v) => ({ draft: "minimal", standard: "medium", high: "high" })[String(v)], nearest: () => "high" },
        negativePrompt: ignored("Gemini image models take no negative prompt; describe what to avoid in the prompt"),
        format: ignored("Gemini returns the image in its own encoding (PNG)"),
      },
      // Google bills the image's output tokens: a fixed count per size and model (imagen/models.ts).
      cost: imageCost,
      estimatedTime: imageSeconds,
      inputs: { image: "optional" },
      reconcile: reconcileGeminiImage,
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
  voices: GOOGLE_TTS_STOCK_VOICES,
  credentialSets: [["GOOGLE_TTS_API_KEY"], ["GOOGLE_VERTEX_ACCESS_TOKEN"], ["GOOGLE_APPLICATION_CREDENTIALS_JSON"]],
  quality: 82,
  models: {
    AUDIO: {
      // One API, many voice families (Standard, WaveNet, Neural2, Studio, Chirp 3 HD), chosen by the voice name.
      lineup: single("google-tts", "texttospeech.googleapis.com/v1"),
      options: [
        {
          name: "voice",
          type: "STRING",
          description: "Voice name such as en-US-Wavenet-D, en-GB-Neural2-A or en-US-Chirp3-HD-Charon; the language comes from the name",
          default: "en-US-Wavenet-D",
        },
        speed,
        { name: "pitch", type: "FLOAT", description: "Semitones up or down", min: -20, max: 20, default: 0 },
        { name: "volume", type: "FLOAT", description: "Loudness change in dB", min: -96, max: 16, default: 0 },
        { name: "emotion", type: "STRING", description: "Delivery, approximated with SSML prosody", allowedValues: Object.keys(EMOTION_PROSODY), default: "neutral" },
        { name: "format", type: "STRING", description: "File format", allowedValues: ["mp3", "wav", "ogg"], default: "mp3" },
      ],
      // Per character by voice family: Standard/WaveNet $4, Neural2 $16, Chirp 3 HD $30, Studio $160 per million.
      // Cloud TTS v1 text:synthesize (input text|ssml, voice {languageCode, name}, audioConfig {audioEncoding,
      // speakingRate, pitch, volumeGainDb}), checked 2026-12-05: no emotion and no language beside the voice's own.
      unified: {
        emotion: approximated("Cloud TTS has no emotion field: SSML <prosody> rate, pitch and volume"),
        language: approximated("Google's language comes with the voice: a stock voice of that language is chosen"),
      },
      cost: googleTtsCost,
      estimatedTime: () => 2,
      inputs: { voice: "optional" },
      reconcile: reconcileGoogleTts,
    },
  },
};
