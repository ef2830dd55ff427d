/** Every state change a generation can go through, as recorded in the event log and named in webhooks. */
export const GENERATION_EVENT_TYPES = [
  "generation.created",
  "generation.started",
  "generation.progress",
  "generation.completed",
  "generation.failed",
  "generation.cancelled",
] as const;

export type GenerationEventType = (typeof GENERATION_EVENT_TYPES)[number];

/** Events after which nothing more happens to the generation. */
export const FINAL_EVENT_TYPES: ReadonlySet<string> = new Set(["generation.completed", "generation.failed", "generation.cancelled"]);
