import type { GenerationType, OptionSpec } from "../types";

/**
 * The one vocabulary of `generate` options (issue 14): the same names and values work on every provider of a
 * type. Each provider treats each of its type's options in one documented way (see treatment.ts): natively,
 * approximated, or not at all — never with an error for a valid portable value. The catalog, validation, the
 * `unifiedOptions` query, the docs and the dashboard form all read this table.
 */

export const UNIFIED_STYLES = ["cinematic", "photorealistic", "anime", "illustration", "3d", "minimal", "vintage", "neon"] as const;
export const UNIFIED_EMOTIONS = ["neutral", "excited", "friendly", "calm", "serious", "sad", "angry"] as const;
export const CAMERA_MOTIONS = [
  "static",
  "pan_left",
  "pan_right",
  "tilt_up",
  "tilt_down",
  "zoom_in",
  "zoom_out",
  "dolly_in",
  "dolly_out",
  "orbit_left",
  "orbit_right",
  "tracking",
  "handheld",
] as const;

const VIDEO_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];
const IMAGE_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "4:5", "5:4", "21:9"];

const seed: OptionSpec = {
  name: "seed",
  type: "INT",
  min: 0,
  max: 2_147_483_647,
  description: "Fixes the randomness: the same seed and inputs give the same result, where the model supports it",
};
const negativePrompt: OptionSpec = { name: "negativePrompt", type: "STRING", description: "What to keep out of the result" };
const style: OptionSpec = { name: "style", type: "STRING", allowedValues: UNIFIED_STYLES, description: "Visual style" };
const emotion: OptionSpec = { name: "emotion", type: "STRING", allowedValues: UNIFIED_EMOTIONS, description: "Delivery of the voice" };
const voice: OptionSpec = {
  name: "voice",
  type: "STRING",
  description: "A portable voice name (rachel, professional_female, professional_male, narrator…) or the vendor's own voice id",
};

/** How many files to make from one request (`outputs`); each is priced, and charged only if it is delivered. */
function numOutputs(max: number): OptionSpec {
  return { name: "numOutputs", type: "INT", min: 1, max, description: `How many results to make, 1–${max}: each is a file in \`outputs\`, priced and charged per file delivered` };
}

export const UNIFIED_OPTIONS: Record<GenerationType, readonly OptionSpec[]> = {
  VIDEO: [
    { name: "duration", type: "FLOAT", min: 1, max: 60, description: "Clip length in seconds; the nearest length the model makes is used" },
    { name: "resolution", type: "STRING", allowedValues: ["480p", "720p", "1080p", "4k"], description: "Output size by its short side; the nearest the model makes is used" },
    { name: "aspectRatio", type: "STRING", allowedValues: VIDEO_RATIOS, description: "Frame shape, width:height" },
    seed,
    negativePrompt,
    style,
    { name: "motionIntensity", type: "STRING", allowedValues: ["low", "medium", "high"], description: "How much moves in the scene" },
    { name: "cameraMotion", type: "STRING", allowedValues: CAMERA_MOTIONS, description: "How the camera moves" },
    { name: "generateAudio", type: "BOOLEAN", description: "Make a soundtrack with the video, where the model can" },
    numOutputs(2),
  ],
  IMAGE: [
    { name: "aspectRatio", type: "STRING", allowedValues: IMAGE_RATIOS, description: "Frame shape, width:height" },
    { name: "resolution", type: "STRING", allowedValues: ["1k", "2k", "4k"], description: "Output size by its long side (1k ≈ 1024 px); the nearest the model makes is used" },
    seed,
    negativePrompt,
    style,
    { name: "quality", type: "STRING", allowedValues: ["draft", "standard", "high", "ultra"], description: "Speed against detail" },
    { name: "format", type: "STRING", allowedValues: ["png", "jpeg", "webp"], description: "File format" },
    numOutputs(4),
  ],
  AUDIO: [
    voice,
    { name: "speed", type: "FLOAT", min: 0.5, max: 2, description: "Speaking rate; 1.0 is normal" },
    emotion,
    { name: "language", type: "STRING", description: "Language of the speech, ISO 639-1 (en, ru, de…)" },
    { name: "format", type: "STRING", allowedValues: ["mp3", "wav", "ogg"], description: "File format" },
  ],
  AVATAR: [
    { name: "avatarId", type: "STRING", description: "A portable avatar name (kate, professional_female, professional_male…) or the vendor's own avatar id" },
    voice,
    { name: "background", type: "STRING", description: "A portable background (modern_office, studio, living_room, outdoor, plain), a #rrggbb colour, or an image URL" },
    { name: "gesture", type: "STRING", allowedValues: ["none", "friendly", "energetic", "calm", "presenting"], description: "Body language" },
    emotion,
    { name: "aspectRatio", type: "STRING", allowedValues: ["16:9", "9:16", "1:1"], description: "Frame shape, width:height" },
    { name: "resolution", type: "STRING", allowedValues: ["480p", "720p", "1080p", "4k"], description: "Output size by its short side" },
  ],
};

const byType = Object.fromEntries(Object.entries(UNIFIED_OPTIONS).map(([type, list]) => [type, new Map(list.map((o) => [o.name, o]))])) as Record<
  GenerationType,
  Map<string, OptionSpec>
>;

/** The unified option of this name for the type, if it is one. */
export function unifiedOption(type: GenerationType, name: string): OptionSpec | undefined {
  return byType[type].get(name);
}
