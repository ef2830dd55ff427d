import { dimensions } from "../catalog/shared-options";
import { AUDIO_BILLING_SECONDS, estimateSpeechSeconds } from "../hedra/speech";
import type { GenerationJob, Options, Reconciled } from "../types";

/** The stock avatar and voice HeyGen's own examples use [S]; any id from the account's lists works. */
export const DEFAULT_AVATAR_ID = "Daisy-inskirt-20220818";
export const DEFAULT_VOICE_ID = "2d5b0e6cf36f460aa7fc47e3eee4ba54";

/** Our emotion → HeyGen `voice.emotion` [U: accepted only by some voices]; neutral sends none. */
export const HEYGEN_EMOTIONS: Readonly<Record<string, string | undefined>> = {
  neutral: undefined,
  excited: "Excited",
  friendly: "Friendly",
  serious: "Serious",
  calm: "Soothing",
  broadcaster: "Broadcaster",
};

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * Audio given without a duration is billed as AUDIO_BILLING_SECONDS (its length is unknown until fetched; the
 * adapter refuses longer audio before submitting). Without audio the video is as long as the script's speech, so
 * a duration means nothing; a background must be a colour or an image URL.
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
  if (options.gesture !== undefined) {
    delete applied.gesture;
    warnings.push(`gesture "${options.gesture}" is ignored: HeyGen avatars have no gesture control`);
  }
  if (options.avatarType === "talking_photo" && options.avatarStyle !== undefined && options.avatarStyle !== "normal") {
    applied.avatarStyle = "normal";
    warnings.push("avatarStyle is ignored: it applies to avatars, not talking photos");
  }
  return { applied, warnings };
}

/**
 * Seconds of video HeyGen will bill: the audio's priced length (after reconcile, `duration` is set exactly when
 * there is audio), or the time the script takes to say at this speed.
 */
export const heygenSeconds = (o: Options, text: string) =>
  o.duration !== undefined ? Number(o.duration) : estimateSpeechSeconds(text, Number(o.speed ?? 1));

/** The voice: an uploaded audio asset, an audio URL HeyGen fetches itself, or the script for its text-to-speech. */
export type HeygenAudio = { audio_asset_id: string } | { audio_url: string };

export interface HeygenVideoRequest {
  video_inputs: {
    character: { type: "avatar"; avatar_id: string; avatar_style: string } | { type: "talking_photo"; talking_photo_id: string };
    voice: { type: "text"; input_text: string; voice_id: string; speed: number; emotion?: string } | ({ type: "audio" } & HeygenAudio);
    background?: { type: "color"; value: string } | { type: "image"; url: string };
  }[];
  dimension: { width: number; height: number };
  caption: boolean;
  title: string;
  callback_id: string;
}

/**
 * Our job → `POST /v2/video/generate`. `callback_id` carries the generation id so HeyGen's webhook events can be
 * matched to it; HeyGen does not deduplicate on it, so the submit is not idempotent.
 */
export function toHeygenRequest(job: GenerationJob, audio?: HeygenAudio): HeygenVideoRequest {
  const o = job.options;
  const avatarId = String(o.avatarId ?? DEFAULT_AVATAR_ID);
  const emotion = HEYGEN_EMOTIONS[String(o.emotion ?? "neutral")];
  const background = o.background === undefined ? undefined : String(o.background);
  return {
    video_inputs: [
      {
        character:
          o.avatarType === "talking_photo"
            ? { type: "talking_photo", talking_photo_id: avatarId }
            : { type: "avatar", avatar_id: avatarId, avatar_style: String(o.avatarStyle ?? "normal") },
        voice: audio
          ? { type: "audio", ...audio }
          : {
              type: "text",
              input_text: job.text,
              voice_id: job.input.voice ?? String(o.voice ?? DEFAULT_VOICE_ID),
              speed: Number(o.speed ?? 1),
              ...(emotion ? { emotion } : {}),
            },
        ...(background && HEX_COLOUR.test(background) ? { background: { type: "color" as const, value: background } } : {}),
        ...(background && HTTP_URL.test(background) ? { background: { type: "image" as const, url: background } } : {}),
      },
    ],
    dimension: dimensions(String(o.resolution ?? "720p"), String(o.aspectRatio ?? "16:9")),
    caption: o.caption === true,
    title: job.generationId,
    callback_id: job.generationId,
  };
}

export type HeygenStatusName = "pending" | "waiting" | "processing" | "completed" | "failed";

/** `GET /v1/video_status.get` → `data`. */
export interface HeygenVideoStatus {
  id?: string;
  status: HeygenStatusName;
  video_url?: string | null;
  thumbnail_url?: string | null;
  duration?: number | null;
  callback_id?: string | null;
  error?: { code?: string | number; message?: string; detail?: string } | null;
}

/** A webhook event, as HeyGen posts it to the registered endpoint. */
export interface HeygenWebhookEvent {
  event_type: "avatar_video.success" | "avatar_video.fail" | string;
  event_data: { video_id: string; callback_id?: string | null; url?: string; msg?: string };
}
