import { rename } from "node:fs/promises";
import sharp from "sharp";
import { downloadResult, followTask } from "../http/follow-task";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, buildUrl, jsonOrUndefined, retryAfterSeconds, vendorRequest } from "../http/vendor-request";
import { hashString } from "../local/render-image";
import type { Followed, GenerationJob, ProviderResult, RunContext, VendorContext, VendorTask } from "../types";
import { NEAREST_RATIO, promptWithStyle } from "./transform";

/**
 * A self-hosted ComfyUI as the Stable Diffusion backend (COMFYUI_URL): the API-format graph of ComfyUI's own
 * basic text-to-image example, queued with `POST /prompt`, followed with `GET /history/{id}`, the image read with
 * `GET /view`. ComfyUI has no auth, no webhooks and no progress over HTTP (that is on its websocket).
 */
const PROVIDER = "stable-diffusion";
const NAME = "ComfyUI";
const POLL_MS = 1_000;
/** A busy self-hosted GPU queues prompts; 10 minutes is many SDXL images' worth. */
const MAX_WAIT_MS = 10 * 60_000;
export const DEFAULT_CHECKPOINT = "sd_xl_base_1.0.safetensors";

/** SDXL's trained sizes (multiples of 64, about 1 MP) per frame shape. */
export const COMFY_SIZES: Record<string, { width: number; height: number }> = {
  "1:1": { width: 1024, height: 1024 },
  "16:9": { width: 1344, height: 768 },
  "9:16": { width: 768, height: 1344 },
  "21:9": { width: 1536, height: 640 },
  "9:21": { width: 640, height: 1536 },
  "3:2": { width: 1216, height: 832 },
  "2:3": { width: 832, height: 1216 },
  "5:4": { width: 1152, height: 896 },
  "4:5": { width: 896, height: 1152 },
};

export interface ComfyNode {
  class_type: string;
  inputs: Record<string, string | number | boolean | [string, number]>;
}
export type ComfyGraph = Record<string, ComfyNode>;

/** Our job → the API-format graph: checkpoint, two CLIP encodes, empty latent, KSampler, VAE decode, SaveImage. */
export function comfyGraph(job: GenerationJob, checkpoint = DEFAULT_CHECKPOINT): ComfyGraph {
  const o = job.options;
  const ratio = String(o.aspectRatio ?? "1:1");
  const size = COMFY_SIZES[NEAREST_RATIO[ratio] ?? ratio] ?? COMFY_SIZES["1:1"];
  // No seed asked for: one derived from the generation, so a resubmit of the same generation draws the same image.
  const seed = o.seed !== undefined ? Number(o.seed) : hashString(job.generationId);
  return {
    "3": {
      class_type: "KSampler",
      inputs: { seed, steps: 30, cfg: 7, sampler_name: "euler", scheduler: "normal", denoise: 1, model: ["4", 0], positive: ["6", 0], negative: ["7", 0], latent_image: ["5", 0] },
    },
    "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: checkpoint } },
    "5": { class_type: "EmptyLatentImage", inputs: { width: size.width, height: size.height, batch_size: 1 } },
    "6": { class_type: "CLIPTextEncode", inputs: { text: promptWithStyle(job.text, o.style, {}), clip: ["4", 1] } },
    "7": { class_type: "CLIPTextEncode", inputs: { text: String(o.negativePrompt ?? ""), clip: ["4", 1] } },
    "8": { class_type: "VAEDecode", inputs: { samples: ["3", 0], vae: ["4", 2] } },
    "9": { class_type: "SaveImage", inputs: { filename_prefix: `doitong_${job.generationId}`, images: ["8", 0] } },
  };
}

interface NodeErrors {
  [node: string]: { class_type?: string; errors?: { type?: string; message?: string; details?: string }[] };
}

/** No auth; a bad graph is 400 `{error{type,message,details}, node_errors}`; a missing checkpoint is our setup, not the client's input. */
export function comfyClient(vendor: VendorContext): VendorClient {
  return {
    provider: PROVIDER,
    vendorName: NAME,
    vendor,
    headers: () => ({}),
    check(response) {
      if (response.ok) return undefined;
      const body = jsonOrUndefined<{ error?: { type?: string; message?: string; details?: string } | string; node_errors?: NodeErrors }>(response);
      const nodeErrors = Object.values(body?.node_errors ?? {});
      const detail = nodeErrors.flatMap((n) => (n.errors ?? []).map((e) => `${n.class_type}: ${e.message}${e.details ? ` (${e.details})` : ""}`)).join("; ");
      const error = typeof body?.error === "string" ? body.error : body?.error?.message;
      const reason = [error, detail].filter(Boolean).join(": ") || response.text().slice(0, 200);
      if (response.status === 400 && nodeErrors.some((n) => n.class_type === "CheckpointLoaderSimple")) {
        return new ProviderError("PROVIDER_UNAVAILABLE", `ComfyUI cannot load the configured checkpoint (COMFYUI_CHECKPOINT): ${reason}`, { provider: PROVIDER, status: 400 });
      }
      return errorFromStatus(PROVIDER, NAME, response.status, reason, retryAfterSeconds(response.headers));
    },
  };
}

/** The vendor context with ComfyUI's URL as the base URL. */
export const comfyVendor = (vendor: VendorContext, url: string): VendorContext => ({ ...vendor, baseUrl: url });

