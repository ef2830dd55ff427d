import { AUDIO_BILLING_SECONDS, estimateSpeechSeconds } from "../hedra/speech";
import type { GenerationJob, Options, Reconciled } from "../types";

/** The stock avatar and voice HeyGen's own examples use [S]; any id from the account's lists works. */
export const DEFAULT_AVATAR_ID = "Daisy-inskirt-20220818";
export const DEFAULT_VOICE_ID = "2d5b0e6cf36f460aa7fc47e3eee4ba54";

/** HeyGen's default v3 engine (`engine.type`); what the lineup names as the vendor model. */
export const HEYGEN_ENGINE = "avatar_iv";

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * Audio given without a duration is billed as AUDIO_BILLING_SECONDS (its length is unknown until fetched; the
 * adapter refuses longer audio before submitting). Without audio the video is as long as the script's speech, so
 * a duration means nothing; a background must be a colour or an image URL. Framing styles were a v2 field that v3
 * no longer has. (The unified emotion and gesture options are not HeyGen's: the catalog leaves them ignored.)
 */
export function reconcileHeygen(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (input.audio && options.duration === undefined) {
    applied.duration = AUDIO_BILLING_SECONDS;
    warnings.push(
      `duration is set to ${AUDIO_BILLING_SECONDS} s: the video follows input.audio, whose length is known only once it is fetched, so it is billed as ${AUDIO_BILLING_SECONDS} s and longer audio is refused before anything is spent (set options.duration to the audio's length)`,
    );
  }
  if (!input.audio && options.duration !== undefined) {
    delete applied.duration;
    warnings.push("duration is ignored: without input.audio the video is as long as HeyGen takes to speak the script");
  }
  if (options.background !== undefined && !HEX_COLOUR.test(String(options.background)) && !HTTP_URL.test(String(options.background))) {
    delete applied.background;
    warnings.push(`background "${options.background}" is ignored: HeyGen takes a #RRGGBB colour or an http(s) image URL`);
  }
  if (options.avatarStyle !== undefined && options.avatarStyle !== "normal") {
    applied.avatarStyle = "normal";
    warnings.push(`avatarStyle "${options.avatarStyle}" is ignored: HeyGen's v3 API frames every avatar itself`);
  }
  return { applied, warnings };
}

/**
 * Seconds of video HeyGen will bill: the audio's priced length (after reconcile, `duration` is set exactly when
 * there is audio), or the time the script takes to say at this speed.
 */
export const heygenSeconds = (o: Options, text: string) => (o.duration !== undefined ? Number(o.duration) : estimateSpeechSeconds(text, Number(o.speed ?? 1)));

/** The voice as audio: an uploaded asset, or a URL HeyGen fetches itself. Absent: HeyGen speaks the script. */
export type HeygenAudio = { audio_asset_id: string } | { audio_url: string };

/** `POST /v3/videos` with `type: "avatar"` (the fields we send; HeyGen's schema has more). */
export interface HeygenVideoRequest {
  type: "avatar";
  avatar_id: string;
  title: string;
  resolution: string;
  aspect_ratio: string;
  script?: string;
  voice_id?: string;
  voice_settings?: { speed: number };
  audio_url?: string;
  audio_asset_id?: string;
  background?: { type: "color"; value: string } | { type: "image"; url: string };
  caption?: { file_format: "srt"; style: "default" };
  callback_url?: string;
  callback_id: string;
}

/**
 * Our job → `POST /v3/videos`. A talking photo is a photo-avatar look: on v3 it is an `avatar_id` like any other.
 * `callback_id` carries the generation id, echoed back in the per-video callback.
 */
export function toHeygenRequest(job: GenerationJob, audio?: HeygenAudio, callbackUrl?: string): HeygenVideoRequest {
  const o = job.options;
  const background = o.background === undefined ? undefined : String(o.background);
  return {
    type: "avatar",
    avatar_id: String(o.avatarId ?? DEFAULT_AVATAR_ID),
    title: job.generationId,
    resolution: String(o.resolution ?? "720p"),
    aspect_ratio: String(o.aspectRatio ?? "16:9"),
    ...(audio ?? { script: job.text, voice_id: String(o.voice ?? job.input.voice ?? DEFAULT_VOICE_ID), voice_settings: { speed: Number(o.speed ?? 1) } }),
    ...(background && HEX_COLOUR.test(background) ? { background: { type: "color" as const, value: background } } : {}),
    ...(background && HTTP_URL.test(background) ? { background: { type: "image" as const, url: background } } : {}),
    ...(o.caption === true ? { caption: { file_format: "srt" as const, style: "default" as const } } : {}),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
    callback_id: job.generationId,
  };
}

/** `GET /v3/videos/{video_id}` → `data`. */
export interface HeygenVideo {
  id: string;
  /** "pending", "processing", "completed", "failed", or a status this code does not know yet (still running). */
  status: string;
  video_url?: string | null;
  duration?: number | null;
  failure_code?: string | null;
  failure_message?: string | null;
}

/** What HeyGen POSTs to a video's `callback_url` (unsigned; the callback_id is echoed). */
export interface HeygenCallback {
  /** "avatar_video.success", "avatar_video.fail", or others we ignore. */
  event_type: string;
  event_data: { video_id: string; callback_id?: string | null; url?: string | null; msg?: string | null };
}
