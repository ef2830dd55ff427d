import { z } from "zod";
import { AppError } from "../errors";
import { readStepOutput } from "../generations/generation-json";
import { failGeneration, runGeneration, type StepOptions } from "../generations/run-generation";
import { PLANS } from "../limits/plans";
import { dispatchDueWebhooks } from "../webhooks/dispatch-due-webhooks";
import { GENERATION_CANCELLED, GENERATION_REQUESTED, inngest, TEST_GENERATION_REQUESTED, VENDOR_CALLBACK, WEBHOOKS_ENQUEUED } from "../dispatch/inngest-client";
import { env } from "../env";

/**
 * How long one follow step polls a vendor before handing back to Inngest. 0 (the default): one status query per
 * step, so a followed job holds a concurrency slot only for that query — the wait between queries is a
 * waitForEvent, which Inngest does not count against concurrency ("a function run that is sleeping, waiting for an
 * event, or paused between steps does not count against your concurrency limit", inngest.com/docs/guides/concurrency,
 * read 2026-12-05).
 */
const FOLLOW_SLICE_MS = env().DOITONG_FOLLOW_SLICE_MS;

/** One account cannot take more Inngest slots than the largest plan may run at once (its exact limit: the start step). */
export const ACCOUNT_CONCURRENCY = Math.max(...Object.values(PLANS).map((p) => p.limits.parallel ?? 1));

/**
 * Inngest's `priority.run`: seconds a run is moved forward in the queue. Higher plans get a head start of
 * PRIORITY_STEP_SECONDS per weight step above Free, a bounded advantage: a Free run is never pushed back behind
 * work that arrived more than (weight − 1) × PRIORITY_STEP_SECONDS later. A CEL expression over the event, returning
 * seconds within ±600 (inngest.com/docs/reference/typescript/functions/run-priority, read 2026-12-05).
 */
const PRIORITY_STEP_SECONDS = 15;
export const PLAN_PRIORITY = (Object.entries(PLANS) as [string, { weight: number }][])
  .filter(([, plan]) => plan.weight > 1)
  .reduceRight((otherwise, [id, plan]) => `event.data.plan == '${id}' ? ${(plan.weight - 1) * PRIORITY_STEP_SECONDS} : (${otherwise})`, "0");

/**
 * The generation workflow as Inngest functions, one per mode: Inngest memoises each `step.run`, retries the
 * function on errors, and stops it when the cancel event for the same generation arrives. Each has a per-account
 * concurrency key (Inngest queues each key separately, so one account's backlog does not delay another's) and a
 * global cap; test-key work runs in its own function with its own cap, so it can never take live capacity.
 */
/** What our generation events carry (lib/dispatch/inngest-client.ts sends them): read, not cast. */
const GenerationEventData = z.object({ generationId: z.string().min(1) });

function generationFunction(options: { id: string; event: string; globalLimit: number }) {
  return inngest.createFunction(
    {
      id: options.id,
      triggers: [{ event: options.event }],
      cancelOn: [{ event: GENERATION_CANCELLED, match: "data.generationId" }],
      concurrency: [{ key: "event.data.accountId", limit: ACCOUNT_CONCURRENCY }, { limit: options.globalLimit }],
      priority: { run: PLAN_PRIORITY },
      // A full account's start is retried with Inngest's backoff, up to `retries` times.
      retries: 5,
      // Out of retries (slots busy all along, the database or storage down): the generation fails and its credits
      // return, rather than staying QUEUED with them reserved. failGeneration changes only an unfinished one.
      onFailure: async ({ event, error }) => {
        const { generationId } = GenerationEventData.parse(event.data.event.data);
        await failGeneration(generationId, new AppError("GENERATION_FAILED", `Gave up after retries: ${error.message}`));
      },
    },
    async ({ event, step }) => {
      const { generationId } = GenerationEventData.parse(event.data);
      await runGeneration(generationId, {
        run: async <T>(name: string, fn: () => Promise<T>, options: StepOptions<T>): Promise<T> => {
          const output = await step.run(name, async () => {
            const result = await fn();
            // Inngest memoises whatever a step returns; a step to be run again (the start, no slot free) must fail
            // for Inngest to retry it — with its backoff, up to `retries` times.
            if (options.keep && !options.keep(result)) throw new Error(`Step ${name} is to be run again: ${JSON.stringify(result)}`);
            return result;
          });
          // What Inngest hands back is the step's result as JSON (its memo, on a replay): read through the step's schema.
          return readStepOutput({ generationId, name, output }, options.schema);
        },
        followSliceMs: FOLLOW_SLICE_MS,
        // Between follow slices: the vendor's callback for this generation, or the poll interval, whichever first.
        waitForCallback: async (name, id, timeoutMs) => {
          await step.waitForEvent(name, { event: VENDOR_CALLBACK, timeout: `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`, if: `async.data.generationId == "${id}"` });
        },
      });
      return { generationId };
    },
  );
}

export const runGenerationFunction = generationFunction({ id: "run-generation", event: GENERATION_REQUESTED, globalLimit: env().DOITONG_INNGEST_CONCURRENCY });
export const runTestGenerationFunction = generationFunction({
  id: "run-test-generation",
  event: TEST_GENERATION_REQUESTED,
  globalLimit: env().DOITONG_INNGEST_TEST_CONCURRENCY,
});

/**
 * Webhook delivery on Inngest: every minute, and whenever deliveries are queued, attempt what is due. The outbox
 * rows and their claims (FOR UPDATE SKIP LOCKED) make overlapping runs safe; a retry due in 5 s waits for the
 * next run (at most a minute) here, instead of the in-process dispatcher's timer.
 */
export const dispatchWebhooksFunction = inngest.createFunction(
  { id: "dispatch-webhooks", triggers: [{ cron: "* * * * *" }, { event: WEBHOOKS_ENQUEUED }], retries: 0 },
  async ({ step }) => step.run("dispatch", () => dispatchDueWebhooks()),
);

export const inngestFunctions = [runGenerationFunction, runTestGenerationFunction, dispatchWebhooksFunction];
