import { downloadResult, followTask } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { REPLICATE_API, replicateClient, replicateWebhookSecret, verifyReplicateWebhook } from "./client";
import { createReplicateFake } from "./fake";
import { FLUX_FAST_MODEL, type Prediction, predictionOutcome, toFluxFastRequest } from "./transform";

/*
 * Replicate HTTP API v1 (https://api.replicate.com/v1), as the official client `replicate` 1.4.0 uses it:
 * `POST /v1/models/prunaai/flux-fast/predictions` (optionally `Prefer: wait`), `GET /v1/predictions/{id}`,
 * `POST /v1/predictions/{id}/cancel`, Standard Webhooks signatures. The model's inputs follow its published schema
 * (tests/fixtures/vendors/replicate/SOURCE.md). Checked 2026-12-05.
 */
const PROVIDER = "flux-fast";
/** Replicate's client polls every 0.5 s; Pruna's model takes 1–4 s. With a webhook coming, poll only as a safety net. */
const POLL_MS = 1_000;
const POLL_WITH_WEBHOOK_MS = 5_000;
/** Covers a cold boot of the model (a minute or two) with room to spare. */
const MAX_WAIT_MS = 5 * 60_000;
/** `Prefer: wait` holds the submit open until the image exists (at most this long), saving the polls. */
const PREFER_WAIT_S = 10;

export const fluxFastAdapter: ProviderAdapter = {
  id: PROVIDER,
  defaultBaseUrl: REPLICATE_API,
  baseUrlEnv: "REPLICATE_BASE_URL",

  async submit(job, ctx) {
    const webhook = ctx.vendor.callbackUrl && replicateWebhookSecret(ctx.vendor) ? ctx.vendor.callbackUrl : undefined;
    // Without a webhook, wait synchronously for the (usually 1–2 s) prediction; Replicate allows 1–60 s.
    const wait = Math.min(60, Math.max(1, Math.round(PREFER_WAIT_S * ctx.vendor.timeScale)));
    const res = await vendorRequest(replicateClient(PROVIDER, ctx.vendor), {
      path: `/v1/models/${FLUX_FAST_MODEL}/predictions`,
      json: toFluxFastRequest(job, webhook),
      headers: webhook ? {} : { prefer: `wait=${wait}` },
      signal: ctx.signal,
      timeoutMs: (wait + 30) * 1000,
    });
    const prediction = res.json<Prediction>();
    if (!prediction.id) throw new ProviderError("PROVIDER_UNAVAILABLE", "Replicate accepted the prediction without an id", { provider: PROVIDER, accepted: true });
    return { kind: "task", task: { id: prediction.id } };
  },

  async follow(job, task, ctx) {
    const client = replicateClient(PROVIDER, ctx.vendor);
    const followed = await followTask({
      provider: PROVIDER,
      vendorName: "Replicate",
      ctx,
      intervalMs: ctx.vendor.callbackUrl ? POLL_WITH_WEBHOOK_MS : POLL_MS,
      maxWaitMs: MAX_WAIT_MS,
      cancel: () => fluxFastAdapter.cancel!(task, ctx),
      async check() {
        const outcome = predictionOutcome((await vendorRequest(client, { path: `/v1/predictions/${task.id}`, signal: ctx.signal })).json<Prediction>());
        switch (outcome.kind) {
          case "succeeded":
            return { done: true, value: outcome.url };
          case "pending":
            return { done: false, progress: outcome.progress };
          case "canceled":
            throw new ProviderError("GENERATION_FAILED", "The prediction was cancelled at Replicate", { provider: PROVIDER, vendorCode: "canceled", accepted: true });
          case "failed":
            throw new ProviderError(
              "GENERATION_FAILED",
              outcome.moderated ? `Replicate's safety checker blocked this image: ${outcome.reason}` : `Replicate failed: ${outcome.reason}`,
              { provider: PROVIDER, vendorCode: "failed", accepted: true },
            );
        }
      },
    });
    if (followed.kind === "slice") return followed;
    const url = followed.value;
    // replicate.delivery links of API predictions are deleted after an hour: copy now.
    const ext = job.options.format === "png" ? "png" : job.options.format === "webp" ? "webp" : "jpg";
    return { kind: "done", value: { file: await downloadResult(url, { provider: PROVIDER, vendorName: "Replicate", ctx, name: `flux-fast.${ext}` }) } };
  },

  async cancel(task, ctx) {
    await vendorRequest(replicateClient(PROVIDER, ctx.vendor), { method: "POST", path: `/v1/predictions/${task.id}/cancel`, idempotent: true, signal: ctx.signal });
  },

  receiveCallback(request, vendor) {
    return { authentic: verifyReplicateWebhook(request, replicateWebhookSecret(vendor)) };
  },

  createFake: createReplicateFake,
};
