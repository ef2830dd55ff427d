import { googleAccessToken } from "../google/auth";
import { operationFailed } from "../google/errors";
import { vertexModel } from "../google/vertex";
import { downloadResult, followTask, writeResult } from "../http/follow-task";
import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext, VendorTask } from "../types";
import { VEO, VEO_API, veoClient, veoTarget } from "./client";
import { createVeoFake } from "./fake";
import { veoVendorModelId } from "./models";
import { type VeoImage, type VeoOperation, type VeoOutcome, gcsMediaUrl, toVeoRequest, veoOutcome } from "./transform";

/** Google's samples poll every 10 s; Veo takes from 11 s to 6 minutes at peak. No callbacks, no cancel. */
const POLL_MS = 10_000;
const MAX_WAIT_MS = 20 * 60_000;

/**
 * Google Veo 3.1 on Vertex AI v1: `POST …/publishers/google/models/{model}:predictLongRunning`, then
 * `:fetchPredictOperation` until done; the video comes inline as base64 (or as gs:// when a storageUri is set).
 * Follows `@google/genai` 3.1.0 (Models.generateVideos / Operations.getVideosOperation in Vertex mode), checked
 * 2026-12-05; tests/providers/conformance/google-genai.test.ts runs that SDK against our fake.
 */
export const veoAdapter: ProviderAdapter = {
  id: "veo",
  defaultBaseUrl: VEO_API,
  baseUrlEnv: "VEO_BASE_URL",

  async submit(job, ctx) {
    const target = veoTarget(ctx.vendor, veoVendorModelId(job.options));
    const res = await vendorRequest(veoClient(ctx.vendor, ctx.signal), {
      path: `${target.url}:predictLongRunning`,
      json: toVeoRequest(job, await inlineImages(job, ctx.signal)),
      signal: ctx.signal,
    });
    const { name } = res.json<{ name?: string }>();
    if (!name) throw new ProviderError("PROVIDER_UNAVAILABLE", "Google Veo answered without an operation name", { ...VEO, accepted: true });
    return { kind: "task", task: { id: name, backend: "vertex" } };
  },

  async follow(job, task, ctx) {
    const followed = await followTask<Extract<VeoOutcome, { state: "video" }>>({
      ...VEO,
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      async check() {
        const outcome = veoOutcome(await pollOperation(task, ctx));
        if (outcome.state === "running") return { done: false };
        if (outcome.state === "failed") throw operationFailed(VEO.provider, VEO.vendorName, outcome.error);
        if (outcome.state === "filtered") {
          throw new ProviderError("GENERATION_FAILED", `Google Veo's safety filter removed the video: ${outcome.reason}`, {
            ...VEO,
            vendorCode: "RAI_MEDIA_FILTERED",
            accepted: true,
          });
        }
        return { done: true, value: outcome };
      },
    });
    if (followed.kind === "slice") return followed;
    const video = followed.value;
    if (video.bytes) return { kind: "done", value: { file: await writeResult(ctx, "veo.mp4", Buffer.from(video.bytes, "base64")) } };
    const url = gcsMediaUrl(video.gcsUri ?? "");
    if (!url) throw new ProviderError("GENERATION_FAILED", `Google Veo returned an unreadable result location ${video.gcsUri}`, { ...VEO, accepted: true });
    const token = await googleAccessToken(ctx.vendor, VEO.provider, ctx.signal);
    return { kind: "done", value: { file: await downloadResult(url, { ...VEO, ctx, name: "veo.mp4", headers: { authorization: `Bearer ${token}` } }) } };
  },

  createFake: createVeoFake,
};

/** `POST …/models/{model}:fetchPredictOperation {operationName}` (a read, so retried), at the operation's own location. */
async function pollOperation(task: VendorTask, ctx: RunContext): Promise<VeoOperation> {
  const parts = /^projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/]+)\/operations\//.exec(task.id);
  if (task.backend === "gemini" || !parts) {
    // A job sent to the Gemini API before it stopped serving Veo (2026-10-22) cannot be followed any more.
    throw new ProviderError("GENERATION_FAILED", `Google Veo can no longer report on operation ${task.id}`, { ...VEO, accepted: true });
  }
  const model = vertexModel(ctx.vendor, VEO_API, parts[1], parts[3], parts[2]);
  const res = await vendorRequest(veoClient(ctx.vendor, ctx.signal), {
    method: "POST",
    path: `${model.url}:fetchPredictOperation`,
    json: { operationName: task.id },
    idempotent: true,
    signal: ctx.signal,
  });
  return res.json<VeoOperation>();
}

/** Veo reads images only as inline bytes (or gs://): data: URIs and public URLs are fetched and inlined here. */
async function inlineImages(job: GenerationJob, signal: AbortSignal): Promise<{ image?: VeoImage; lastFrame?: VeoImage }> {
  const inline = async (uri: string | undefined, field: string): Promise<VeoImage | undefined> => {
    if (!uri) return undefined;
    const loaded = await loadInput(uri, "image", field, signal);
    return { bytesBase64Encoded: toBase64(loaded), mimeType: loaded.mimeType };
  };
  const image = await inline(job.input.image, "input.image");
  const wantsLast = image && job.options.imageAs !== "reference";
  return { image, lastFrame: wantsLast ? await inline(job.input.endImage, "input.endImage") : undefined };
}
