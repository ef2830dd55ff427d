import { downloadResult, followTask } from "../http/follow-task";
import { loadInput, toBase64 } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { BFL_API, BFL_SIGNATURE_HEADER, bflClient, verifyBflWebhook } from "./client";
import { createBflFake } from "./fake";
import { type BflProviderId, type BflResult, bflEndpoint, bflOutcome, safePollingUrl, toBflRequest } from "./transform";

/**
 * Black Forest Labs API v1 (`POST /v1/<model>` with `x-key` → `{id, polling_url}`, `GET polling_url`), following
 * BFL's own API notes (github.com/black-forest-labs/skills, skills/bfl-api/references/endpoints.md, commit
 * ab8b5eb) and checked against Vercel's independent client @ai-sdk/black-forest-labs@2.0.41 (conformance test);
 * 2026-12-05.
 *
 * BFL's examples poll every 0.5 s; images take 5–15 s, so 1 s is plenty. When BFL will call our webhook, polling
 * is only the safety net and slows to 5 s.
 */
const POLL_MS = 1_000;
const POLL_WITH_WEBHOOK_MS = 5_000;
/** About 20× a typical FLUX job: longer means it is stuck (BFL has no cancel, so it is simply abandoned). */
const MAX_WAIT_MS = 5 * 60_000;

/** One adapter per FLUX provider id; they differ only in endpoint and body fields (see transform). */
export function createBflAdapter(id: BflProviderId): ProviderAdapter {
  const adapter: ProviderAdapter = {
    id,
    defaultBaseUrl: BFL_API,
    baseUrlEnv: "BFL_BASE_URL",

    async submit(job, ctx) {
      const image = job.input.image ? toBase64(await loadInput(job.input.image, "image", "input.image", ctx.signal)) : undefined;
      const webhook = ctx.vendor.callbackUrl ? { url: ctx.vendor.callbackUrl, secret: ctx.vendor.callbackSecret } : undefined;
      const res = await vendorRequest(bflClient(id, ctx.vendor), {
        path: bflEndpoint(id, job.options),
        json: toBflRequest(id, job, image, webhook),
        signal: ctx.signal,
      });
      const { id: taskId, polling_url } = res.json<{ id: string; polling_url?: string }>();
      if (!taskId) throw new ProviderError("PROVIDER_UNAVAILABLE", "Black Forest Labs accepted the job without a task id", { provider: id, accepted: true });
      return { kind: "task", task: { id: taskId, pollingUrl: safePollingUrl(polling_url, taskId, ctx.vendor.baseUrl) } };
    },

    async follow(job, task, ctx) {
      const client = bflClient(id, ctx.vendor);
      const pollingUrl = safePollingUrl(typeof task.pollingUrl === "string" ? task.pollingUrl : undefined, task.id, ctx.vendor.baseUrl);
      const followed = await followTask({
        provider: id,
        vendorName: "Black Forest Labs",
        ctx,
        intervalMs: ctx.vendor.callbackUrl ? POLL_WITH_WEBHOOK_MS : POLL_MS,
        maxWaitMs: MAX_WAIT_MS,
        async check() {
          const outcome = bflOutcome((await vendorRequest(client, { path: pollingUrl, signal: ctx.signal })).json<BflResult>());
          if (outcome.kind === "ready") return { done: true, value: outcome.url };
          if (outcome.kind === "pending") return { done: false, progress: outcome.progress };
          throw new ProviderError(
            "GENERATION_FAILED",
            outcome.moderated ? `Black Forest Labs' moderation blocked this request (${outcome.status}): ${outcome.reason}` : `Black Forest Labs failed: ${outcome.reason}`,
            { provider: id, vendorCode: outcome.status, accepted: true },
          );
        },
      });
      if (followed.kind === "slice") return followed;
      const url = followed.value;
      // result.sample lives 10 minutes: copy it now.
      const ext = job.options.format === "png" ? "png" : "jpg";
      return { kind: "done", value: { file: await downloadResult(url, { provider: id, vendorName: "Black Forest Labs", ctx, name: `${id}.${ext}` }) } };
    },

    receiveCallback(request, vendor) {
      return { authentic: verifyBflWebhook(request.body, request.headers.get(BFL_SIGNATURE_HEADER), vendor.callbackSecret) };
    },

    createFake: createBflFake,
  };
  return adapter;
}

export const fluxDevAdapter = createBflAdapter("flux-dev");
export const fluxProAdapter = createBflAdapter("flux-pro");
export const flux11ProAdapter = createBflAdapter("flux-1.1-pro");
export const fluxUltraAdapter = createBflAdapter("flux-ultra");
export const fluxKontextAdapter = createBflAdapter("flux-kontext");
