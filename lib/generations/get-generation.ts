import { LRUCache } from "lru-cache";
import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { env } from "../env";
import { notFound } from "../errors";
import { generationChanges } from "../events/generation-changes";
import { logger } from "../log";
import { processSingleton } from "../process-singleton";
import { SingleFlight } from "../single-flight";
import type { Generation, GenerationStatus } from "../generated/prisma/client";

export const FINAL_STATUSES: readonly GenerationStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];
export const isFinal = (status: GenerationStatus): boolean => FINAL_STATUSES.includes(status);

/**
 * Generation rows by id, so that polls — a client asks every second or two until its result is there, then often
 * again (webhook handlers, galleries) — skip the database. Every write a client could see publishes the id on the
 * invalidation channel (lib/events/generation-changes.ts), which empties the entry on every instance:
 * - Unfinished rows are served only while the channel is live (every other instance's messages reach this one)
 *   and for at most DOITONG_GENERATION_CACHE_MS (5 s; 0 turns it off): the bound on anything the channel cannot
 *   carry (a message lost after its commit, a process that writes without publishing).
 * - Finished rows change only when their media goes (purge, deleteGeneration), which publishes too; readers judge
 *   expiry by the clock (hasMedia in lib/limits/retention.ts). They are served for FINISHED_MS whether or not the
 *   channel is live.
 * - Read-your-writes: the instance that made a change hears its own message before the change's transaction (or
 *   publish) resolves, so a cancel answered here is never followed by the old state from here.
 * - A read that started before a change and ends after its message must not store the older row: each change
 *   takes a number (`epoch`), and a row is stored only if no change to its id (or reset) came after its read began.
 */
const FINISHED_MS = 60_000;
const MAX_CHANGES_KEPT = 10_000;

interface CacheState {
  rows: LRUCache<string, Generation>;
  epoch: number;
  /** The epoch of each id's latest change (kept for MAX_CHANGES_KEPT ids; past that, `floor` stands in for all). */
  changed: Map<string, number>;
  /** Reads that began before this epoch never store (set by a reset, and when `changed` is emptied). */
  floor: number;
  /**
   * The read under way for each id and caller scope (readOnce), shared unless its generation changed (or the cache
   * was reset) after it began: then its row may be older than what this instance already announced.
   */
  reading: SingleFlight<Generation | null, { id: string; readFrom: number }>;
}

// One per process (not per bundle): the runner and the purge, in the workers' bundle, change rows the API serves.
const cache: CacheState = processSingleton<CacheState>("generation-cache", () => ({
  rows: new LRUCache<string, Generation>({
    max: 10_000,
    ttl: FINISHED_MS,
    // Rows carry JSON (input, routing, attempts): bound the memory too, about 32 MB. A row takes about four bytes of
    // heap per character of its JSON: a heap snapshot of a server holding 10,000 rows of ~2.5 kB JSON each (bench
    // generates, each with its routing's ten candidates) found ~90 MB of their strings and arrays, where a bound on
    // the text alone (32 MB) never applied. Now ~3,000 such rows.
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (g) => Math.max(1, 4 * JSON.stringify(g).length),
  }),
  epoch: 0,
  changed: new Map(),
  floor: 0,
  reading: new SingleFlight(({ id, readFrom }) => !changedSince(id, readFrom)),
}));

generationChanges.subscribe("generation-cache", {
  changed(ids) {
    cache.epoch += 1;
    for (const id of ids) {
      cache.rows.delete(id);
      cache.changed.set(id, cache.epoch);
    }
    if (cache.changed.size > MAX_CHANGES_KEPT) {
      cache.changed.clear();
      cache.floor = cache.epoch;
    }
  },
  reset() {
    cache.epoch += 1;
    cache.rows.clear();
    cache.changed.clear();
    cache.floor = cache.epoch;
  },
});

function unfinishedMs(): number {
  const ms = env().DOITONG_GENERATION_CACHE_MS;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

/** The caller's generation, or NOT_FOUND — also for ids that belong to another account, or live ones for a test key. */
export async function getGenerationOrThrow(caller: Caller, id: string): Promise<Generation> {
  const cached = cache.rows.get(id);
  if (cached && (isFinal(cached.status) || generationChanges.live())) {
    if (cached.accountId !== caller.accountId || (modeScope(caller).mode ?? cached.mode) !== cached.mode) throw notFound("Generation", id);
    // Past half its time, the entry is read again in the background while it still answers: a generation polled
    // at 50 connections otherwise expired under its polls, and each poll in the moment before the new read made a
    // read of its own (the p99 of bench/api.ts's generation(id) cases).
    // The re-read is shared whatever the cache of unfinished rows does: nobody waits for it, and the entry it
    // replaces answers meanwhile anyway.
    if (cache.rows.getRemainingTTL(id) < ttlOf(cached) / 2 && !cache.reading.running(readingKey(caller, id))) {
      sharedRead(caller, id).catch((err: unknown) =>
        logger("generations").warn({ err, generationId: id }, "Re-reading a cached generation failed: its entry answers until it expires"),
      );
    }
    return cached;
  }
  const generation = await readOnce(caller, id);
  if (!generation) throw notFound("Generation", id);
  return generation;
}

/**
 * One read of a generation for a caller's scope at a time (`cache.reading`, which keeps read-your-writes after a
 * cancel). Joining is as stale as the cache itself may be, so it is done only when the cache may serve
 * unfinished rows: with the cache off, or while this instance cannot hear other instances' changes, every request
 * reads for itself and sees whatever was committed before it came.
 */
function readOnce(caller: Caller, id: string): Promise<Generation | null> {
  if (!unfinishedMs() || !generationChanges.live()) return read(caller, id);
  return sharedRead(caller, id);
}

const sharedRead = (caller: Caller, id: string) => cache.reading.run(readingKey(caller, id), { id, readFrom: cache.epoch }, () => read(caller, id));

async function read(caller: Caller, id: string): Promise<Generation | null> {
  const readFrom = cache.epoch;
  const client = await db();
  const generation = await client.generation.findFirst({ where: { id, accountId: caller.accountId, ...modeScope(caller) } });
  if (generation) remember(generation, readFrom);
  return generation;
}

const readingKey = (caller: Caller, id: string) => `${id}\u0000${caller.accountId}\u0000${modeScope(caller).mode ?? ""}`;

const changedSince = (id: string, readFrom: number) => cache.floor > readFrom || (cache.changed.get(id) ?? 0) > readFrom;

const ttlOf = (generation: Generation) => (isFinal(generation.status) ? FINISHED_MS : unfinishedMs());

function remember(generation: Generation, readFrom: number): void {
  if (changedSince(generation.id, readFrom)) return;
  if (isFinal(generation.status)) return void cache.rows.set(generation.id, generation);
  const ttl = unfinishedMs();
  if (ttl && generationChanges.live()) cache.rows.set(generation.id, generation, { ttl });
}

/** A generation's row changed outside a transaction (its media purged, deleted): every instance reads it again. */
export function forgetGeneration(...ids: string[]): Promise<void> {
  return generationChanges.publish(...ids);
}
