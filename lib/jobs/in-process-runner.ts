import { randomUUID } from "node:crypto";
import { db } from "../db";
import { onForeignChange, ownsEmbeddedDatabase } from "../db/embedded";
import { registerLocalRunner } from "../dispatch/local-workers";
import { env } from "../env";
import { expireDeadlines } from "../generations/expire-deadlines";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { readStepOutput } from "../generations/generation-json";
import { failGeneration, runGeneration, type StepOptions, type StepRunner } from "../generations/run-generation";
import { logger } from "../log";
import { claimOrNothing, outageLog } from "../log-outage";
import { reportWorker } from "../ops/worker-status";
import { CANCELLED_BY_CLIENT } from "../generations/attempt-provider";
import { LoopSleep, quietMs } from "./loop-sleep";
import { claimGenerations, type Claimed, nextClaimChangeAt, type Pool, POOLS, poolCapacity } from "./claim-generations";

/**
 * The default engine: runs generation workflows inside the app process, durably. A generation is claimed with
 * a lease (lockedBy/lockedUntil) kept alive by a heartbeat; if the process dies the lease lapses and any runner
 * — this one after a restart, or another instance — picks the generation up again. Finished steps are stored in
 * GenerationStep and replayed, so a crash never redoes finished work. Several instances can share one
 * PostgreSQL: claims use FOR UPDATE SKIP LOCKED.
 *
 * Slots are pooled (claim-generations.ts): live work, test-key work, and followers of vendor jobs each have their
 * own capacity, and each pool is shared round-robin by the accounts with work in it. A run that reaches the point
 * of only following a vendor's job moves from its work pool to the follow pool, freeing its work slot.
 *
 * When nothing more is claimable the loop sleeps, woken early by whatever makes work claimable. On PostgreSQL,
 * other instances add work and free slots unseen, so it looks again every POLL_MS. On the embedded database every
 * change is seen by this process: its own (a new generation, a finished or cancelled run, a follower leaving its
 * work slot) wake the loop directly, and other processes' (`npm run admin`, a test's set-up) through the database
 * server it owns (onForeignChange). What is left is the clock: the loop sleeps until the next lease or hand-back
 * lapses or deadline passes (nextClaimChangeAt), at most DOITONG_QUIET_MAX_MS (30 s, a safety net). An idle
 * server then makes no queries, where it made two a second — test runs start many servers on a 2-core machine.
 */
/** How long a claim lasts without renewal (DOITONG_RUN_LEASE_SECONDS, 30 s); the heartbeat renews it six times as often. */
const leaseSeconds = () => Math.max(1, env().DOITONG_RUN_LEASE_SECONDS);
const heartbeatMs = () => (leaseSeconds() * 1000) / 6;
const POLL_MS = 1_000;
const MAX_RUNS = 5;
const SLOT_RETRY_MS = 1_000;
/** A sleep until a lease lapses ends this much later, so the lapse (`lockedUntil < now()`) has surely happened. */
const CLOCK_SLACK_MS = 5;
const STOP_WAIT_MS = 10_000;

/** After a failed run (storage or database trouble, a bug): 1 s, 2 s, 4 s… by run (DOITONG_RETRY_BACKOFF_MS = the first). */
function retryDelayMs(runCount: number): number {
  const base = env().DOITONG_RETRY_BACKOFF_MS;
  return Math.min(leaseSeconds() * 1000, (Number.isFinite(base) && base >= 0 ? base : 1_000) * 2 ** Math.max(0, runCount - 1));
}

interface Run {
  controller: AbortController;
  pool: Pool;
}

interface RunnerState {
  id: string;
  running: Map<string, Run>;
  /** The runs in flight, so a stop can wait for them to hand their leases back. */
  jobs: Set<Promise<void>>;
  /** The loop's sleep when nothing more is claimable; new work, a finished run or a stop wakes it. */
  sleep: LoopSleep;
  stopped: boolean;
  loop?: Promise<void>;
}

const holder = globalThis as unknown as { __doitongRunner?: RunnerState };

const log = logger("runner");
// One outage log per loop: a database outage is one error line each, and one recovery line each.
const outages = {
  start: outageLog(log, "Runner start (releasing stale leases)"),
  claims: outageLog(log, "Runner: claiming queued generations"),
  deadlines: outageLog(log, "Runner: expiring passed deadlines"),
  leases: outageLog(log, "Runner: renewing leases"),
  nextChange: outageLog(log, "Runner: finding when waiting generations become claimable"),
};

