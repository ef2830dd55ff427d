import { rename, rm } from "node:fs/promises";
import { runProcess } from "../../media/run-process";
import { googleAccessToken } from "../google/auth";
import { operationFailed } from "../google/errors";
import { vertexClient, vertexModel } from "../google/vertex";
import { downloadResult, followTask, writeResult } from "../http/follow-task";
import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { GenerationJob, ProviderAdapter, RunContext, VendorTask } from "../types";
import { GEMINI_API, type VeoBackend, geminiClient, veoBackend } from "./client";
import { createVeoFake } from "./fake";
import { type VeoImage, type VeoOperation, type VeoOutcome, gcsMediaUrl, toVeoRequest, veoModel, veoOutcome } from "./transform";

/** Google's samples poll every 10 s; Veo takes from 11 s to 6 minutes at peak. No callbacks, no cancel. */
const POLL_MS = 10_000;
const MAX_WAIT_MS = 20 * 60_000;
const VENDOR = { provider: "veo", vendorName: "Google Veo" } as const;

export const veoAdapter: ProviderAdapter = {
  id: "veo",
  defaultBaseUrl: GEMINI_API,
  baseUrlEnv: "VEO_BASE_URL",

  async submit(job, ctx) {
    const backend = veoBackend(ctx.vendor);
    const model = veoModel(job.options);
    const json = toVeoRequest(job, backend, await inlineImages(job, ctx.signal));
    const res =
      backend === "gemini"
        ? await vendorRequest(geminiClient(ctx.vendor), { path: `/models/${model}:predictLongRunning`, json, signal: ctx.signal })
        : await vendorRequest(vertexClient(ctx.vendor, VENDOR.provider, VENDOR.vendorName, ctx.signal), {
            path: `${vertexModel(ctx.vendor, GEMINI_API, vertexProject(ctx), model).url}:predictLongRunning`,
            json,
            signal: ctx.signal,
          });
    const { name } = res.json<{ name?: string }>();
    if (!name) throw new ProviderError("PROVIDER_UNAVAILABLE", "Google Veo answered without an operation name", { ...VENDOR, accepted: true });
    // The backend is kept with the task: a restarted workflow must poll where the job was sent.
    return { task: { id: name, backend } };
  },

  async follow(job, task, ctx) {
    const video = await followTask<Extract<VeoOutcome, { state: "video" }>>({
      ...VENDOR,
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      async check() {
        const outcome = veoOutcome(await pollOperation(task, ctx));
        if (outcome.state === "running") return { done: false };
        if (outcome.state === "failed") throw operationFailed(VENDOR.provider, VENDOR.vendorName, outcome.error);
        if (outcome.state === "filtered") {
          throw new ProviderError("GENERATION_FAILED", `Google Veo's safety filter removed the video: ${outcome.reason}`, {
            ...VENDOR,
            vendorCode: "RAI_MEDIA_FILTERED",
            accepted: true,
          });
        }
        return { done: true, value: outcome };
      },
    });
    let file: string;
    if (video.bytes) {
      file = await writeResult(ctx, "veo.mp4", Buffer.from(video.bytes, "base64"));
    } else if (video.uri) {
      const headers = keyMayGoTo(video.uri, ctx.vendor.baseUrl) ? { "x-goog-api-key": ctx.vendor.credential("GEMINI_API_KEY") } : undefined;
      file = await downloadResult(video.uri, { ...VENDOR, ctx, name: "veo.mp4", headers });
    } else {
      const url = gcsMediaUrl(video.gcsUri ?? "");
      if (!url) throw new ProviderError("GENERATION_FAILED", `Google Veo returned an unreadable result location ${video.gcsUri}`, { ...VENDOR, accepted: true });
      const token = await googleAccessToken(ctx.vendor, VENDOR.provider, ctx.signal);
      file = await downloadResult(url, { ...VENDOR, ctx, name: "veo.mp4", headers: { authorization: `Bearer ${token}` } });
    }
    if (job.options.generateAudio === false) await removeAudio(file, ctx.signal);
    return { file };
  },

  createFake: createVeoFake,
};

/** Gemini: `GET /{name}`. Vertex: `POST …/models/{model}:fetchPredictOperation {operationName}` (a read, so retried). */
async function pollOperation(task: VendorTask, ctx: RunContext): Promise<VeoOperation> {
  const backend = (task.backend ?? "gemini") as VeoBackend;
  if (backend === "gemini") {
    return (await vendorRequest(geminiClient(ctx.vendor), { path: `/${task.id}`, signal: ctx.signal })).json<VeoOperation>();
  }
  const parts = /^projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/]+)\/operations\//.exec(task.id);
  if (!parts) throw new ProviderError("GENERATION_FAILED", `Not a Vertex AI operation name: ${task.id}`, { ...VENDOR, accepted: true });
  const model = vertexModel(ctx.vendor, GEMINI_API, parts[1], parts[3], parts[2]);
  const res = await vendorRequest(vertexClient(ctx.vendor, VENDOR.provider, VENDOR.vendorName, ctx.signal), {
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
  return { image, lastFrame: image ? await inline(job.input.endImage, "input.endImage") : undefined };
}

/** credential() says plainly that the project is missing when VEO_BACKEND=vertex is set without one. */
const vertexProject = (ctx: RunContext) => ctx.vendor.setting("GOOGLE_VERTEX_PROJECT") ?? ctx.vendor.credential("GOOGLE_VERTEX_PROJECT");

/** The API key goes only to the API's own host (or the configured base URL), never to a host named in a response. */
function keyMayGoTo(uri: string, baseUrl: string): boolean {
  const target = new URL(uri);
  return target.origin === new URL(baseUrl).origin || target.host === "generativelanguage.googleapis.com";
}

/** generateAudio: false on the Gemini API (which always adds sound): drop the audio track, leaving the video as is. */
async function removeAudio(file: string, signal: AbortSignal): Promise<void> {
  const silent = `${file}.silent.mp4`;
  try {
    await runProcess("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", "-i", file, "-map", "0:v", "-c", "copy", "-movflags", "+faststart", silent], {
      signal,
      timeoutMs: 120_000,
    });
    await rename(silent, file);
  } finally {
    await rm(silent, { force: true });
  }
}
