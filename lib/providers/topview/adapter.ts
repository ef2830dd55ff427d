import { downloadResult, followTask } from "../http/follow-task";
import { loadInput } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext } from "../types";
import { TOPVIEW_API, topviewClient, topviewUploadClient } from "./client";
import { createTopviewFake } from "./fake";
import { assertTopviewSource, type TopviewEnvelope, type TopviewTask, type TopviewVideo, toTopviewSubmit, topviewPhase, UPLOAD_FORMATS } from "./transform";

/**
 * Topview API v1, "Avatar Marketing Video" (`GET /v1/upload/credential` + pre-signed PUT, `POST /v1/m2v/task/submit`,
 * `GET /v1/m2v/task/query`, `DELETE /v1/m2v/task/delete` at api.topview.ai, errors inside HTTP 200), following
 * Topview's API reference (docs.topview.ai and the apifox project it links to), checked 2026-12-05; Topview
 * publishes no client library or OpenAPI file.
 */

/** A product video takes several minutes (script, voice-over, avatar, export): every 10 s is plenty. */
const POLL_MS = 10_000;
const MAX_WAIT_MS = 40 * 60_000;

export const topviewAdapter: ProviderAdapter = {
  id: "topview",
  defaultBaseUrl: TOPVIEW_API,
  baseUrlEnv: "TOPVIEW_BASE_URL",

  async submit(job, ctx) {
    assertTopviewSource(job);
    // With a product page Topview ignores uploaded material, so the image is only uploaded without one.
    const fileIds = job.options.productUrl ? [] : [await uploadImage(job, ctx)];
    const body = toTopviewSubmit(job, fileIds, ctx.vendor.callbackUrl);
    const res = await vendorRequest(topviewClient(ctx.vendor), { path: "/v1/m2v/task/submit", json: body, signal: ctx.signal });
    const taskId = res.json<TopviewEnvelope<TopviewTask>>().result?.taskId;
    if (!taskId) throw new ProviderError("PROVIDER_UNAVAILABLE", "Topview accepted the task without a taskId", { provider: "topview", accepted: true });
    return { kind: "task", task: { id: taskId } };
  },

  async follow(_job, task, ctx) {
    const client = topviewClient(ctx.vendor);
    const followed = await followTask<TopviewVideo>({
      provider: "topview",
      vendorName: "Topview",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      cancel: () => topviewAdapter.cancel!(task, ctx),
      async check() {
        const res = await vendorRequest(client, { path: "/v1/m2v/task/query", query: { taskId: task.id }, signal: ctx.signal });
        const t = res.json<TopviewEnvelope<TopviewTask>>().result;
        if (!t) throw new ProviderError("PROVIDER_UNAVAILABLE", "Topview answered the task query without a result", { provider: "topview", accepted: true, retryable: true });
        return taskState(t);
      },
    });
    if (followed.kind === "slice") return followed;
    const video = followed.value;
    return { kind: "done", value: { file: await downloadResult(video.videoUrl as string, { provider: "topview", vendorName: "Topview", ctx, name: "topview.mp4" }) } };
  },

  /**
   * Topview has no cancel; `DELETE /v1/m2v/task/delete` removes tasks, used for ones we abandon. Topview charges
   * when the export completes, so a deleted task should cost nothing, but it does not say so [U].
   */
  async cancel(task, ctx) {
    await vendorRequest(topviewClient(ctx.vendor), { method: "DELETE", path: "/v1/m2v/task/delete", json: { taskIds: [task.id] }, signal: ctx.signal });
  },

  // The noticeUrl payload is undocumented [U] and unsigned; the follower re-queries the task, so it only wakes it.
  receiveCallback: () => ({ authentic: true }),

  createFake: createTopviewFake,
};

/** Done when the task succeeded and its exported video is ready; the task's own error is kept when it fails. */
function taskState(t: TopviewTask): { done: false } | { done: true; value: TopviewVideo } {
  const phase = topviewPhase(t.status);
  if (phase === "failed") throw failed(t.errorMsg);
  const exports = t.exportVideos ?? [];
  const exported = exports.find((v) => topviewPhase(v.status) === "succeeded" && v.videoUrl);
  if (phase === "succeeded" && exported) return { done: true, value: exported };
  // Succeeded with every export failed: nothing more will come.
  if (phase === "succeeded" && exports.length > 0 && exports.every((v) => topviewPhase(v.status) === "failed")) throw failed(t.errorMsg || "its export failed");
  return { done: false };
}

function failed(reason: string | null | undefined): ProviderError {
  const why = reason || "no reason given";
  const moderated = /security|sensitive|moderat|violat/i.test(why);
  return new ProviderError("GENERATION_FAILED", moderated ? `Topview's content security check blocked this video: ${why}` : `Topview failed: ${why}`, {
    provider: "topview",
    accepted: true,
  });
}

/** Topview takes product photos as uploads: a credential with a pre-signed URL, then a PUT of the bytes to it. */
async function uploadImage(job: GenerationJob, ctx: RunContext): Promise<string> {
  const image = await loadInput(job.input.image as string, "image", "input.image", ctx.signal);
  const credential = await vendorRequest(topviewClient(ctx.vendor), { path: "/v1/upload/credential", query: { format: UPLOAD_FORMATS[image.mimeType] }, signal: ctx.signal });
  const { uploadUrl, fileId } = credential.json<TopviewEnvelope<{ uploadUrl: string; fileId: string }>>().result ?? {};
  if (!uploadUrl || !fileId) throw new ProviderError("PROVIDER_UNAVAILABLE", "Topview gave no upload URL", { provider: "topview" });
  await vendorRequest(topviewUploadClient(ctx.vendor), {
    method: "PUT",
    path: uploadUrl,
    body: image.bytes,
    headers: { "content-type": image.mimeType },
    idempotent: true,
    signal: ctx.signal,
    timeoutMs: 5 * 60_000,
  });
  return fileId;
}
