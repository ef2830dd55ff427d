import { LOCAL_VOICES } from "../local/render-speech";
import { LOCAL_STOCK_AVATARS, LOCAL_STOCK_VOICES } from "../local/stock";
import { single } from "../lineup";
import { rate } from "../rates";
import type { ProviderSpec } from "../types";
import { aspectRatio, duration, resolution, seed, speed, style } from "./shared-options";

const voice = {
  name: "voice",
  type: "STRING",
  description: "Voice of the speech (espeak-ng)",
  allowedValues: Object.keys(LOCAL_VOICES),
  default: "en-us",
} as const;

const NO_MODEL = { kind: "ignored", note: "the local preview is not an AI model" } as const;

/** The embedded preview provider: real files made on this machine with sharp, espeak-ng and ffmpeg. */
export const local: ProviderSpec = {
  id: "local",
  name: "Local preview",
  vendor: "Doitong",
  description:
    "A local preview, not an AI model: renders a real image, speech, video or avatar clip on this server from your " +
    "prompt and options, so you can build and test your integration with no vendor keys.",
  features: ["No keys or network needed", "Deterministic images with a seed", "Real PNG/JPEG, MP3/WAV and H.264 MP4 files"],
  limitations: ["Not generative AI: images show your prompt as text over seeded artwork", "Speech is espeak-ng quality"],
  credentials: [],
  voices: LOCAL_STOCK_VOICES,
  avatars: LOCAL_STOCK_AVATARS,
  preview: true,
  quality: 5,
  models: {
    IMAGE: {
      lineup: single("local", "local-preview"),
      options: [
        aspectRatio(undefined, "1:1"),
        resolution(["480p", "720p", "1080p", "1440p"], "1080p"),
        seed,
        style,
        { name: "format", type: "STRING", description: "File format", allowedValues: ["png", "jpeg"], default: "png" },
      ],
      cost: (rates) => rate(rates, "perImage"),
      estimatedTime: () => 2,
    },
    VIDEO: {
      lineup: single("local", "local-preview"),
      options: [duration(1, 20, 5), resolution(), aspectRatio(), style, seed, { name: "fps", type: "INT", description: "Frames per second", min: 12, max: 30, default: 24 }],
      // A preview draws no motion model: words in its prompt would only be printed on the frames.
      unified: { motionIntensity: NO_MODEL, cameraMotion: NO_MODEL },
      cost: (rates, o) => Math.ceil(Number(o.duration) / 5) * rate(rates, o.resolution === "1080p" ? "1080p.per5s" : "per5s"),
      estimatedTime: (o) => Math.ceil(2 + Number(o.duration) * (o.resolution === "1080p" ? 0.8 : 0.4)),
      inputs: { image: "optional" },
    },
    AUDIO: {
      lineup: single("local", "local-preview"),
      options: [voice, speed, { name: "format", type: "STRING", description: "File format", allowedValues: ["mp3", "wav"], default: "mp3" }],
      cost: (rates) => rate(rates, "perClip"),
      estimatedTime: () => 2,
      inputs: { voice: "optional" },
    },
    AVATAR: {
      lineup: single("local", "local-preview"),
      options: [
        {
          name: "avatarId",
          type: "STRING",
          description: "A drawn face (input.image, when given, is animated instead)",
          allowedValues: LOCAL_STOCK_AVATARS.stock.map((a) => a.id),
          default: "kate",
        },
        voice,
        speed,
        resolution(),
        aspectRatio(["16:9", "9:16", "1:1"]),
        seed,
      ],
      cost: (rates) => rate(rates, "perClip"),
      estimatedTime: () => 6,
      inputs: { image: "optional", voice: "optional" },
    },
  },
};
