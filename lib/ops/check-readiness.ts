import { db } from "../db";
import { env, runnerKind } from "../env";
import { sharedRedis } from "../redis";
import { webhookBacklog, type WebhookBacklog } from "./metrics";
import { workerStatuses, type WorkerStatus } from "./worker-status";

/**
 * /api/ready: can this instance do its work now? Not ready (503) when the database does not answer, or a worker of
 * this process has stopped beating or has failed to claim work for a while — a load balancer should send
 * traffic elsewhere and an orchestrator may restart it. Redis down is reported but keeps the instance ready:
 * limits then count per instance (see lib/limits/limiter.ts) and routing treats providers as healthy, so taking
 * every instance out of service for it would be worse. The webhook backlog is reported for dashboards and alerts.
 */
const CHECK_TIMEOUT_MS = 2_000;
/** A worker loop passes at least once a second; this long without a pass means it is stuck. */
const STALE_BEAT_MS = 15_000;
/** Claims failing this long (the database unreachable from the worker) make the instance not ready. */
const FAILING_CLAIMS_MS = 10_000;

/** The answer is public: a failure says only whether it timed out; the details are in the workers' logs. */
export type CheckResult = { ok: true; ms: number } | { ok: false; ms: number; error: "timeout" | "failed" };

export interface Readiness {
  status: "ready" | "degraded" | "not_ready";
  checks: {
    database: CheckResult;
    redis: CheckResult | "not configured";
    workers: (WorkerStatus & { ok: boolean; problem?: string })[];
    webhookBacklog: WebhookBacklog | "unknown";
  };
}

export async function checkReadiness(now = Date.now()): Promise<Readiness> {
  const redisUrl = env().REDIS_URL;
  const [database, redis, backlog] = await Promise.all([
    timed(async () => void (await (await db()).$queryRaw`SELECT 1`)),
    redisUrl ? timed(async () => void (await sharedRedis(redisUrl).ping())) : ("not configured" as const),
    webhookBacklog(),
  ]);
  const workers = runnerKind() === "in-process" ? workerStatuses().map((w) => ({ ...w, ...workerProblem(w, now) })) : [];
  const ready = database.ok && workers.every((w) => w.ok);
  const degraded = redis !== "not configured" && !redis.ok;
  return {
    status: !ready ? "not_ready" : degraded ? "degraded" : "ready",
    checks: { database, redis, workers, webhookBacklog: backlog ?? "unknown" },
  };
}

function workerProblem(w: WorkerStatus, now: number): { ok: boolean; problem?: string } {
  // A loop asleep (until work wakes it, or its sleep ends) is not stuck; one that overslept its sleep, or whose
  // pass takes this long, is.
  const expected = Math.max(w.lastBeatAt.getTime(), w.sleepsUntil?.getTime() ?? 0);
  if (now - expected > STALE_BEAT_MS) return { ok: false, problem: `no pass of its loop for ${Math.round((now - w.lastBeatAt.getTime()) / 1000)} s` };
  if (w.claimsFailingSince && now - w.claimsFailingSince.getTime() > FAILING_CLAIMS_MS) {
    return { ok: false, problem: `claims failing since ${w.claimsFailingSince.toISOString()}` };
  }
  return { ok: true };
}

async function timed(check: () => Promise<void>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), CHECK_TIMEOUT_MS)));
    const outcome = await Promise.race([check(), timeout]);
    if (outcome === "timeout") return { ok: false, ms: Date.now() - started, error: "timeout" };
    return { ok: true, ms: Date.now() - started };
  } catch {
    // A readiness probe fails while something is down: what failed is the answer, and the loops log the cause.
    return { ok: false, ms: Date.now() - started, error: "failed" };
  } finally {
    clearTimeout(timer);
  }
}
