import type { GenerationJob, Options, Reconciled } from "../types";
import { AUDIO_BILLING_SECONDS } from "./speech";

/** Hedra Character-3, the id Hedra's own API starter uses; `HEDRA_MODEL_ID` overrides it (see GET /models). */
export const CHARACTER_3_MODEL_ID = "d1dd37a3-e39a-4854-a298-6510289f9cf2";

/** Hedra's text prompt when input.text is the script to speak rather than a description of the performance. */
export const SPEAKING_PROMPT = "A person speaking naturally to the camera, with expressive face and subtle head movement";

/**
 * Audio given without a duration is billed as AUDIO_BILLING_SECONDS (its length is unknown until fetched; the
 * adapter refuses longer audio before anything is spent). A voice means nothing next to audio.
 */
export function reconcileHedra(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (input.audio && options.duration === undefined) {
    applied.duration = AUDIO_BILLING_SECONDS;
    warnings.push(
      `duration is set to ${AUDIO_BILLING_SECONDS} s: the clip follows input.audio, whose length is known only once it is fetched, so it is billed as ${AUDIO_BILLING_SECONDS} s and longer audio is refused before anything is spent (set options.duration to the audio's length)`,
    );
  }
  if (input.audio && (input.voice || options.voice)) warnings.push("voice is ignored: the portrait speaks input.audio");
  return { applied, warnings };
}

/** What the adapter has uploaded or chosen before the generation request. */
export interface HedraRefs {
  modelId: string;
  imageAssetId: string;
  /** An uploaded audio asset and its measured length; absent when Hedra speaks the text itself. */
  audio?: { assetId: string; seconds: number };
  /** A Hedra voice id for text-to-speech (when there is no audio). */
  voiceId?: string;
}

export interface HedraGenerationRequest {
  type: "video";
  ai_model_id: string;
  start_keyframe_id: string;
  audio_id?: string;
  audio_generation?: { type: "text_to_speech"; voice_id: string; text: string };
  generated_video_inputs: { text_prompt: string; resolution: string; aspect_ratio: string; duration_ms?: number; seed?: number };
}

/**
 * Our job → `POST /generations`. With input.audio the portrait speaks that audio and input.text describes the
 * performance (Hedra's text prompt); the clip is as long as the audio (capped by options.duration). Without audio,
 * input.text is the script: Hedra voices it with `audio_generation` [S: used by Hedra API clients, not in Hedra's
 * starter] and the clip runs as long as the speech unless options.duration says otherwise.
 */
export function toHedraGeneration(job: GenerationJob, refs: HedraRefs): HedraGenerationRequest {
  const o = job.options;
  const durationMs = refs.audio
    ? Math.round(Math.min(Number(o.duration ?? refs.audio.seconds), refs.audio.seconds) * 1000)
    : o.duration !== undefined
      ? Math.round(Number(o.duration) * 1000)
      : undefined;
  return {
    type: "video",
    ai_model_id: refs.modelId,
    start_keyframe_id: refs.imageAssetId,
    ...(refs.audio
      ? { audio_id: refs.audio.assetId }
      : { audio_generation: { type: "text_to_speech" as const, voice_id: refs.voiceId ?? "", text: job.text } }),
    generated_video_inputs: {
      text_prompt: refs.audio ? job.text : SPEAKING_PROMPT,
      resolution: String(o.resolution ?? "720p"),
      aspect_ratio: String(o.aspectRatio ?? "1:1"),
      ...(durationMs !== undefined ? { duration_ms: durationMs } : {}),
      ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
    },
  };
}

export interface HedraVoice {
  id: string;
  name: string;
  description?: string;
}

/** A voice by id or by name (any case); with none asked for, the first of Hedra's list. Undefined: no such voice. */
export function pickHedraVoice(voices: readonly HedraVoice[], wanted: string | undefined): HedraVoice | undefined {
  if (!wanted) return voices[0];
  const key = wanted.trim().toLowerCase();
  return voices.find((v) => v.id === wanted.trim()) ?? voices.find((v) => v.name.trim().toLowerCase() === key);
}

/** Hedra's generation status: `complete` and `error` are final, everything else is still working. */
export interface HedraStatus {
  id: string;
  asset_id?: string | null;
  type?: string;
  status: string;
  /** 0–1 [U: some clients read it as a percentage; both are accepted]. */
  progress?: number | null;
  url?: string | null;
  download_url?: string | null;
  error_message?: string | null;
  eta_sec?: number | null;
}

export const hedraProgress = (p: number | null | undefined) => (typeof p === "number" && p >= 0 ? (p <= 1 ? p * 100 : Math.min(100, p)) : undefined);
