import { invalidInput } from "../../errors";
import { measureAudioSeconds } from "../hedra/measure-audio";
import { AUDIO_TOLERANCE_SECONDS } from "../hedra/speech";
import { downloadResult, followTask } from "../http/follow-task";
import { loadInput } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { HEYGEN_API, heygenClient, heygenUploadBase, heygenWebhookSecret, verifyHeygenSignature } from "./client";
import { createHeygenFake } from "./fake";
import { type HeygenAudio, type HeygenVideoStatus, toHeygenRequest } from "./transform";

/**
 * HeyGen renders take minutes (longer scripts longer); its webhook events wake the follower early, polling
 * covers a missed or unregistered webhook.
 */
const POLL_MS = 10_000;
const MAX_WAIT_MS = 60 * 60_000;

export const heygenAdapter: ProviderAdapter = {
  id: "heygen",
  defaultBaseUrl: HEYGEN_API,
  baseUrlEnv: "HEYGEN_BASE_URL",

  async submit(job, ctx) {
    const client = heygenClient(ctx.vendor);
    const audio = job.input.audio ? await audioFor(job, ctx) : undefined;
    const res = await vendorRequest(client, { path: "/v2/video/generate", json: toHeygenRequest(job, audio), signal: ctx.signal });
    const { data } = res.json<{ data?: { video_id?: string } }>();
    if (!data?.video_id) throw new ProviderError("PROVIDER_UNAVAILABLE", "HeyGen accepted the video without a video_id", { provider: "heygen", accepted: true });
    return { task: { id: data.video_id } };
  },

  async follow(_job, task, ctx) {
    const client = heygenClient(ctx.vendor);
    const done = await followTask<HeygenVideoStatus>({
      provider: "heygen",
      vendorName: "HeyGen",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      async check() {
        const res = await vendorRequest(client, { path: "/v1/video_status.get", query: { video_id: task.id }, signal: ctx.signal });
        const s = res.json<{ data: HeygenVideoStatus }>().data;
        switch (s.status) {
          case "completed":
            return { done: true, value: s };
          case "failed":
            throw failed(s);
          default:
            return { done: false };
        }
      },
    });
    if (!done.video_url) throw new ProviderError("GENERATION_FAILED", "HeyGen finished without a video", { provider: "heygen", accepted: true });
    return { file: await downloadResult(done.video_url, { provider: "heygen", vendorName: "HeyGen", ctx, name: "heygen.mp4" }) };
  },

  /**
   * HeyGen posts `avatar_video.success|fail` to the account's one registered endpoint, signed with that endpoint's
   * secret. Without a secret to check against, no event is trusted (polling still finishes the job).
   */
  receiveCallback(request, vendor) {
    const secret = heygenWebhookSecret(vendor);
    const authentic = Boolean(secret) && verifyHeygenSignature(request.body, request.headers.get("signature"), secret as string);
    return { authentic, generationId: authentic ? callbackIdOf(request.body) : undefined };
  },

  createFake: createHeygenFake,
};

/**
 * The client's audio as HeyGen takes it: a URL is passed through (HeyGen fetches it), a data: URI is uploaded as an
 * asset. Either way it is measured first: longer than the priced duration is refused before anything is spent.
 */
async function audioFor(job: GenerationJob, ctx: RunContext): Promise<HeygenAudio> {
  const source = job.input.audio as string;
  const input = await loadInput(source, "audio", "input.audio", ctx.signal);
  const seconds = await measureAudioSeconds(input.bytes, ctx.workDir);
  const billed = job.options.duration === undefined ? undefined : Number(job.options.duration);
  if (billed !== undefined && seconds > billed + AUDIO_TOLERANCE_SECONDS) {
    throw invalidInput(
      "input.audio",
      `input.audio is ${seconds.toFixed(1)} s long but this video was priced for ${billed} s; set options.duration to at least ${Math.ceil(seconds)}`,
    );
  }
  if (/^https?:\/\//i.test(source)) return { audio_url: source };
  const res = await vendorRequest(heygenClient(ctx.vendor), {
    path: `${heygenUploadBase(ctx.vendor)}/v1/asset`,
    body: input.bytes,
    headers: { "content-type": input.mimeType },
    signal: ctx.signal,
    timeoutMs: 5 * 60_000,
  });
  return { audio_asset_id: res.json<{ data: { id: string } }>().data.id };
}

/** HeyGen's `error{code,message,detail}` on a failed video; moderation is told apart by its wording. */
function failed(s: HeygenVideoStatus): ProviderError {
  const reason = [s.error?.message, s.error?.detail].filter(Boolean).join(" — ") || "no reason given";
  const moderated = /moderat|policy|violat|nsfw|inappropriate/i.test(`${s.error?.code ?? ""} ${reason}`);
  return new ProviderError("GENERATION_FAILED", moderated ? `HeyGen's content moderation blocked this video: ${reason}` : `HeyGen failed: ${reason}`, {
    provider: "heygen",
    vendorCode: s.error?.code === undefined ? undefined : String(s.error.code),
    accepted: true,
  });
}

/** HeyGen echoes our `callback_id` (the generation id) in `event_data`. */
function callbackIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { event_data?: { callback_id?: unknown } }).event_data?.callback_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
