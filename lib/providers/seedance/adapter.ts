import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { ARK_API, seedanceClient } from "./client";
import { createSeedanceFake } from "./fake";
import { type SeedanceTask, toSeedanceRequest } from "./transform";

/**
 * BytePlus ModelArk video generation API v3 (`POST /contents/generations/tasks`, `GET|DELETE
 * /contents/generations/tasks/{id}` at ark.ap-southeast.bytepluses.com/api/v3), following BytePlus's ModelArk
 * docs (docs.byteplus.com/en/docs/modelark) and checked against Vercel's independent client
 * @ai-sdk/bytedance@1.0.29 (conformance test); 2026-12-05.
 */

/** A 5 s clip takes 30–60 s; polling every 5 s stays far inside Ark's 600 requests a minute, callbacks wake us sooner. */
const POLL_MS = 5_000;
/** Queued tasks wait behind the account's 10 running ones; 20 minutes is well past a normal queue. */
const MAX_WAIT_MS = 20 * 60_000;

export const seedanceAdapter: ProviderAdapter = {
  id: "seedance",
  defaultBaseUrl: ARK_API,
  baseUrlEnv: "ARK_BASE_URL",

  async submit(job, ctx) {
    const body = toSeedanceRequest(job, ctx.vendor.callbackUrl);
    const res = await vendorRequest(seedanceClient(ctx.vendor), { path: "/contents/generations/tasks", json: body, signal: ctx.signal });
    return { kind: "task", task: { id: acceptedTaskId(res.json<{ id?: string }>().id, { provider: "seedance", vendorName: "Seedance" }) } };
  },

  async follow(_job, task, ctx) {
    const client = seedanceClient(ctx.vendor);
    const followed = await followTask<SeedanceTask>({
      provider: "seedance",
      vendorName: "Seedance",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      cancel: () => seedanceAdapter.cancel!(task, ctx),
      async check() {
        const t = (await vendorRequest(client, { path: `/contents/generations/tasks/${task.id}`, signal: ctx.signal })).json<SeedanceTask>();
        switch (t.status) {
          case "succeeded":
            return { done: true, value: t };
          case "failed":
            throw failed(t);
          case "expired":
            throw new ProviderError("GENERATION_FAILED", "Seedance let the task expire before it ran", { provider: "seedance", accepted: true });
          case "cancelled":
            throw new ProviderError("GENERATION_FAILED", "Seedance cancelled the task", { provider: "seedance", accepted: true });
          case "queued":
          case "running":
          default:
            // Ark reports no percentage, only queued and running.
            return { done: false };
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    const url = done.content?.video_url;
    if (!url) throw new ProviderError("GENERATION_FAILED", "Seedance finished without a video", { provider: "seedance", accepted: true });
    return { kind: "done", value: { file: await downloadResult(url, { provider: "seedance", vendorName: "Seedance", ctx, name: "seedance.mp4" }) } };
  },

  /** `DELETE` cancels a task that is still queued; Ark refuses once it runs (it then finishes and is billed). */
  async cancel(task, ctx) {
    await vendorRequest(seedanceClient(ctx.vendor), { method: "DELETE", path: `/contents/generations/tasks/${task.id}`, signal: ctx.signal });
  },

  // Ark's callbacks are unsigned copies of the task; the follower re-reads the task, so they only wake it.
  receiveCallback: () => ({ authentic: true }),

  createFake: createSeedanceFake,
};

function failed(t: SeedanceTask): ProviderError {
  const code = t.error?.code;
  const reason = t.error?.message ?? code ?? "no reason given";
  const moderated = code !== undefined && /SensitiveContent/i.test(code);
  return new ProviderError("GENERATION_FAILED", moderated ? `Seedance's content moderation blocked the result: ${reason}` : `Seedance failed: ${reason}`, {
    provider: "seedance",
    vendorCode: code,
    accepted: true,
  });
}
