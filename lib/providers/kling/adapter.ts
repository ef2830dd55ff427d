import { logger } from "../../log";
import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { type VendorClient, vendorRequest } from "../http/vendor-request";
import type { Followed, ProviderAdapter, RunContext } from "../types";
import { KLING_API, type KlingEnvelope, klingClient } from "./client";
import { createKlingFake } from "./fake";
import { klingImage } from "./image-input";
import { toKolorsRequest } from "./kolors-transform";
import { type KlingEndpoint, type KlingTask, klingEstimatedSeconds, toKlingVideoRequest, usesEndFrame } from "./transform";

/*
 * Kling API v1 (https://api-singapore.klingai.com, JWT bearer from access key + secret key), as Kling's API reference
 * describes it (app.klingai.com/global/dev/document-api; examples kept in tests/fixtures/vendors/kling): create
 * `POST /v1/videos/{text2video|image2video}` and `POST /v1/images/generations` (Kolors), query one task with
 * `GET …/{task_id | external_task_id}`; answers are `{code, message, request_id, data}` envelopes. Kling publishes
 * no SDK or OpenAPI file. Checked 2026-12-05.
 */
const log = logger("kling");

/** Kling publishes no poll rate; videos take minutes, so every 10 s (callbacks wake us sooner). Images: 3 s. */
const VIDEO_POLL_MS = 10_000;
const IMAGE_POLL_MS = 3_000;
const IMAGE_MAX_WAIT_MS = 10 * 60_000;
/** A video gets six times its typical time, at least 20 minutes: Kling's queue grows at busy hours. */
const videoMaxWaitMs = (seconds: number) => Math.max(20 * 60_000, seconds * 6_000);

export const klingAdapter: ProviderAdapter = {
  id: "kling",
  defaultBaseUrl: KLING_API,
  baseUrlEnv: "KLING_BASE_URL",

  async submit(job, ctx) {
    const client = klingClient(ctx.vendor);
    const { image, endImage } = job.input;
    const images = {
      image: image ? await klingImage(image, "input.image", "kling", ctx.signal) : undefined,
      imageTail: endImage && usesEndFrame(job.options, job.input) ? await klingImage(endImage, "input.endImage", "kling", ctx.signal) : undefined,
    };
    const { endpoint, body } = toKlingVideoRequest(job, images, ctx.vendor.callbackUrl);
    try {
      // external_task_id makes the submit safe to repeat: Kling refuses a second task with the same id.
      const res = await vendorRequest(client, { path: `/v1/videos/${endpoint}`, json: body, signal: ctx.signal, idempotent: true, timeoutMs: 120_000 });
      return { kind: "task", task: { id: taskIdOf(res.json<KlingEnvelope<KlingTask>>(), client), endpoint } };
    } catch (error) {
      // Refused as a duplicate: this generation reached Kling before (an answer lost on the way, or a restarted
      // workflow), so follow that task instead of failing a job Kling is already making.
      const existing = isParamError(error) ? await findByExternalId(client, endpoint, job.generationId, ctx) : undefined;
      if (existing) return { kind: "task", task: { id: existing.task_id, endpoint } };
      throw error;
    }
  },

  async follow(job, task, ctx) {
    const client = klingClient(ctx.vendor);
    const followed = await followKling(client, `/v1/videos/${task.endpoint}/${task.id}`, ctx, VIDEO_POLL_MS, videoMaxWaitMs(klingEstimatedSeconds(job.options)));
    if (followed.kind === "slice") return followed;
    const url = followed.value.task_result?.videos?.[0]?.url;
    if (!url) throw new ProviderError("GENERATION_FAILED", "Kling finished without an output video", { provider: "kling", accepted: true });
    return { kind: "done", value: { file: await downloadResult(url, { provider: "kling", vendorName: "Kling", ctx, name: "kling.mp4" }) } };
  },

  // Kling's callbacks are unsigned; the follower re-queries the task, so a forged body changes nothing.
  receiveCallback: () => ({ authentic: true }),

  createFake: createKlingFake,
};

