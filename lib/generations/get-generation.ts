import { LRUCache } from "lru-cache";
import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { Generation, GenerationStatus } from "../generated/prisma/client";

export const FINAL_STATUSES: readonly GenerationStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];
export const isFinal = (status: GenerationStatus): boolean => FINAL_STATUSES.includes(status);

/**
 * Finished generations, by id. A finished row never changes again: every write to a generation is guarded by a
 * QUEUED/PROCESSING status (the final transitions, the attempt log, the vendor task id, progress), so a copy is as
 * good as a read — on this instance or any other. Clients fetch a result many times (polls that overshoot,
 * webhook handlers, galleries); those reads skip the database. Unfinished rows are always read fresh.
 */
const finished = new LRUCache<string, Generation>({
  max: 10_000,
  // Rows carry JSON (input, routing, attempts): bound the bytes too, about 32 MB of text.
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (g) => Math.max(1, JSON.stringify(g).length),
});

/** The caller's generation, or NOT_FOUND — also for ids that belong to another account, or live ones for a test key. */
export async function getGenerationOrThrow(caller: Caller, id: string): Promise<Generation> {
  const cached = finished.get(id);
  if (cached) {
    if (cached.accountId !== caller.accountId || (modeScope(caller).mode ?? cached.mode) !== cached.mode) throw notFound("Generation", id);
    return cached;
  }
  const client = await db();
  const generation = await client.generation.findFirst({ where: { id, accountId: caller.accountId, ...modeScope(caller) } });
  if (!generation) throw notFound("Generation", id);
  if (isFinal(generation.status)) finished.set(id, generation);
  return generation;
}
