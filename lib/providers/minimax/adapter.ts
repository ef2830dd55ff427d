import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { loadInput, toDataUri } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { type VendorClient, vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter, RunContext } from "../types";
import { MINIMAX_API, minimaxClient, minimaxCodeError } from "./client";
import { createMinimaxFake } from "./fake";
import { type MinimaxFile, type MinimaxQuery, minimaxEstimatedSeconds, toMinimaxRequest, usesLastFrame } from "./transform";

/*
 * MiniMax API v1 (https://api.minimax.io, bearer key): `POST /v1/video_generation`, `GET /v1/query/video_generation`,
 * `GET /v1/files/retrieve`, errors in `base_resp` under HTTP 200, as MiniMax's API reference
 * (platform.minimax.io/docs/api-reference) documents them; its examples are kept in tests/fixtures/vendors/minimax.
 * MiniMax publishes no JavaScript client for this API. Checked 2026-12-05.
 */

/** MiniMax's own examples poll every 10 s; its callbacks wake us sooner. */
const POLL_MS = 10_000;
/** Six times the typical time, at least 20 minutes: MiniMax queues at busy hours. */
const maxWaitMs = (seconds: number) => Math.max(20 * 60_000, seconds * 6_000);

export const minimaxAdapter: ProviderAdapter = {
  id: "minimax",
  defaultBaseUrl: MINIMAX_API,
  baseUrlEnv: "MINIMAX_BASE_URL",

  async submit(job, ctx) {
    const { image, endImage } = job.input;
    const frames = {
      first: image ? await frame(image, "input.image", ctx) : undefined,
      last: endImage && usesLastFrame(job.options, job.input) ? await frame(endImage, "input.endImage", ctx) : undefined,
    };
    const body = toMinimaxRequest(job, frames, ctx.vendor.callbackUrl);
    const res = await vendorRequest(minimaxClient(ctx.vendor), { path: "/v1/video_generation", json: body, signal: ctx.signal, timeoutMs: 120_000 });
    const taskId = acceptedTaskId(res.json<{ task_id?: string }>().task_id, { provider: "minimax", vendorName: "MiniMax" });
    return { kind: "task", task: { id: taskId } };
  },

  async follow(job, task, ctx) {
    const client = minimaxClient(ctx.vendor);
    const followed = await followTask<MinimaxQuery>({
      provider: "minimax",
      vendorName: "MiniMax",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: maxWaitMs(minimaxEstimatedSeconds(job.options)),
      async check() {
        const res = await vendorRequest(client, { path: "/v1/query/video_generation", query: { task_id: task.id }, signal: ctx.signal });
        const t = res.json<MinimaxQuery>();
        switch (t.status) {
          case "Success":
            return { done: true, value: t };
          case "Fail":
            throw failed(t);
          case "Preparing":
          case "Queueing":
          case "Processing":
            return { done: false };
          default:
            throw new ProviderError("PROVIDER_UNAVAILABLE", `MiniMax reported an unknown task status ${JSON.stringify(t.status)}`, { provider: "minimax", accepted: true });
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    if (!done.file_id) throw new ProviderError("GENERATION_FAILED", "MiniMax finished without an output file", { provider: "minimax", accepted: true });
    return { kind: "done", value: { file: await downloadFile(client, String(done.file_id), ctx) } };
  },

  /**
   * MiniMax first checks the callback URL with `{"challenge": …}`, which must be echoed within 3 s; later
   * callbacks carry the task status and are unsigned (the follower re-queries the task).
   */
  receiveCallback(request) {
    const challenge = parseChallenge(request.body);
    return challenge === undefined ? { authentic: true } : { authentic: true, reply: { status: 200, json: { challenge } } };
  },

  createFake: createMinimaxFake,
};

/** A frame as MiniMax takes it: an http(s) URL as is; a data: URI re-encoded with the type its bytes really have. */
async function frame(uri: string, field: string, ctx: RunContext): Promise<string> {
  if (/^https?:\/\//i.test(uri)) return uri;
  return toDataUri(await loadInput(uri, "image", field, ctx.signal));
}

/**
 * The result's link (`download_url`) lives 9 hours. If it has expired by the time we fetch it, a new retrieve
 * hands out a fresh one — MiniMax's own way to refresh it — so we ask once more before giving up.
 */
async function downloadFile(client: VendorClient, fileId: string, ctx: RunContext): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const { file } = (await vendorRequest(client, { path: "/v1/files/retrieve", query: { file_id: fileId }, signal: ctx.signal })).json<MinimaxFile>();
    if (!file?.download_url) throw new ProviderError("GENERATION_FAILED", "MiniMax returned no download link for the video", { provider: "minimax", accepted: true });
    try {
      return await downloadResult(file.download_url, { provider: "minimax", vendorName: "MiniMax", ctx, name: "minimax.mp4" });
    } catch (error) {
      const expired = error instanceof ProviderError && error.code === "GENERATION_FAILED" && error.details.status !== undefined;
      if (!expired || attempt >= 2) throw error;
    }
  }
}

/** A task that ended in `Fail`: moderation (1026/1027) says so; any other reason is a plain failed job. */
function failed(t: MinimaxQuery): ProviderError {
  const code = t.base_resp?.status_code;
  const reason = t.base_resp?.status_msg ?? "";
  if (code === 1026 || code === 1027) return minimaxCodeError(code, reason, undefined, true);
  const detail = code ? `: ${reason || "no reason given"} (code ${code})` : " (no reason given)";
  return new ProviderError("GENERATION_FAILED", `MiniMax reported the video generation as failed${detail}`, { provider: "minimax", vendorCode: code || undefined, accepted: true });
}

function parseChallenge(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { challenge?: unknown };
    return typeof parsed.challenge === "string" ? parsed.challenge : undefined;
  } catch {
    return undefined;
  }
}
