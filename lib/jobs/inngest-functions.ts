import { AppError } from "../errors";
import { failGeneration, runGeneration } from "../generations/run-generation";
import { PLANS } from "../limits/plans";
import { dispatchDueWebhooks } from "../webhooks/dispatch-due-webhooks";
import { GENERATION_CANCELLED, GENERATION_REQUESTED, inngest, VENDOR_CALLBACK, WEBHOOKS_ENQUEUED } from "../dispatch/inngest-client";
import { env } from "../env";

/** How long one follow step polls a vendor before handing back to Inngest (keeps each step's HTTP request short). */
const FOLLOW_SLICE_MS = env().DOITONG_FOLLOW_SLICE_MS || 45_000;

const ACCOUNT_CONCURRENCY = Math.max(...Object.values(PLANS).map((p) => p.limits.parallel ?? 1));

/**
 * The generation workflow as an Inngest function: Inngest memoises each `step.run`, retries the function on
 * errors, and stops it when the cancel event for the same generation arrives.
 */
export const runGenerationFunction = inngest.createFunction(
  {
    id: "run-generation",
    triggers: [{ event: GENERATION_REQUESTED }],
    cancelOn: [{ event: GENERATION_CANCELLED, match: "data.generationId" }],
    // One account cannot take more Inngest workers than the largest plan may run at once; its exact plan limit is
    // enforced by the workflow's start step (a full account's start is retried with Inngest's backoff, up to
    // `retries` times).
    concurrency: [{ key: "event.data.accountId", limit: ACCOUNT_CONCURRENCY }],
    retries: 5,
    // Out of retries (slots busy all along, the database or storage down): the generation fails and its credits
    // return, rather than staying QUEUED with them reserved. failGeneration changes only an unfinished one.
    onFailure: async ({ event, error }) => {
      const generationId = String((event.data.event.data as { generationId: string }).generationId);
      await failGeneration(generationId, new AppError("GENERATION_FAILED", `Gave up after retries: ${error.message}`));
    },
  },
  async ({ event, step }) => {
    const generationId = String((event.data as { generationId: string }).generationId);
    // Our step outputs are plain JSON objects, so Inngest's Jsonify<T> of them is T itself.
    await runGeneration(generationId, {
      run: <T>(name: string, fn: () => Promise<T>) => step.run(name, fn) as Promise<T>,
      followSliceMs: FOLLOW_SLICE_MS,
      // Between follow slices: the vendor's callback for this generation, or the poll interval, whichever first.
      waitForCallback: async (name, id, timeoutMs) => {
        await step.waitForEvent(name, { event: VENDOR_CALLBACK, timeout: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`, if: `async.data.generationId == "${id}"` });
      },
    });
    return { generationId };
  },
);

/**
 * Webhook delivery on Inngest: every minute, and whenever deliveries are queued, attempt what is due. The outbox
 * rows and their claims (FOR UPDATE SKIP LOCKED) make overlapping runs safe; a retry due in 5 s waits for the
 * next run (at most a minute) here, instead of the in-process dispatcher's timer.
 */
export const dispatchWebhooksFunction = inngest.createFunction(
  { id: "dispatch-webhooks", triggers: [{ cron: "* * * * *" }, { event: WEBHOOKS_ENQUEUED }], retries: 0 },
  async ({ step }) => step.run("dispatch", () => dispatchDueWebhooks()),
);

export const inngestFunctions = [runGenerationFunction, dispatchWebhooksFunction];
