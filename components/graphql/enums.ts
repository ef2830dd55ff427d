import type { GenerationStatus, GenerationType } from "./generated";

/** Every member of a schema enum, in the order the pages show them: a record, so a member the schema adds fails the type check until it is placed. */
const inOrder = <T extends string>(members: Record<T, true>) => Object.keys(members) as T[];

export const GENERATION_TYPES = inOrder<GenerationType>({ VIDEO: true, IMAGE: true, AUDIO: true, AVATAR: true });
export const GENERATION_STATUSES = inOrder<GenerationStatus>({ QUEUED: true, PROCESSING: true, COMPLETED: true, FAILED: true, CANCELLED: true });

export const FINAL_STATUSES: readonly GenerationStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];
export const isRunning = (status: GenerationStatus) => status === "QUEUED" || status === "PROCESSING";