export async function submitComfy(job: GenerationJob, ctx: RunContext, vendor: VendorContext): Promise<VendorTask> {
  const res = await vendorRequest(comfyClient(vendor), {
    path: "/prompt",
    json: { prompt: comfyGraph(job, vendor.setting("COMFYUI_CHECKPOINT") ?? DEFAULT_CHECKPOINT), client_id: job.generationId },
    signal: ctx.signal,
  });
  const { prompt_id } = res.json<{ prompt_id?: string }>();
  if (!prompt_id) throw new ProviderError("PROVIDER_UNAVAILABLE", "ComfyUI queued the prompt without a prompt_id", { provider: PROVIDER, accepted: true });
  return { id: prompt_id, backend: "comfyui" };
}

export interface ComfyImage {
  filename: string;
  subfolder?: string;
  type?: string;
}

export interface ComfyHistoryEntry {
  outputs?: Record<string, { images?: ComfyImage[] }>;
  status?: { status_str?: "success" | "error"; completed?: boolean; messages?: [string, Record<string, unknown>][] };
}

export type ComfyOutcome = { kind: "pending" } | { kind: "done"; image: ComfyImage } | { kind: "failed"; reason: string; interrupted: boolean };

/** `GET /history/{id}` is `{}` until the prompt has run; then its outputs, or an error in its status messages. */
export function historyOutcome(history: Record<string, ComfyHistoryEntry>, promptId: string): ComfyOutcome {
  const entry = history[promptId];
  if (!entry) return { kind: "pending" };
  const image = Object.values(entry.outputs ?? {}).flatMap((o) => o.images ?? [])[0];
  if (entry.status?.status_str === "error") {
    const messages = entry.status.messages ?? [];
    const interrupted = messages.some(([type]) => type === "execution_interrupted");
    const error = messages.find(([type]) => type === "execution_error")?.[1];
    const text = (value: unknown, otherwise: string) => (typeof value === "string" && value ? value : otherwise);
    const reason = interrupted ? "the run was interrupted" : error ? `${text(error.node_type, "a node")} failed: ${text(error.exception_message, "no message")}` : "the run failed";
    return { kind: "failed", reason, interrupted };
  }
  if (image) return { kind: "done", image };
  return entry.status?.completed ? { kind: "failed", reason: "the run finished without an image", interrupted: false } : { kind: "pending" };
}

export async function followComfy(job: GenerationJob, task: VendorTask, ctx: RunContext, vendor: VendorContext): Promise<Followed<ProviderResult>> {
  const client = comfyClient(vendor);
  const followed = await followTask<ComfyImage>({
    provider: PROVIDER,
    vendorName: NAME,
    ctx,
    intervalMs: POLL_MS,
    maxWaitMs: MAX_WAIT_MS,
    cancel: () => cancelComfy(task, ctx, vendor),
    async check() {
      const outcome = historyOutcome((await vendorRequest(client, { path: `/history/${task.id}`, signal: ctx.signal })).json(), task.id);
      if (outcome.kind === "done") return { done: true, value: outcome.image };
      if (outcome.kind === "pending") return { done: false };
      throw new ProviderError("GENERATION_FAILED", `ComfyUI failed: ${outcome.reason}`, {
        provider: PROVIDER,
        vendorCode: outcome.interrupted ? "interrupted" : "execution_error",
        accepted: true,
      });
    },
  });
  if (followed.kind === "slice") return followed;
  const image = followed.value;
  const url = buildUrl(vendor.baseUrl, "/view", { filename: image.filename, subfolder: image.subfolder ?? "", type: image.type ?? "output" });
  const png = await downloadResult(url, { provider: PROVIDER, vendorName: NAME, ctx, name: "comfyui.png" });
  // SaveImage always writes PNG; other formats are converted here.
  const format = job.options.format === "jpeg" ? "jpeg" : job.options.format === "webp" ? "webp" : "png";
  if (format === "png") return { kind: "done", value: { file: await renameTo(png, "stable-diffusion.png") } };
  const file = png.replace(/comfyui\.png$/, `stable-diffusion.${format === "jpeg" ? "jpg" : "webp"}`);
  await sharp(png).toFormat(format, { quality: 92 }).toFile(file);
  return { kind: "done", value: { file } };
}

async function renameTo(file: string, name: string): Promise<string> {
  const target = file.replace(/[^/\\]+$/, name);
  await rename(file, target);
  return target;
}

/**
 * A prompt still waiting is deleted from the queue; a running one is interrupted. Older ComfyUIs interrupt
 * whatever runs, whoever queued it, so the queue is read first and only our own running prompt is interrupted.
 */
export async function cancelComfy(task: VendorTask, ctx: RunContext, vendor: VendorContext): Promise<void> {
  const client = comfyClient(vendor);
  const queue = (await vendorRequest(client, { path: "/queue", signal: ctx.signal })).json<{ queue_running?: unknown[][] }>();
  if (queue.queue_running?.some((item) => item[1] === task.id)) {
    await vendorRequest(client, { path: "/interrupt", json: { prompt_id: task.id }, idempotent: true, signal: ctx.signal });
  } else {
    await vendorRequest(client, { path: "/queue", json: { delete: [task.id] }, idempotent: true, signal: ctx.signal });
  }
}
