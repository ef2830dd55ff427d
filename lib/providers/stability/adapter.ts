import { withJobLimit, writeResult } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import { sniff } from "../http/load-input";
import type { ProviderAdapter, RunContext, VendorContext } from "../types";
import { STABILITY_API, stabilityClient } from "./client";
import { cancelComfy, comfyVendor, followComfy, submitComfy } from "./comfyui";
import { createStabilityFake } from "./fake";
import { toFormData, toStabilityRequest } from "./transform";

const PROVIDER = "stable-diffusion";
/** Stability answers in 5–20 s; a request still open after 2 minutes is stuck. */
const MAX_REQUEST_MS = 2 * 60_000;
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * Stable Diffusion through Stability's synchronous REST API v2beta (`POST /v2beta/stable-image/generate/{core|
 * ultra|sd3}`, multipart, `Accept: image/*`), following Stability's published OpenAPI as copied in
 * tryAGI/StabilityAI (src/libs/StabilityAI/openapi.yaml, commit 016c91b); checked 2026-12-05. or through a self-hosted ComfyUI when the server
 * sets COMFYUI_URL (then no STABILITY_API_KEY is needed, and the job is queued and followed like other vendors).
 */
export const stableDiffusionAdapter: ProviderAdapter = {
  id: PROVIDER,
  defaultBaseUrl: STABILITY_API,
  baseUrlEnv: "STABILITY_BASE_URL",

  async submit(job, ctx) {
    const comfy = comfyContext(ctx.vendor);
    if (comfy) return { kind: "task", task: await submitComfy(job, ctx, comfy) };

    const { path, fields } = toStabilityRequest(job);
    // The request is the whole generation: give up on it at the time limit.
    const res = await withJobLimit({ provider: PROVIDER, vendorName: "Stability AI", ctx, nominalMs: MAX_REQUEST_MS }, (signal) =>
      vendorRequest(stabilityClient(ctx.vendor), { path, form: toFormData(fields), signal, timeoutMs: MAX_REQUEST_MS }),
    );
    const type = sniff(res.bytes);
    if (!type || !EXTENSIONS[type]) {
      throw new ProviderError(
        "PROVIDER_UNAVAILABLE",
        `Stability AI sent a malformed response (HTTP ${res.status}, ${res.headers.get("content-type") ?? "no type"}, not an image)`,
        {
          provider: PROVIDER,
          status: res.status,
        },
      );
    }
    return { kind: "done", value: { file: await writeResult(ctx, `stable-diffusion.${EXTENSIONS[type]}`, res.bytes) } };
  },

  async follow(job, task, ctx) {
    return followComfy(job, task, ctx, comfyContextOrThrow(ctx));
  },

  async cancel(task, ctx) {
    if (task.backend === "comfyui") await cancelComfy(task, ctx, comfyContextOrThrow(ctx));
  },

  createFake: createStabilityFake,
};

function comfyContext(vendor: VendorContext): VendorContext | undefined {
  const url = vendor.setting("COMFYUI_URL");
  return url ? comfyVendor(vendor, url) : undefined;
}

/** Only ComfyUI jobs are followed; a task outliving the COMFYUI_URL setting cannot be reached any more. */
function comfyContextOrThrow(ctx: RunContext): VendorContext {
  const comfy = comfyContext(ctx.vendor);
  if (!comfy) throw new ProviderError("PROVIDER_UNAVAILABLE", "This ComfyUI job cannot be followed: COMFYUI_URL is no longer set", { provider: PROVIDER, accepted: true });
  return comfy;
}
