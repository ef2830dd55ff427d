import { invalidInput } from "../../errors";
import { chosenModel } from "../lineup";
import { hedra } from "../catalog/hedra";
import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { type LoadedInput, loadInput } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { type VendorClient, vendorRequest } from "../http/vendor-request";
import type { Followed, GenerationJob, ProviderAdapter, RunContext } from "../types";
import { HEDRA_API, hedraClient, verifyHedraWebhook } from "./client";
import { createHedraFake } from "./fake";
import { measureAudioSeconds } from "./measure-audio";
import { AUDIO_TOLERANCE_SECONDS } from "./speech";
import {
  HEDRA_SPEECH_MODEL,
  type HedraJob,
  type HedraJobProgress,
  type HedraMedia,
  type HedraVoice,
  hedraProgress,
  pickHedraVoice,
  toHedraAvatarSubmit,
  toHedraSpeechSubmit,
} from "./transform";

/**
 * Hedra API v3 (`https://api.hedra.com/v3`): `POST /files`, `POST /models/{model}` → job, `GET /jobs/{id}/status`,
 * `GET /jobs/{id}`, ed25519-signed webhooks. Follows Hedra's OpenAPI 3.9.0 as shipped in hedra-labs/hedra-cli
 * (`cli/hedra-cli/openapi0.json`, commit ba8d6cf, 2026-08-21); checked 2026-12-05. The legacy
 * `/web-app/public` API is no longer used.
 *
 * A clip takes a minute or two; Hedra allows 60 requests a minute per key, so it is polled every 5 s, and its
 * webhook wakes the follower early when this server has a public URL.
 */
const POLL_MS = 5_000;
const SPEECH_POLL_MS = 1_000;
const MAX_WAIT_MS = 30 * 60_000;
/** A few seconds of work normally; bounded like the video, since both are paid once accepted. */
const SPEECH_MAX_WAIT_MS = MAX_WAIT_MS;

export const hedraAdapter: ProviderAdapter = {
  id: "hedra",
  defaultBaseUrl: HEDRA_API,
  baseUrlEnv: "HEDRA_BASE_URL",

  /**
   * Everything that can be refused for free happens first (inputs, audio length, voice), then the free uploads,
   * then the paid jobs. Both submits carry an idempotency key, so a retried submit replays Hedra's first answer.
   */
  async submit(job, ctx) {
    const client = hedraClient(ctx.vendor);
    if (!job.input.image) throw invalidInput("input.image", "Hedra needs input.image, the portrait to animate");
    const image = await loadInput(job.input.image, "image", "input.image", ctx.signal);
    const audio = job.input.audio ? await checkedAudio(job, ctx) : undefined;
    const voice = audio ? undefined : await voiceFor(job, client, ctx);

    const imageHandle: HedraMedia = { source: "url", url: await upload(client, ctx, image) };
    const audioHandle: HedraMedia = audio ? { source: "url", url: await upload(client, ctx, audio.input) } : await speak(job, client, ctx, (voice as HedraVoice).id);
    const body = toHedraAvatarSubmit(job, { image: imageHandle, audio: audioHandle, audioSeconds: audio?.seconds, spoken: !audio }, ctx.vendor.callbackUrl);
    const model = chosenModel(hedra.models.AVATAR!, job.options).vendorModelId;
    const res = await vendorRequest(client, { path: `/models/${model}`, json: body, signal: ctx.signal, idempotent: true });
    return { kind: "task", task: { id: acceptedTaskId(res.json<{ job_id?: string }>().job_id, { provider: "hedra", vendorName: "Hedra" }) } };
  },

  async follow(_job, task, ctx) {
    const client = hedraClient(ctx.vendor);
    const followed = await waitForJob(client, ctx, task.id, { intervalMs: POLL_MS, maxWaitMs: MAX_WAIT_MS });
    if (followed.kind === "slice") return followed;
    const url = followed.value.outputs?.find((o) => o.url)?.url;
    if (!url) throw new ProviderError("GENERATION_FAILED", "Hedra finished without a video", { provider: "hedra", accepted: true });
    return { kind: "done", value: { file: await downloadResult(url, { provider: "hedra", vendorName: "Hedra", ctx, name: "hedra.mp4" }) } };
  },

  async receiveCallback(request, vendor) {
    return { authentic: await verifyHedraWebhook(request, vendor) };
  },

  createFake: createHedraFake,
};

