import type { GenerationJob, Lineup, Options, Reconciled } from "../types";
import { AUDIO_BILLING_SECONDS } from "./speech";

const SOURCE = "Hedra OpenAPI 3.9.0 (hedra-labs/hedra-cli cli/hedra-cli/openapi0.json, 2026-08-21), checked 2026-12-05";

/**
 * Hedra's avatar models on API v3 (`POST /models/{model}`), both with the same inputs. Character-3 stays the
 * default: it is the model this provider has always run [U: Hedra does not say which of the two it recommends].
 */
export const HEDRA_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "character-3", vendorModelId: "hedra-character-3", status: "GA", source: SOURCE },
    { id: "avatar", vendorModelId: "hedra-avatar", status: "GA", source: SOURCE },
  ],
};

/** The text-to-speech model that voices a script when the client gives no audio (Hedra hosts it, same key). */
export const HEDRA_SPEECH_MODEL = "elevenlabs-multilingual-v2";

export const HEDRA_ASPECT_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"] as const;
export const HEDRA_RESOLUTIONS = ["540p", "720p", "1080p"] as const;

/** Hedra's prompt when input.text is the script to speak rather than a description of the performance. */
export const SPEAKING_PROMPT = "A person speaking naturally to the camera, with expressive face and subtle head movement";

/**
 * Audio given without a duration is billed as AUDIO_BILLING_SECONDS (its length is unknown until fetched; the
 * adapter refuses longer audio before anything is spent). A voice means nothing next to audio; v3 has no seed.
 */
export function reconcileHedra(options: Options, input: GenerationJob["input"], explicit?: ReadonlySet<string>): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (input.audio && options.duration === undefined) {
    applied.duration = AUDIO_BILLING_SECONDS;
    warnings.push(
      `duration is set to ${AUDIO_BILLING_SECONDS} s: the clip follows input.audio, whose length is known only once it is fetched, so it is billed as ${AUDIO_BILLING_SECONDS} s and longer audio is refused before anything is spent (set options.duration to the audio's length)`,
    );
  }
  if (input.audio && (input.voice || options.voice)) warnings.push("voice is ignored: the portrait speaks input.audio");
  if (options.seed !== undefined) {
    delete applied.seed;
    // The seed planning picks for every seeded model is nobody's request: only a client's own seed is worth a word
    // (and a refusal under strict).
    if (!explicit || explicit.has("seed")) warnings.push("seed is ignored: Hedra's v3 avatar models take no seed");
  }
  return { applied, warnings };
}

/** A media input of a v3 submit: a handle from `POST /files`, or an asset Hedra made (a speech job's output). */
export type HedraMedia = { source: "url"; url: string } | { source: "asset"; asset_id: string };

/** `POST /models/{hedra-character-3 | hedra-avatar}`: `input` allows no other fields. */
export interface HedraAvatarSubmit {
  input: { prompt: string; aspect_ratio: string; resolution: string; start_image: HedraMedia; audio: HedraMedia; duration_ms?: number };
  webhook?: string;
  idempotency_key: string;
}

/**
 * Our job → the avatar submit. With input.audio the portrait speaks it and input.text describes the performance;
 * the clip is as long as the audio (cut to options.duration when shorter). Without audio, input.text was voiced
 * by a speech job and is the script. `idempotency_key` makes a retried submit replay Hedra's first answer.
 */
export function toHedraAvatarSubmit(
  job: GenerationJob,
  media: { image: HedraMedia; audio: HedraMedia; audioSeconds?: number; spoken: boolean },
  webhook?: string,
): HedraAvatarSubmit {
  const o = job.options;
  const seconds =
    media.audioSeconds !== undefined ? Math.min(Number(o.duration ?? media.audioSeconds), media.audioSeconds) : o.duration !== undefined ? Number(o.duration) : undefined;
  return {
    input: {
      prompt: performancePrompt(media.spoken ? SPEAKING_PROMPT : job.text, o),
      aspect_ratio: String(o.aspectRatio ?? "1:1"),
      resolution: String(o.resolution ?? "720p"),
      start_image: media.image,
      audio: media.audio,
      ...(seconds !== undefined ? { duration_ms: Math.max(1000, Math.round(seconds * 1000)) } : {}),
    },
    ...(webhook ? { webhook } : {}),
    idempotency_key: job.generationId,
  };
}

/**
 * Hedra reads the performance from its prompt (it has no emotion or gesture field): the unified emotion and
 * gesture are described there, never in the script it speaks.
 */
export function performancePrompt(base: string, o: Options): string {
  const words = [
    o.emotion && o.emotion !== "neutral" ? `looking ${String(o.emotion)}` : "",
    o.gesture && o.gesture !== "none" ? `with ${String(o.gesture)} body language` : "",
  ].filter(Boolean);
  return words.length ? `${base.trimEnd()}, ${words.join(", ")}.` : base;
}

/** `POST /models/elevenlabs-multilingual-v2`: the script as speech, for clients who give no audio. */
export const toHedraSpeechSubmit = (job: GenerationJob, voiceId: string) => ({
  input: { text: job.text, voice_id: voiceId },
  idempotency_key: `${job.generationId}:speech`,
});

export interface HedraVoice {
  id: string;
  name?: string | null;
}

/** A voice by id or by name (any case); with none asked for, the first of Hedra's list. Undefined: no such voice. */
export function pickHedraVoice(voices: readonly HedraVoice[], wanted: string | undefined): HedraVoice | undefined {
  if (!wanted) return voices[0];
  const key = wanted.trim().toLowerCase();
  return voices.find((v) => v.id === wanted.trim()) ?? voices.find((v) => (v.name ?? "").trim().toLowerCase() === key);
}

export type HedraJobStatus = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "FAILED";

/** Hedra's error envelope, on every non-2xx answer and on a failed job. */
export interface HedraErrorEnvelope {
  code: string;
  message: string;
  retryable?: boolean;
  retry_after?: number | null;
  param?: string | null;
  details?: { field: string; message: string; reason?: string | null }[] | null;
  replaced_by?: string | null;
}

/** `GET /jobs/{job_id}` (also the webhook body). */
export interface HedraJob {
  job_id: string;
  model: string;
  status: HedraJobStatus;
  outputs?: { status?: string; asset_id?: string | null; url?: string | null; content_type?: string | null; duration_ms?: number | null }[];
  error?: HedraErrorEnvelope | null;
}

/** `GET /jobs/{job_id}/status`: progress is a fraction 0–1. */
export interface HedraJobProgress {
  job_id: string;
  status: HedraJobStatus;
  progress?: number | null;
}

export const hedraProgress = (p: number | null | undefined) => (typeof p === "number" && p >= 0 ? Math.min(100, p * 100) : undefined);
