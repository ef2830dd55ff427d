import { randomUUID } from "node:crypto";
import { db } from "../db";
import { ownsEmbeddedDatabase } from "../db/embedded";
import { registerLocalRunner } from "../dispatch/local-workers";
import { env } from "../env";
import { expireDeadlines } from "../generations/expire-deadlines";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { failGeneration, runGeneration, SlotUnavailable, type StepRunner } from "../generations/run-generation";
import { PLANS } from "../limits/plans";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { reportWorker } from "../ops/worker-status";
import { CANCELLED_BY_CLIENT } from "../generations/attempt-provider";

/**
 * The default engine: runs generation workflows inside the app process, durably. A generation is claimed with
 * a lease (lockedBy/lockedUntil) kept alive by a heartbeat; if the process dies the lease lapses and any runner
 * — this one after a restart, or another instance — picks the generation up again. Finished steps are stored in
 * GenerationStep and replayed, so a crash never redoes finished work. Several instances can share one
 * PostgreSQL: claims use FOR UPDATE SKIP LOCKED.
 */
const LEASE_SECONDS = 30;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 1_000;
const MAX_RUNS = 5;
const SLOT_RETRY_MS = 1_000;
const STOP_WAIT_MS = 10_000;

/** After a failed run (storage or database trouble, a bug): 1 s, 2 s, 4 s… by run (DOITONG_RETRY_BACKOFF_MS = the first). */
function retryDelayMs(runCount: number): number {
  const base = env().DOITONG_RETRY_BACKOFF_MS;
  return Math.min(LEASE_SECONDS * 1000, (Number.isFinite(base) && base >= 0 ? base : 1_000) * 2 ** Math.max(0, runCount - 1));
}

interface RunnerState {
  id: string;
  running: Map<string, AbortController>;
  /** The runs in flight, so a stop can wait for them to hand their leases back. */
  jobs: Set<Promise<void>>;
  wake?: () => void;
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
};

export function startInProcessRunner(): void {
  if (holder.__doitongRunner) return;
  const state: RunnerState = { id: `runner_${process.pid}_${randomUUID().slice(0, 8)}`, running: new Map(), jobs: new Set(), stopped: false };
  holder.__doitongRunner = state;
  state.loop = loop(state);
}

export async function stopInProcessRunner(): Promise<void> {
  const state = holder.__doitongRunner;
  if (!state) return;
  state.stopped = true;
  state.wake?.();
  for (const controller of state.running.values()) controller.abort();
  // Aborted runs return at once and release their leases, so a restarted (or other) runner takes them over now
  // rather than after the lease lapses.
  // (At most STOP_WAIT_MS: a run that ignores its abort must not hold up the stop.)
  await Promise.race([Promise.all([state.loop, ...state.jobs]), new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  holder.__doitongRunner = undefined;
}

export function wakeRunner(): void {
  holder.__doitongRunner?.wake?.();
}

export function abortLocalJob(generationId: string): void {
  holder.__doitongRunner?.running.get(generationId)?.abort(CANCELLED_BY_CLIENT);
}

// How lib/dispatch reaches this runner without importing it (it imports lib/generations, which signals us).
registerLocalRunner({ wake: wakeRunner, abort: abortLocalJob });

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
      await idle(state, POLL_MS);
    }
  }
  const heartbeat = setInterval(() => {
    renewLeases(state).then(
      () => outages.leases.succeeded(),
      (err: unknown) => outages.leases.failed(err, { generationIds: [...state.running.keys()] }),
    );
  }, HEARTBEAT_MS);
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
      const free = env().DOITONG_RUNNER_CONCURRENCY - state.running.size;
      const claimed = free > 0 ? await claimLogged(state, free, health.claimed) : [];
      for (const id of claimed) execute(state, id);
      if (claimed.length === 0 || free - claimed.length <= 0) await idle(state, POLL_MS);
    }
  } finally {
    clearInterval(heartbeat);
    health.stopped();
  }
}