/** Polls a job's status until it ends (or the slice does), then reads the job: its outputs, or why it failed. */
async function waitForJob(client: VendorClient, ctx: RunContext, jobId: string, timing: { intervalMs: number; maxWaitMs: number }): Promise<Followed<HedraJob>> {
  const id = encodeURIComponent(jobId);
  const followed = await followTask({
    provider: "hedra",
    vendorName: "Hedra",
    ctx,
    ...timing,
    async check() {
      const s = (await vendorRequest(client, { path: `/jobs/${id}/status`, signal: ctx.signal })).json<HedraJobProgress>();
      if (s.status === "COMPLETED" || s.status === "FAILED") return { done: true, value: s };
      return { done: false, progress: hedraProgress(s.progress) };
    },
  });
  if (followed.kind === "slice") return followed;
  const result = (await vendorRequest(client, { path: `/jobs/${id}`, signal: ctx.signal })).json<HedraJob>();
  if (result.status !== "FAILED") return { kind: "done", value: result };
  const error = result.error;
  const moderated = error?.code === "MODERATION_FAILED" || /moderat|safety|policy|nsfw/i.test(error?.message ?? "");
  const reason = error?.message || "no reason given";
  throw new ProviderError("GENERATION_FAILED", moderated ? `Hedra's content moderation blocked this request: ${reason}` : `Hedra failed: ${reason}`, {
    provider: "hedra",
    vendorCode: error?.code,
    accepted: true,
  });
}

/** The script as speech, by Hedra's hosted text-to-speech: its output asset is the avatar's audio. */
async function speak(job: GenerationJob, client: VendorClient, ctx: RunContext, voiceId: string): Promise<HedraMedia> {
  const res = await vendorRequest(client, { path: `/models/${HEDRA_SPEECH_MODEL}`, json: toHedraSpeechSubmit(job, voiceId), signal: ctx.signal, idempotent: true });
  const jobId = acceptedTaskId(res.json<{ job_id?: string }>().job_id, { provider: "hedra", vendorName: "Hedra" });
  // Part of the submit, which is never sliced: the speech is waited for to the end, however the engine follows.
  const speech = await waitForJob(client, { ...ctx, onProgress: () => undefined, followSliceMs: undefined }, jobId, {
    intervalMs: SPEECH_POLL_MS,
    maxWaitMs: SPEECH_MAX_WAIT_MS,
  });
  if (speech.kind === "slice") throw new Error("Hedra's speech job was followed in slices inside a submit");
  const assetId = speech.value.outputs?.find((o) => o.asset_id)?.asset_id;
  if (!assetId) throw new ProviderError("GENERATION_FAILED", "Hedra's text-to-speech finished without audio", { provider: "hedra", accepted: true });
  return { source: "asset", asset_id: assetId };
}

/** The client's audio, measured: longer than the priced duration is refused here, before any upload. */
async function checkedAudio(job: GenerationJob, ctx: RunContext): Promise<{ input: LoadedInput; seconds: number }> {
  const input = await loadInput(job.input.audio as string, "audio", "input.audio", ctx.signal);
  const seconds = await measureAudioSeconds(input.bytes, ctx.workDir);
  const billed = job.options.duration === undefined ? undefined : Number(job.options.duration);
  if (billed !== undefined && seconds > billed + AUDIO_TOLERANCE_SECONDS) {
    throw invalidInput(
      "input.audio",
      `input.audio is ${seconds.toFixed(1)} s long but this generation was priced for ${billed} s; set options.duration to at least ${Math.ceil(seconds)}`,
    );
  }
  return { input, seconds };
}

/** The voice Hedra speaks the text with: input.voice or the voice option, by id or name; else Hedra's first. */
async function voiceFor(job: GenerationJob, client: VendorClient, ctx: RunContext): Promise<HedraVoice> {
  const res = await vendorRequest(client, { path: `/models/${HEDRA_SPEECH_MODEL}/voices`, signal: ctx.signal });
  const voices = res.json<{ data?: HedraVoice[] }>().data ?? [];
  // Planning resolved input.voice (or a portable name) into options.voice: a Hedra voice id.
  const wanted = job.options.voice !== undefined ? String(job.options.voice) : job.input.voice;
  const voice = pickHedraVoice(voices, wanted);
  if (voice) return voice;
  const names = voices
    .slice(0, 20)
    .map((v) => v.name ?? v.id)
    .join(", ");
  throw invalidInput(job.input.voice ? "input.voice" : "options.voice", `Hedra has no voice "${wanted}"; voices include: ${names || "none"}`);
}

/** `POST /files` (multipart `file`, free): the returned short-lived URL is the handle a submit takes. */
async function upload(client: VendorClient, ctx: RunContext, input: LoadedInput): Promise<string> {
  const name = `${input.mimeType.startsWith("image/") ? "portrait" : "speech"}.${input.mimeType.split("/")[1].replace("mpeg", "mp3").replace("x-wav", "wav")}`;
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(input.bytes)], { type: input.mimeType }), name);
  const res = await vendorRequest(client, { path: "/files", form, signal: ctx.signal, timeoutMs: 5 * 60_000, idempotent: true });
  return res.json<{ url: string }>().url;
}
