import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { LUMA_API, lumaClient } from "./client";
import { createLumaFake } from "./fake";
import { type LumaGeneration, toLumaRequest } from "./transform";

/*
 * Luma Dream Machine API v1 (https://api.lumalabs.ai/dream-machine/v1), as Luma's OpenAPI file
 * (github.com/lumalabs/lumaai-api openapi.yaml, 2025-06-24) and its official SDK `lumaai` 1.19.1 describe it:
 * create `POST /generations/video`, read `GET /generations/{id}`, remove `DELETE /generations/{id}`. Checked
 * 2026-12-05. Luma also runs a newer "Agents API" (agents.lumalabs.ai/v1, Ray 3.2, its own keys and request
 * shape); this adapter does not cover it.
 */

/** Luma's own examples poll every 3 s; its callbacks (dreaming, completed, failed) wake us sooner. */
const POLL_MS = 3_000;
/** Ray 2 takes one to three minutes, more in busy hours; half an hour means something is stuck. */
const MAX_WAIT_MS = 30 * 60_000;

export const lumaAdapter: ProviderAdapter = {
  id: "luma",
  defaultBaseUrl: LUMA_API,
  baseUrlEnv: "LUMA_BASE_URL",

  async submit(job, ctx) {
    const body = toLumaRequest(job, ctx.vendor.callbackUrl);
    const res = await vendorRequest(lumaClient(ctx.vendor), { path: "/generations/video", json: body, signal: ctx.signal });
    return { kind: "task", task: { id: acceptedTaskId(res.json<Partial<LumaGeneration>>().id, { provider: "luma", vendorName: "Luma" }) } };
  },

  async follow(_job, task, ctx) {
    const client = lumaClient(ctx.vendor);
    const followed = await followTask<LumaGeneration>({
      provider: "luma",
      vendorName: "Luma",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      cancel: () => lumaAdapter.cancel!(task, ctx),
      async check() {
        const g = (await vendorRequest(client, { path: `/generations/${task.id}`, signal: ctx.signal })).json<LumaGeneration>();
        if (g.state === "completed") return { done: true, value: g };
        if (g.state === "failed") throw failed(g);
        // Luma reports no percentage: queued and dreaming are all it says.
        return { done: false };
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    const url = done.assets?.video;
    if (!url) throw new ProviderError("GENERATION_FAILED", "Luma finished without a video", { provider: "luma", accepted: true });
    return { kind: "done", value: { file: await downloadResult(url, { provider: "luma", vendorName: "Luma", ctx, name: "luma.mp4" }) } };
  },

  /**
   * Luma has no cancel, only `DELETE /generations/{id}`, which removes the generation: used for jobs we abandon so
   * nothing of them stays at Luma. Luma does not say whether deleting a running generation returns its credits.
   */
  async cancel(task, ctx) {
    await vendorRequest(lumaClient(ctx.vendor), { method: "DELETE", path: `/generations/${task.id}`, signal: ctx.signal });
  },

  // Luma's callbacks are unsigned; the follower re-reads the generation, so the body is only a wake-up call.
  receiveCallback: () => ({ authentic: true }),

  createFake: createLumaFake,
};

function failed(g: LumaGeneration): ProviderError {
  const reason = g.failure_reason || "no reason given";
  const moderated = /moderation|not allowed|safety/i.test(reason);
  return new ProviderError("GENERATION_FAILED", moderated ? `Luma's content moderation blocked this request: ${reason}` : `Luma failed: ${reason}`, {
    provider: "luma",
    accepted: true,
  });
}
