import { acceptedTaskId, downloadResult, followTask } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { RUNWAY_API, runwayClient } from "./client";
import { createRunwayFake } from "./fake";
import { type RunwayTask, toRunwayRequest } from "./transform";

/*
 * Runway API, version 2024-11-06 (the `X-Runway-Version` header), at https://api.dev.runwayml.com, as the official
 * SDK `@runwayml/sdk` 4.20.1 sends it: `POST /v1/image_to_video` or `/v1/text_to_video` → `{id, estimatedCost}`,
 * `GET /v1/tasks/{id}`, `DELETE /v1/tasks/{id}`. Checked 2026-12-05; tests/providers/conformance/runway.test.ts runs
 * that SDK against our fake.
 */

/** Runway asks not to be polled more often than every 5 s; it has no webhooks. */
const POLL_MS = 5_000;
const MAX_WAIT_MS = 20 * 60_000;

export const runwayAdapter: ProviderAdapter = {
  id: "runway",
  defaultBaseUrl: RUNWAY_API,
  baseUrlEnv: "RUNWAY_BASE_URL",

  async submit(job, ctx) {
    const client = runwayClient(ctx.vendor);
    const { endpoint, body } = toRunwayRequest(job);
    const res = await vendorRequest(client, { path: `/v1/${endpoint}`, json: body, signal: ctx.signal });
    return { kind: "task", task: { id: acceptedTaskId(res.json<{ id?: string }>().id, { provider: "runway", vendorName: "Runway" }) } };
  },

  async follow(_job, task, ctx) {
    const client = runwayClient(ctx.vendor);
    const followed = await followTask({
      provider: "runway",
      vendorName: "Runway",
      ctx,
      intervalMs: POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      cancel: () => runwayAdapter.cancel!(task, ctx),
      async check() {
        const t = (await vendorRequest(client, { path: `/v1/tasks/${task.id}`, signal: ctx.signal })).json<RunwayTask>();
        switch (t.status) {
          case "SUCCEEDED":
            return { done: true, value: t };
          case "FAILED":
            throw failed(t);
          case "CANCELLED":
            throw new ProviderError("GENERATION_FAILED", "Runway cancelled the task", { provider: "runway", accepted: true });
          case "PENDING":
          case "THROTTLED":
          case "RUNNING":
          default:
            return { done: false, progress: t.status === "RUNNING" ? (t.progress ?? 0) * 100 : 0 };
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const done = followed.value;
    const url = done.output?.[0];
    if (!url) throw new ProviderError("GENERATION_FAILED", "Runway finished without an output video", { provider: "runway", accepted: true });
    return { kind: "done", value: { file: await downloadResult(url, { provider: "runway", vendorName: "Runway", ctx, name: "runway.mp4" }) } };
  },

  async cancel(task, ctx) {
    await vendorRequest(runwayClient(ctx.vendor), { method: "DELETE", path: `/v1/tasks/${task.id}`, signal: ctx.signal });
  },

  createFake: createRunwayFake,
};

/** SAFETY.* failure codes are moderation; the rest are plain failures. Either way the vendor's words are kept. */
function failed(t: RunwayTask): ProviderError {
  const moderated = t.failureCode?.startsWith("SAFETY");
  const reason = t.failure ?? t.failureCode ?? "no reason given";
  return new ProviderError("GENERATION_FAILED", moderated ? `Runway's content moderation blocked this request: ${reason}` : `Runway failed: ${reason}`, {
    provider: "runway",
    vendorCode: t.failureCode,
    accepted: true,
  });
}
