import { invalidInput } from "../../errors";
import { measureAudioSeconds } from "../hedra/measure-audio";
import { AUDIO_TOLERANCE_SECONDS } from "../hedra/speech";
import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { loadInput } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { HEYGEN_API, heygenClient } from "./client";
import { createHeygenFake } from "./fake";
import { type HeygenAudio, type HeygenCallback, type HeygenVideo, toHeygenRequest } from "./transform";

/**
 * HeyGen API v3 (`POST /v3/videos`, `GET /v3/videos/{id}`, `POST /v3/assets`), following HeyGen's own clients:
 * heygen-com/heygen-cli (generated from HeyGen's v3 OpenAPI, commit 7699a8e, 2026-07-22) and
 * @heygenofficial/n8n-nodes-heygen-official@0.1.9; pricing and the v1/v2 sunset (2026-10-31) from
 * developers.heygen.com. Checked 2026-12-05.
 *
 * Renders take minutes (longer scripts longer); the per-video callback wakes the follower early, polling covers a
 * missed one.
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
    const res = await vendorRequest(client, { path: "/v3/videos", json: toHeygenRequest(job, audio, ctx.vendor.callbackUrl), signal: ctx.signal });
    const id = acceptedTaskId(res.json<{ data?: { video_id?: string } }>().data?.video_id, { provider: "heygen", vendorName: "HeyGen" });
    return { kind: "task", task: { id } };
  },

  async follow(_job, task, ctx) {
    const client = heygenClient(ctx.vendor);
    const followed = await followTask<HeygenVideo>({
      provider: "heygen",
      vendorName: "HeyGen",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      async check() {
        const res = await vendorRequest(client, { path: `/v3/videos/${encodeURIComponent(task.id)}`, signal: ctx.signal });
        const video = res.json<{ data: HeygenVideo }>().data;
        switch (video.status) {
          case "completed":
            return { done: true, value: video };
          case "failed":
            throw failed(video);
          default:
            return { done: false };
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    if (!done.video_url) throw new ProviderError("GENERATION_FAILED", "HeyGen finished without a video", { provider: "heygen", accepted: true });
    return { kind: "done", value: { file: await downloadResult(done.video_url, { provider: "heygen", vendorName: "HeyGen", ctx, name: "heygen.mp4" }) } };
  },

  /**
   * HeyGen does not sign per-video callback_url deliveries (heygen-cli: "authenticate them by verifying TLS and
   * matching the echoed callback_id"): the URL carries our per-generation token, and the body must echo this
   * generation as its callback_id. Either way it only wakes the follower, which re-reads the video from HeyGen.
   */
  receiveCallback(request) {
    const generation = request.query.get("generation");
    return { authentic: Boolean(generation) && callbackIdOf(request.body) === generation };
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
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(input.bytes)], { type: input.mimeType }), `speech.${input.mimeType.split("/")[1].replace("mpeg", "mp3").replace("x-wav", "wav")}`);
  const res = await vendorRequest(heygenClient(ctx.vendor), { path: "/v3/assets", form, signal: ctx.signal, timeoutMs: 5 * 60_000 });
  return { audio_asset_id: res.json<{ data: { asset_id: string } }>().data.asset_id };
}

/** A failed video's `failure_code` and `failure_message`; moderation is told apart by its wording. */
function failed(video: HeygenVideo): ProviderError {
  const reason = video.failure_message || "no reason given";
  const moderated = /moderat|policy|violat|nsfw|inappropriate/i.test(`${video.failure_code ?? ""} ${reason}`);
  return new ProviderError("GENERATION_FAILED", moderated ? `HeyGen's content moderation blocked this video: ${reason}` : `HeyGen failed: ${reason}`, {
    provider: "heygen",
    vendorCode: video.failure_code ?? undefined,
    accepted: true,
  });
}

/** The generation a callback is about: our callback_id, echoed in `event_data` [U: payload shape of the v2 events]. */
function callbackIdOf(body: string): string | undefined {
  try {
    const event = JSON.parse(body) as Partial<HeygenCallback> & { callback_id?: unknown };
    const id = event.event_data?.callback_id ?? event.callback_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