export function startInProcessRunner(): void {
  if (holder.__doitongRunner) return;
  const state: RunnerState = { id: `runner_${process.pid}_${randomUUID().slice(0, 8)}`, running: new Map(), jobs: new Set(), sleep: new LoopSleep(), stopped: false };
  holder.__doitongRunner = state;
  state.loop = loop(state);
}

export async function stopInProcessRunner(): Promise<void> {
  const state = holder.__doitongRunner;
  if (!state) return;
  state.stopped = true;
  state.sleep.wake();
  for (const run of state.running.values()) run.controller.abort();
  // Aborted runs return at once and release their leases, so a restarted (or other) runner takes them over now
  // rather than after the lease lapses.
  // (At most STOP_WAIT_MS: a run that ignores its abort must not hold up the stop.)
  await Promise.race([Promise.all([state.loop, ...state.jobs]), new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  holder.__doitongRunner = undefined;
}

export function wakeRunner(): void {
  const state = holder.__doitongRunner;
  if (!state) return;
  state.sleep.wake();
}

export function abortLocalJob(generationId: string): void {
  holder.__doitongRunner?.running.get(generationId)?.controller.abort(CANCELLED_BY_CLIENT);
  // A cancelled generation that was not running here (handed back for a retry) frees its account's slot too.
  wakeRunner();
}

// How lib/dispatch reaches this runner without importing it (it imports lib/generations, which signals us).
registerLocalRunner({ wake: wakeRunner, abort: abortLocalJob });
onForeignChange("runner", wakeRunner);

async function loop(state: RunnerState): Promise<void> {
  const health = reportWorker("runner", outages.claims);
  // With the embedded database this process is the only possible runner, so leases left by a previous
  // (killed) process can be taken over at once instead of after they lapse. Retried until the database answers.
  while (ownsEmbeddedDatabase() && !state.stopped) {
    try {
      const client = await db();
      await client.generation.updateMany({ where: { status: { in: ["QUEUED", "PROCESSING"] } }, data: { lockedBy: null, lockedUntil: null } });
      outages.start.succeeded();
      break;
    } catch (err) {
      outages.start.failed(err);
      health.beat();
      await state.sleep.sleep(POLL_MS, health);
    }
  }
  const heartbeat = setInterval(() => {
    renewLeases(state).then(
      () => outages.leases.succeeded(),
      (err: unknown) => outages.leases.failed(err, { generationIds: [...state.running.keys()] }),
    );
  }, heartbeatMs());
  try {
    let lastSweep = 0;
    while (!state.stopped) {
      health.beat();
      // Generations waiting behind full slots are never claimed, so their deadlines are swept here, once a second.
      if (Date.now() - lastSweep >= 1_000) {
        lastSweep = Date.now();
        await expireDeadlines().then(
          () => outages.deadlines.succeeded(),
          (err: unknown) => outages.deadlines.failed(err),
        );
      }
      const free = (pool: Pool) => poolCapacity(pool) - inPool(state, pool);
      const totalFree = POOLS.reduce((sum, pool) => sum + Math.max(0, free(pool)), 0);
      const claimed = totalFree > 0 ? await claimOrNothing(outages.claims, () => claimGenerations(state.id, leaseSeconds(), free), health.claimed) : [];
      for (const run of claimed) execute(state, run);
      // Claimed fewer than there was room for: nothing more is waiting now (a new generation or a finished run wakes us).
      if (claimed.length < totalFree || totalFree === 0) await state.sleep.sleep(await idleMs(), health);
    }
  } finally {
    clearInterval(heartbeat);
    health.stopped();
  }
}

/** How long the loop may sleep when nothing more is claimable (see the header). */
async function idleMs(): Promise<number> {
  if (!ownsEmbeddedDatabase()) return POLL_MS;
  const longest = quietMs(POLL_MS);
  try {
    const next = await nextClaimChangeAt();
    outages.nextChange.succeeded();
    // Never sooner than POLL_MS (as on PostgreSQL): a deadline already passed is swept at most once a second.
    return next ? Math.min(longest, Math.max(POLL_MS, next.getTime() - Date.now() + CLOCK_SLACK_MS)) : longest;
  } catch (err) {
    outages.nextChange.failed(err);
    return POLL_MS;
  }
}

function inPool(state: RunnerState, pool: Pool): number {
  let n = 0;
  for (const run of state.running.values()) if (run.pool.mode === pool.mode && run.pool.following === pool.following) n++;
  return n;
}

function execute(state: RunnerState, { id: generationId, pool }: Claimed): void {
  const controller = new AbortController();
  const run: Run = { controller, pool };
  state.running.set(generationId, run);
  const job = (async () => {
    let runCount = 1;
    try {
      const client = await db();
      const row = await client.generation.findUnique({ where: { id: generationId }, select: { runCount: true } });
      runCount = row?.runCount ?? 1;
      if (runCount > MAX_RUNS) {
        await failGeneration(generationId, new AppError("GENERATION_FAILED", `Gave up after ${MAX_RUNS} attempts`));
        await client.generation.updateMany({ where: { id: generationId, lockedBy: state.id }, data: { lockedBy: null, lockedUntil: null } });
        return;
      }
      const outcome = await runGeneration(
        generationId,
        dbStepRunner(generationId, () => follow(state, run)),
        controller.signal,
      );
      switch (outcome.kind) {
        case "slot_busy":
          // Waiting for the account's turn is not an attempt: hand it back and look again in a moment.
          await handBack(state, generationId, SLOT_RETRY_MS, { uncount: true });
          break;
        case "ended":
          await client.generation.updateMany({ where: { id: generationId, lockedBy: state.id }, data: { lockedBy: null, lockedUntil: null } });
          break;
      }
    } catch (error) {
      // Retried from its last finished step after a backoff (the run counts towards MAX_RUNS).
      log.warn({ err: error, generationId, runCount }, "generation run failed; it will be retried from its last finished step");
      await handBack(state, generationId, retryDelayMs(runCount));
    } finally {
      state.running.delete(generationId);
      state.sleep.wake();
    }
  })();
  state.jobs.add(job);
  void job.finally(() => state.jobs.delete(job));
}

/** Releases this runner's lease so any runner may claim the generation again after `delayMs`. */
async function handBack(state: RunnerState, generationId: string, delayMs: number, options: { uncount?: boolean } = {}): Promise<void> {
  try {
    const client = await db();
    await client.generation.updateMany({
      where: { id: generationId, lockedBy: state.id },
      data: { lockedBy: null, lockedUntil: new Date(Date.now() + delayMs), ...(options.uncount ? { runCount: { decrement: 1 } } : {}) },
    });
  } catch (err) {
    // The database is unreachable: the lease lapses instead, as after a crash.
    log.warn({ err, generationId }, "could not hand the generation back; its lease lapses instead");
  }
}

/** Extends this runner's leases, and aborts work whose generation was cancelled (possibly on another instance). */
async function renewLeases(state: RunnerState): Promise<void> {
  if (state.running.size === 0) return;
  const client = await db();
  const ids = [...state.running.keys()];
  await client.generation.updateMany({
    where: { id: { in: ids }, lockedBy: state.id },
    data: { lockedUntil: new Date(Date.now() + leaseSeconds() * 1000) },
  });
  const cancelled = await client.generation.findMany({ where: { id: { in: ids }, status: "CANCELLED" }, select: { id: true } });
  for (const { id } of cancelled) state.running.get(id)?.controller.abort(CANCELLED_BY_CLIENT);
}

/** The run now only waits on its vendor: its work slot goes to the next account in turn. */
function follow(state: RunnerState, run: Run): void {
  if (run.pool.following) return;
  run.pool = { mode: run.pool.mode, following: true };
  state.sleep.wake();
}

function dbStepRunner(generationId: string, following: () => void): StepRunner {
  return {
    following,
    async run<T>(name: string, fn: () => Promise<T>, options: StepOptions<T>): Promise<T> {
      const client = await db();
      const done = await client.generationStep.findUnique({ where: { generationId_name: { generationId, name } } });
      if (done) return readStepOutput(done, options.schema);
      const output = await fn();
      if (options.keep && !options.keep(output)) return output;
      await client.generationStep.create({ data: { generationId, name, output: (output ?? null) as Prisma.InputJsonValue } });
      return output;
    },
  };
}