export const kolorsAdapter: ProviderAdapter = {
  id: "kolors",
  defaultBaseUrl: KLING_API,
  baseUrlEnv: "KLING_BASE_URL",

  async submit(job, ctx) {
    const client = klingClient(ctx.vendor, "kolors");
    const image = job.input.image ? await klingImage(job.input.image, "input.image", "kolors", ctx.signal) : undefined;
    const body = toKolorsRequest(job, image, ctx.vendor.callbackUrl);
    const res = await vendorRequest(client, { path: "/v1/images/generations", json: body, signal: ctx.signal, timeoutMs: 120_000 });
    return { kind: "task", task: { id: taskIdOf(res.json<KlingEnvelope<KlingTask>>(), client) } };
  },

  async follow(_job, task, ctx) {
    const client = klingClient(ctx.vendor, "kolors");
    const followed = await followKling(client, `/v1/images/generations/${task.id}`, ctx, IMAGE_POLL_MS, IMAGE_MAX_WAIT_MS);
    if (followed.kind === "slice") return followed;
    const urls = (followed.value.task_result?.images ?? []).flatMap((image) => (image.url ? [image.url] : []));
    if (urls.length === 0) throw new ProviderError("GENERATION_FAILED", "Kolors finished without an image", { provider: "kolors", accepted: true });
    // One task, `n` images (numOutputs): every one is an output.
    const files: string[] = [];
    for (const [i, url] of urls.entries()) files.push(await downloadResult(url, { provider: "kolors", vendorName: "Kolors (Kling)", ctx, name: `kolors-${i}.png` }));
    return { kind: "done", value: { file: files[0], files } };
  },

  receiveCallback: () => ({ authentic: true }),

  createFake: createKlingFake,
};

/** Polls one Kling task (video or image) to `succeed`; `failed` becomes GENERATION_FAILED with Kling's reason. */
function followKling(client: VendorClient, path: string, ctx: RunContext, intervalMs: number, maxWaitMs: number): Promise<Followed<KlingTask>> {
  return followTask<KlingTask>({
    provider: client.provider,
    vendorName: client.vendorName,
    ctx,
    intervalMs,
    maxWaitMs,
    async check() {
      const res = await vendorRequest(client, { path, signal: ctx.signal });
      const task = res.json<KlingEnvelope<KlingTask>>().data;
      switch (task?.task_status) {
        case "succeed":
          return { done: true, value: task };
        case "failed":
          throw failed(client, task);
        case "submitted":
        case "processing":
          return { done: false };
        case undefined:
        default:
          throw new ProviderError("PROVIDER_UNAVAILABLE", `${client.vendorName} reported an unknown task status ${JSON.stringify(task?.task_status)}`, {
            provider: client.provider,
            accepted: true,
          });
      }
    },
  });
}

/** Kling gives no failure code, only words; its risk-control wording marks moderation. */
function failed(client: VendorClient, task: KlingTask): ProviderError {
  const reason = task.task_status_msg || "no reason given";
  const moderated = /risk control|safety|sensitive|violat|moderat/i.test(reason);
  const message = moderated ? `${client.vendorName}'s content safety check blocked this request: ${reason}` : `${client.vendorName} failed: ${reason}`;
  return new ProviderError("GENERATION_FAILED", message, { provider: client.provider, accepted: true });
}

const taskIdOf = (envelope: KlingEnvelope<KlingTask>, client: VendorClient) => acceptedTaskId(envelope.data?.task_id, client);

const isParamError = (error: unknown) => error instanceof ProviderError && error.code === "INVALID_INPUT" && error.details.vendorCode === 1201;

/**
 * The task this generation already made, by Kling's documented single-task query: `GET /v1/videos/{endpoint}/{id}`
 * takes either the task_id or our external_task_id in the path and answers one task in `data` (the list endpoint
 * `GET /v1/videos/{endpoint}` pages through all tasks and has no such filter).
 */
async function findByExternalId(client: VendorClient, endpoint: KlingEndpoint, externalId: string, ctx: RunContext): Promise<KlingTask | undefined> {
  try {
    const res = await vendorRequest(client, { path: `/v1/videos/${endpoint}/${encodeURIComponent(externalId)}`, signal: ctx.signal });
    const task = res.json<KlingEnvelope<KlingTask>>().data;
    return task?.task_info?.external_task_id === externalId ? task : undefined;
  } catch (error) {
    // No such task: the original refusal stands and is what the caller sees.
    log.warn({ err: error, generationId: externalId }, "Kling refused a duplicate submit and has no task under its external_task_id");
    return undefined;
  }
}