/** Sleeps until `ms` pass or the runner is woken (new work, a finished run, a stop). */
function idle(state: RunnerState, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    state.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

/** claim(), with a failure (the database unreachable) logged once per outage and treated as nothing to claim. */
async function claimLogged(state: RunnerState, limit: number, claimed: () => void): Promise<string[]> {
  try {
    const ids = await claim(state, limit);
    outages.claims.succeeded();
    claimed();
    return ids;
  } catch (err) {
    outages.claims.failed(err);
    return [];
  }
}

async function claim(state: RunnerState, limit: number): Promise<string[]> {
  const client = await db();
  // Queued generations of accounts whose parallel slots are all busy are not worth claiming (the start step
  // enforces the limit exactly; this only saves claiming work that would be handed straight back).
  const [free, starter, pro, enterprise] = (["FREE", "STARTER", "PRO", "ENTERPRISE"] as const).map((p) => PLANS[p].limits.parallel ?? 2_147_483_647);
  const rows = await client.$queryRaw<{ id: string }[]>`
    UPDATE "Generation" SET "lockedBy" = ${state.id}, "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
           "runCount" = "runCount" + 1
    WHERE id IN (
      SELECT g.id FROM "Generation" g JOIN "Account" a ON a.id = g."accountId"
      WHERE g.status IN ('QUEUED', 'PROCESSING') AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
        AND (g.status = 'PROCESSING' OR (
          SELECT count(*) FROM "Generation" r WHERE r."accountId" = g."accountId" AND r.status = 'PROCESSING'
        ) < CASE
              WHEN a."parallelLimit" = 0 THEN 2147483647
              WHEN a."parallelLimit" IS NOT NULL THEN a."parallelLimit"
              ELSE CASE a.plan WHEN 'FREE' THEN ${free}::int WHEN 'STARTER' THEN ${starter}::int WHEN 'PRO' THEN ${pro}::int ELSE ${enterprise}::int END
            END)
      ORDER BY g."createdAt" LIMIT ${limit} FOR UPDATE OF g SKIP LOCKED)
    RETURNING id`;
  return rows.map((r) => r.id);
}

function execute(state: RunnerState, generationId: string): void {
  const controller = new AbortController();
  state.running.set(generationId, controller);
  const job = (async () => {
    let runCount = 1;
    try {
      const client = await db();
      const row = await client.generation.findUnique({ where: { id: generationId }, select: { runCount: true } });
      runCount = row?.runCount ?? 1;
      if (runCount > MAX_RUNS) {
        await failGeneration(generationId, new AppError("GENERATION_FAILED", `Gave up after ${MAX_RUNS} attempts`));
      } else {
        await runGeneration(generationId, dbStepRunner(generationId), controller.signal);
      }
      await client.generation.updateMany({ where: { id: generationId, lockedBy: state.id }, data: { lockedBy: null, lockedUntil: null } });
    } catch (error) {
      if (error instanceof SlotUnavailable) {
        // Waiting for the account's turn is not an attempt: hand it back and look again in a moment.
        await handBack(state, generationId, SLOT_RETRY_MS, { uncount: true });
      } else {
        // Retried from its last finished step after a backoff (the run counts towards MAX_RUNS).
        log.warn({ err: error, generationId, runCount }, "generation run failed; it will be retried from its last finished step");
        await handBack(state, generationId, retryDelayMs(runCount));
      }
    } finally {
      state.running.delete(generationId);
      state.wake?.();
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
    data: { lockedUntil: new Date(Date.now() + LEASE_SECONDS * 1000) },
  });
  const cancelled = await client.generation.findMany({ where: { id: { in: ids }, status: "CANCELLED" }, select: { id: true } });
  for (const { id } of cancelled) state.running.get(id)?.abort(CANCELLED_BY_CLIENT);
}

function dbStepRunner(generationId: string): StepRunner {
  return {
    async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const client = await db();
      const done = await client.generationStep.findUnique({ where: { generationId_name: { generationId, name } } });
      if (done) return done.output as T;
      const output = await fn();
      await client.generationStep.create({ data: { generationId, name, output: (output ?? null) as Prisma.InputJsonValue } });
      return output;
    },
  };
}
