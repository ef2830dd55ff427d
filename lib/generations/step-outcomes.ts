import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../errors";
import type { VendorTask } from "../providers/types";
import { MetadataSchema, type OutputMetadata } from "./generation-json";

/*
 * What the workflow's steps return, as tagged data with the schema of each next to it. A step runner memoises a
 * finished step's result as JSON (GenerationStep.output, or Inngest's own store) and replays it through the step's
 * schema, so a memo of another shape — written by older code, or by hand — is an error said plainly instead of a
 * value cast to what it was hoped to be. The workflow (run-generation.ts) handles each kind in an exhaustive
 * switch. Memos of older code were tagged by the migration 20261205213000_generation_attempts.
 */

const errorCode = z.custom<ErrorCode>((value) => typeof value === "string" && Object.hasOwn(ERROR_CODES, value), "not a known error code");
const vendorTask = z.object({ id: z.string() }).catchall(z.union([z.string(), z.number(), z.boolean(), z.null()])) satisfies z.ZodType<VendorTask>;

/** One stored file of a generation (a GenerationOutput row). */
export interface StoredOutput {
  index: number;
  storageKey: string;
  metadata: OutputMetadata;
}
const StoredOutputSchema = z.object({ index: z.number(), storageKey: z.string(), metadata: MetadataSchema }) satisfies z.ZodType<StoredOutput>;

/** An output slot whose vendor job failed while others succeeded: not delivered, not charged. */
export interface LostOutput {
  index: number;
  code: ErrorCode;
  message: string;
}
const LostOutputSchema = z.object({ index: z.number(), code: errorCode, message: z.string() }) satisfies z.ZodType<LostOutput>;

/** What an attempt delivered: at least one stored file, and the slots that failed. */
export interface Produced {
  kind: "produced";
  outputs: StoredOutput[];
  lost: LostOutput[];
}
const ProducedSchema = z.object({ kind: z.literal("produced"), outputs: z.array(StoredOutputSchema), lost: z.array(LostOutputSchema) }) satisfies z.ZodType<Produced>;

/** The vendor tasks of an attempt (one per output when numOutputs is made as separate jobs), to follow together. */
export interface Submitted {
  kind: "submitted";
  /** The first task (the only one for a single output). */
  task: VendorTask;
  tasks?: { index: number; task: VendorTask }[];
  /** Slots whose submit was refused while others were accepted. */
  lost?: LostOutput[];
}
const SubmittedSchema = z.object({
  kind: z.literal("submitted"),
  task: vendorTask,
  tasks: z.array(z.object({ index: z.number(), task: vendorTask })).optional(),
  lost: z.array(LostOutputSchema).optional(),
}) satisfies z.ZodType<Submitted>;

/** A provider attempt that ended without a result. */
export interface AttemptFailed {
  kind: "failed";
  code: ErrorCode;
  message: string;
  /** Whether another candidate may be tried (see fallbackAllowed in attempt-provider.ts). */
  fallback: boolean;
}
const AttemptFailedSchema = z.object({ kind: z.literal("failed"), code: errorCode, message: z.string(), fallback: z.boolean() }) satisfies z.ZodType<AttemptFailed>;

/** Followed in slices (Inngest) and not done when the slice ended: wait up to `waitMs` for a callback, then follow again. */
export interface StillRunning {
  kind: "pending";
  waitMs: number;
}
const StillRunningSchema = z.object({ kind: z.literal("pending"), waitMs: z.number() }) satisfies z.ZodType<StillRunning>;

export type SubmitOutcome = Produced | Submitted | AttemptFailed;
export const SubmitOutcomeSchema = z.discriminatedUnion("kind", [ProducedSchema, SubmittedSchema, AttemptFailedSchema]) satisfies z.ZodType<SubmitOutcome>;

export type FollowOutcome = Produced | AttemptFailed | StillRunning;
export const FollowOutcomeSchema = z.discriminatedUnion("kind", [ProducedSchema, AttemptFailedSchema, StillRunningSchema]) satisfies z.ZodType<FollowOutcome>;

/** The account had no free slot: nothing was done; the engine runs the workflow again shortly. */
export interface SlotBusy {
  kind: "slot_busy";
  reason: string;
}

/** The start step's outcome: PROCESSING now (or already), the generation is final already, or no slot is free. */
export type StartOutcome = { kind: "started" } | { kind: "stopped" } | SlotBusy;
export const StartOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("started") }),
  z.object({ kind: z.literal("stopped") }),
  z.object({ kind: z.literal("slot_busy"), reason: z.string() }),
]) satisfies z.ZodType<StartOutcome>;

/** The reroute step's outcome: moved to `provider`, or no candidate is left (the generation then fails). */
export type RerouteOutcome = { kind: "rerouted"; provider: string } | { kind: "exhausted" };
export const RerouteOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rerouted"), provider: z.string() }),
  z.object({ kind: z.literal("exhausted") }),
]) satisfies z.ZodType<RerouteOutcome>;

/** The complete step returns nothing: memoised as null (an engine may keep no value at all). */
export const NothingSchema = z.null().optional();
