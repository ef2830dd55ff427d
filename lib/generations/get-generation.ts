import { LRUCache } from "lru-cache";
import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import { processSingleton } from "../process-singleton";
import type { Generation, GenerationStatus } from "../generated/prisma/client";

export const FINAL_STATUSES: readonly GenerationStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];
export const isFinal = (status: GenerationStatus): boolean => FINAL_STATUSES.includes(status);

/**
 * Finished generations, by id. A finished row changes only when its media goes: the purge sets `mediaExpiredAt` at
 * `mediaExpiresAt`, which a copy already holds (readers judge expiry by the clock: hasMedia in lib/limits/retention.ts),
 * and deleteGeneration erases its inputs — forgotten here at once, on other instances within TTL_MS. Every other
 * write to a generation is guarded by a QUEUED/PROCESSING status (the final transitions, the attempt log, the
 * vendor task id, progress). Clients fetch a result many times (polls that overshoot, webhook handlers,
 * galleries); those reads skip the database. Unfinished rows are always read fresh.
 */
const TTL_MS = 60_000;
// One per process (not per bundle): the purge, in the workers' bundle, forgets rows the API's bundle serves.
const finished = processSingleton(
  "finished-generations",
  () =>
    new LRUCache<string, Generation>({
      max: 10_000,
      ttl: TTL_MS,
      // Rows carry JSON (input, routing, attempts): bound the bytes too, about 32 MB of text.
      maxSize: 32 * 1024 * 1024,
      sizeCalculation: (g) => Math.max(1, JSON.stringify(g).length),
    }),
);

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

/** A finished row changed (deleted, its media purged): the next read on this instance goes to the database. */
export function forgetGeneration(id: string): void {
  finished.delete(id);
}
