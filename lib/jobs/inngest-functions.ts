import { runGeneration } from "../generations/run-generation";
import { GENERATION_CANCELLED, GENERATION_REQUESTED, inngest } from "./inngest-client";

/**
 * The generation workflow as an Inngest function: Inngest memoises each `step.run`, retries the function on
 * errors, and stops it when the cancel event for the same generation arrives.
 */
export const runGenerationFunction = inngest.createFunction(
  {
    id: "run-generation",
    triggers: [{ event: GENERATION_REQUESTED }],
    cancelOn: [{ event: GENERATION_CANCELLED, match: "data.generationId" }],
    retries: 5,
  },
  async ({ event, step }) => {
    const generationId = String((event.data as { generationId: string }).generationId);
    // Our step outputs are plain JSON objects, so Inngest's Jsonify<T> of them is T itself.
    await runGeneration(generationId, { run: <T>(name: string, fn: () => Promise<T>) => step.run(name, fn) as Promise<T> });
    return { generationId };
  },
);

export const inngestFunctions = [runGenerationFunction];
