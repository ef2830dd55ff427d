import { invalidInput } from "../../errors";
import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { type LoadedInput, loadInput } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { type VendorClient, vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { HEDRA_API, hedraClient } from "./client";
import { createHedraFake } from "./fake";
import { measureAudioSeconds } from "./measure-audio";
import { AUDIO_TOLERANCE_SECONDS } from "./speech";
import { CHARACTER_3_MODEL_ID, type HedraRefs, type HedraStatus, type HedraVoice, hedraProgress, pickHedraVoice, toHedraGeneration } from "./transform";

/** Hedra's own starter polls every 5 s; a Character-3 clip takes a minute or two. No callbacks, no cancel. */
const POLL_MS = 5_000;
const MAX_WAIT_MS = 30 * 60_000;

export const hedraAdapter: ProviderAdapter = {
  id: "hedra",
  defaultBaseUrl: HEDRA_API,
  baseUrlEnv: "HEDRA_BASE_URL",

  /**
   * Everything that can be refused for free happens first (inputs, audio length, voice), then the uploads, then
   * the one paid request: a failure before `POST /generations` costs nothing at Hedra.
   */
  async submit(job, ctx) {
    const client = hedraClient(ctx.vendor);
    if (!job.input.image) throw invalidInput("input.image", "Hedra needs input.image, the portrait to animate");
    const image = await loadInput(job.input.image, "image", "input.image", ctx.signal);
    const audio = job.input.audio ? await checkedAudio(job, ctx) : undefined;
    const voiceId = audio ? undefined : (await voiceFor(job, client, ctx)).id;

    const refs: HedraRefs = {
      modelId: ctx.vendor.setting("HEDRA_MODEL_ID") ?? CHARACTER_3_MODEL_ID,
      imageAssetId: await upload(client, ctx, "image", image),
      audio: audio && { assetId: await upload(client, ctx, "audio", audio.input), seconds: audio.seconds },
      voiceId,
    };
    const res = await vendorRequest(client, { path: "/generations", json: toHedraGeneration(job, refs), signal: ctx.signal });
    return { task: { id: acceptedTaskId(res.json<{ id?: string }>().id, { provider: "hedra", vendorName: "Hedra" }) } };
  },

  async follow(_job, task, ctx) {
    const client = hedraClient(ctx.vendor);
    const done = await followTask({
      provider: "hedra",
      vendorName: "Hedra",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      async check() {
        const s = (await vendorRequest(client, { path: `/generations/${task.id}/status`, signal: ctx.signal })).json<HedraStatus>();
        if (s.status === "complete") return { done: true, value: s };
        if (s.status === "error") throw failed(s);
        return { done: false, progress: hedraProgress(s.progress) };
      },
    });
    const url = done.download_url ?? done.url;
    if (!url) throw new ProviderError("GENERATION_FAILED", "Hedra finished without a video", { provider: "hedra", accepted: true });
    return { file: await downloadResult(url, { provider: "hedra", vendorName: "Hedra", ctx, name: "hedra.mp4" }) };
  },

  createFake: createHedraFake,
};

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
  const voices = (await vendorRequest(client, { path: "/voices", signal: ctx.signal })).json<HedraVoice[]>();
  const wanted = job.input.voice ?? (job.options.voice === undefined ? undefined : String(job.options.voice));
  const voice = pickHedraVoice(Array.isArray(voices) ? voices : [], wanted);
  if (voice) return voice;
  const names = (Array.isArray(voices) ? voices : []).slice(0, 20).map((v) => v.name).join(", ");
  throw invalidInput(job.input.voice ? "input.voice" : "options.voice", `Hedra has no voice "${wanted}"; voices include: ${names || "none"}`);
}

/** `POST /assets {name,type}` then `POST /assets/{id}/upload` with the bytes as multipart `file`. */
async function upload(client: VendorClient, ctx: RunContext, type: "image" | "audio", input: LoadedInput): Promise<string> {
  const name = `${type === "image" ? "portrait" : "speech"}.${input.mimeType.split("/")[1].replace("mpeg", "mp3").replace("x-wav", "wav")}`;
  const { id } = (await vendorRequest(client, { path: "/assets", json: { name, type }, signal: ctx.signal })).json<{ id: string }>();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(input.bytes)], { type: input.mimeType }), name);
  await vendorRequest(client, { path: `/assets/${id}/upload`, form, signal: ctx.signal, timeoutMs: 5 * 60_000 });
  return id;
}

/** Hedra reports a failed generation with `error_message`; moderation is told apart by its wording. */
function failed(s: HedraStatus): ProviderError {
  const reason = s.error_message || "no reason given";
  const moderated = /moderat|safety|policy|nsfw|inappropriate/i.test(reason);
  return new ProviderError("GENERATION_FAILED", moderated ? `Hedra's content moderation blocked this request: ${reason}` : `Hedra failed: ${reason}`, {
    provider: "hedra",
    accepted: true,
  });
}
