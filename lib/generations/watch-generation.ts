import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import type { Generation } from "../generated/prisma/client";
import { getGenerationOrThrow, isFinal } from "./get-generation";

const POLL_MS = 400;
/** Re-read the row now and then even without new events: a cheap guard against any event we could not see. */
const SAFETY_READ_EVERY = 8;

/**
 * The caller's generation as it changes: its current state at once (so a reconnecting client is up to date
 * immediately), then the state after each new event in the log, until it is final. Driven by the event table,
 * so it sees changes made by any instance. Another account's id is NOT_FOUND, before anything is sent.
 */
export function watchGeneration(caller: Caller, id: string, signal?: AbortSignal): AsyncIterableIterator<Generation> {
  // An async generator only handles return() at its next yield, and this one may sleep-poll for a long time
  // between yields; stopping through our own signal ends it when the client goes away, not when the job does.
  const stop = new AbortController();
  signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const updates = poll(caller, id, stop.signal);
  return {
    next: () => updates.next(),
    return: () => {
      stop.abort();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* poll(caller: Caller, id: string, signal: AbortSignal): AsyncGenerator<Generation> {
  const client = await db();
  // The cursor is read before the row: a change that lands in between shows up as a new event, never lost.
  let cursor = await latestSequence(id);
  let current = await getGenerationOrThrow(caller, id);
  yield current;
  let quietPolls = 0;
  while (!isFinal(current.status) && !signal.aborted) {
    await sleep(POLL_MS, signal);
    if (signal.aborted) return;
    const newer = await client.generationEvent.findFirst({
      where: { generationId: id, sequence: { gt: cursor } },
      orderBy: { sequence: "desc" },
      select: { sequence: true },
    });
    if (newer) cursor = newer.sequence;
    else if (++quietPolls % SAFETY_READ_EVERY !== 0) continue;
    const next = await client.generation.findFirst({ where: { id, accountId: caller.accountId, ...modeScope(caller) } });
    if (!next) return;
    if (next.status !== current.status || next.progress !== current.progress || next.updatedAt.getTime() !== current.updatedAt.getTime()) {
      current = next;
      yield current;
    }
  }
}

async function latestSequence(generationId: string): Promise<bigint> {
  const client = await db();
  const last = await client.generationEvent.findFirst({ where: { generationId }, orderBy: { sequence: "desc" }, select: { sequence: true } });
  return last?.sequence ?? 0n;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
