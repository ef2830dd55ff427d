import { db } from "../db";
import { env, runnerKind } from "../env";
import { type RecentError, recentErrors, thisInstance } from "../recent-errors";
import { checkReadiness, type Readiness } from "./check-readiness";

/** How far back the failing webhook endpoints look. */
export const FAILING_WINDOW_HOURS = 24;
const FAILING_SHOWN = 10;

export interface QueueStatus {
  /** What works this queue off: the generation runner (in-process or Inngest) or the webhook dispatcher. */
  runner: "generations" | "webhooks";
  engine: string;
  /** Waiting now: QUEUED generations, or webhook deliveries that are due. */
  depth: number;
  /** How long the one waiting longest has waited, in seconds (0 when none). */
  oldestSeconds: number;
  /** Being worked on now (PROCESSING generations; webhook deliveries held by a dispatcher). */
  inProgress: number;
}

export interface FailingEndpoint {
  url: string;
  accountId: string;
  endpointId: string | null;
  /** Deliveries that failed for good, or are waiting for a retry after a failed attempt. */
  failing: number;
  lastStatus: number | null;
  lastAt: Date;
  disabledReason: string | null;
}

export interface SystemStatus {
  instance: { host: string; pid: number };
  readiness: Readiness;
  queues: QueueStatus[];
  failingEndpoints: FailingEndpoint[];
  recentErrors: RecentError[];
  /** Optional services: configured or not (their reachability is in readiness where a check exists). */
  services: { name: "redis" | "storage" | "mail" | "payments"; configured: boolean }[];
}

/**
 * The operators' system page: readiness of every dependency (check-readiness.ts, as /api/ready answers it), the
 * generation queue and the webhook outbox (cluster-wide, from the database), the endpoints whose deliveries
 * fail, and this instance's last internal errors (lib/recent-errors.ts).
 */
export async function systemStatus(now = new Date()): Promise<SystemStatus> {
  const client = await db();
  const since = new Date(now.getTime() - FAILING_WINDOW_HOURS * 3600_000);
  const dueWhere = { status: "PENDING" as const, nextAttemptAt: { lte: now } };
  const [readiness, queued, oldestQueued, processing, due, oldestDue, held, failing] = await Promise.all([
    checkReadiness(now.getTime()),
    client.generation.count({ where: { status: "QUEUED" } }),
    client.generation.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    client.generation.count({ where: { status: "PROCESSING" } }),
    client.webhookDelivery.count({ where: dueWhere }),
    client.webhookDelivery.findFirst({ where: dueWhere, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
    client.webhookDelivery.count({ where: { status: "PENDING", lockedUntil: { gt: now } } }),
    client.webhookDelivery.groupBy({
      by: ["url", "accountId", "endpointId"],
      where: { updatedAt: { gte: since }, OR: [{ status: "FAILED" }, { status: "PENDING", attemptCount: { gt: 0 } }] },
      _count: { _all: true },
      _max: { updatedAt: true, lastStatus: true },
      orderBy: { _count: { url: "desc" } },
      take: FAILING_SHOWN,
    }),
  ]);
  const endpointIds = failing.map((f) => f.endpointId).filter((id): id is string => id !== null);
  const endpoints = await client.webhookEndpoint.findMany({ where: { id: { in: endpointIds } }, select: { id: true, disabledReason: true, enabled: true } });
  const age = (d: Date | null | undefined) => (d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : 0);
  const e = env();
  return {
    instance: thisInstance(),
    readiness,
    queues: [
      { runner: "generations", engine: runnerKind(), depth: queued, oldestSeconds: age(oldestQueued?.createdAt), inProgress: processing },
      { runner: "webhooks", engine: runnerKind() === "in-process" ? "in-process" : "off", depth: due, oldestSeconds: age(oldestDue?.nextAttemptAt), inProgress: held },
    ],
    failingEndpoints: failing.map((f) => {
      const endpoint = endpoints.find((x) => x.id === f.endpointId);
      return {
        url: f.url,
        accountId: f.accountId,
        endpointId: f.endpointId,
        failing: f._count._all,
        lastStatus: f._max.lastStatus,
        lastAt: f._max.updatedAt ?? now,
        disabledReason: endpoint && !endpoint.enabled ? (endpoint.disabledReason ?? "") : null,
      };
    }),
    recentErrors: recentErrors(),
    services: [
      { name: "redis", configured: Boolean(e.REDIS_URL) },
      { name: "storage", configured: Boolean(e.S3_BUCKET) },
      { name: "mail", configured: Boolean(e.SMTP_URL) },
      { name: "payments", configured: Boolean(e.STRIPE_SECRET_KEY) },
    ],
  };
}
