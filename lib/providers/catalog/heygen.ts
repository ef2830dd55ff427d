import { HEYGEN_STOCK_AVATARS, HEYGEN_STOCK_VOICES } from "../heygen/stock";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID, HEYGEN_ENGINE, heygenSeconds, reconcileHeygen } from "../heygen/transform";
import { single } from "../lineup";
import { rate } from "../rates";
import type { ProviderSpec } from "../types";
import { aspectRatio, resolution } from "./shared-options";

/**
 * HeyGen's API bills its USD wallet per second of output (Avatar IV, 720p/1080p): US cents per 100 seconds,
 * `avatar.per100Seconds` and `talking_photo.per100Seconds` in the price list (first list: $0.0667 a second for a
 * video avatar, digital twin or studio; $0.05 for a photo avatar. developers.heygen.com/docs/pricing, checked
 * 2026-12-05).
 */

export const heygen: ProviderSpec = {
  id: "heygen",
  name: "HeyGen",
  vendor: "HeyGen",
  description:
    "Talking avatar videos from a script, with stock or custom avatars and voices. input.text is the script; give input.audio instead " +
    "to have the avatar speak your recording.",
  features: ["Avatar IV: stock and custom avatars, photo avatars", "HeyGen's voices with speed, or your own audio", "Captions", "Per-video completion callbacks"],
  limitations: [
    "Avatar, talking photo and voice ids come from HeyGen's lists",
    "Billed per second of video; with input.audio and no duration, billed as 30 s",
    "1080p needs a paid HeyGen plan",
    "No cancel",
  ],
  credentials: ["HEYGEN_API_KEY"],
  voices: HEYGEN_STOCK_VOICES,
  avatars: HEYGEN_STOCK_AVATARS,
  quality: 87,
  models: {
    AVATAR: {
      lineup: single("heygen", HEYGEN_ENGINE, { source: "heygen-com/heygen-cli gen/video.go (engine avatar_iv is the v3 default), checked 2026-12-05" }),
      options: [
        { name: "avatarId", type: "STRING", description: "HeyGen avatar id (or talking photo id with avatarType talking_photo)", default: DEFAULT_AVATAR_ID },
        { name: "avatarType", type: "STRING", description: "What avatarId names", allowedValues: ["avatar", "talking_photo"], default: "avatar" },
        {
          name: "avatarStyle",
          type: "STRING",
          description: "Not supported by HeyGen's v3 API (it frames avatars itself): anything but normal is ignored with a warning",
          allowedValues: ["normal", "closeUp", "circle"],
          default: "normal",
        },
        { name: "voice", type: "STRING", description: "HeyGen voice id for the script (input.voice takes precedence)", default: DEFAULT_VOICE_ID },
        { name: "speed", type: "FLOAT", description: "Speaking rate; 1.0 is normal (HeyGen allows 0.5–1.5)", min: 0.5, max: 1.5, default: 1 },
        aspectRatio(["16:9", "9:16", "1:1"], "16:9"),
        resolution(["720p", "1080p"], "720p"),
        { name: "background", type: "STRING", description: "Background: a #RRGGBB colour or an http(s) image URL; default: the avatar's own" },
        { name: "caption", type: "BOOLEAN", description: "Burn captions into the video", default: false },
        {
          name: "duration",
          type: "FLOAT",
          description: "Only with input.audio: its length in seconds, which is billed (default 30; longer audio is refused)",
          min: 1,
          max: 1800,
        },
      ],
      cost: (rates, o, text) =>
        Math.ceil((Math.ceil(heygenSeconds(o, text)) * rate(rates, `${o.avatarType === "talking_photo" ? "talking_photo" : "avatar"}.per100Seconds`)) / 100),
      estimatedTime: (o) => Math.round(90 + 3 * (o.duration !== undefined ? Number(o.duration) : 30)),
      inputs: { audio: "optional", voice: "optional" },
      unified: {
        emotion: { kind: "ignored", note: "HeyGen's v3 API has no emotion control, only speed" },
        gesture: { kind: "ignored", note: "HeyGen avatars have no gesture control" },
      },
      reconcile: reconcileHeygen,
    },
  },
};
