import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, HEYGEN_EMOTIONS, heygenSeconds, reconcileHeygen } from "../heygen/transform";
import { single } from "../lineup";
import type { ProviderSpec } from "../types";
import { aspectRatio, resolution } from "./shared-options";

/**
 * HeyGen bills API credits per minute of video in 30-second steps: 2 credits a minute for an avatar, 1 for a
 * talking photo. At the Pro API plan ($99 for 100 credits) a 30-second step is ≈ $0.99 and ≈ $0.50.
 */
const CREDITS_PER_30S = { avatar: 99, talking_photo: 50 } as const;

export const heygen: ProviderSpec = {
  id: "heygen",
  name: "HeyGen",
  vendor: "HeyGen",
  description:
    "Talking avatar videos from a script, with stock or custom avatars and voices. input.text is the script; give input.audio instead " +
    "to have the avatar speak your recording.",
  features: ["Hundreds of stock avatars, talking photos", "HeyGen's voices with speed and emotion, or your own audio", "Captions", "Signed webhook events"],
  limitations: [
    "Avatar, talking photo and voice ids come from HeyGen's lists",
    "Billed per started 30 s of video; with input.audio and no duration, billed as 30 s",
    "1080p needs a paid HeyGen plan",
    "No cancel",
  ],
  credentials: ["HEYGEN_API_KEY"],
  quality: 87,
  models: {
    AVATAR: {
      lineup: single("heygen", "heygen-avatar-video"),
      options: [
        { name: "avatarId", type: "STRING", description: "HeyGen avatar id (or talking photo id with avatarType talking_photo)", default: DEFAULT_AVATAR_ID },
        { name: "avatarType", type: "STRING", description: "What avatarId names", allowedValues: ["avatar", "talking_photo"], default: "avatar" },
        { name: "avatarStyle", type: "STRING", description: "Framing of an avatar", allowedValues: ["normal", "closeUp", "circle"], default: "normal" },
        { name: "voice", type: "STRING", description: "HeyGen voice id for the script (input.voice takes precedence)", default: DEFAULT_VOICE_ID },
        { name: "speed", type: "FLOAT", description: "Speaking rate; 1.0 is normal (HeyGen allows 0.5–1.5)", min: 0.5, max: 1.5, default: 1 },
        {
          name: "emotion",
          type: "STRING",
          description: "Delivery, for voices that support it",
          allowedValues: Object.keys(HEYGEN_EMOTIONS),
          default: "neutral",
        },
        aspectRatio(["16:9", "9:16", "1:1"], "16:9"),
        resolution(["720p", "1080p"], "720p"),
        { name: "background", type: "STRING", description: "Background: a #RRGGBB colour or an http(s) image URL; default: the avatar's own" },
        { name: "caption", type: "BOOLEAN", description: "Burn captions into the video", default: false },
        // The product page's HeyGen sample sends `gesture`; HeyGen has no such control, so it is accepted and dropped with a warning.
        { name: "gesture", type: "STRING", description: "Not supported by HeyGen: accepted for compatibility and ignored (with a warning)" },
        {
          name: "duration",
          type: "FLOAT",
          description: "Only with input.audio: its length in seconds, which is billed (default 30; longer audio is refused)",
          min: 1,
          max: 1800,
        },
      ],
      price: (o, text) => Math.ceil(heygenSeconds(o, text) / 30) * CREDITS_PER_30S[o.avatarType === "talking_photo" ? "talking_photo" : "avatar"],
      estimatedTime: (o) => Math.round(90 + 3 * (o.duration !== undefined ? Number(o.duration) : 30)),
      inputs: { audio: "optional", voice: "optional" },
      reconcile: reconcileHeygen,
    },
  },
};
