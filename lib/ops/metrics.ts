import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { db } from "../db";
import { embeddedRoundTrips } from "../db/embedded";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { processSingleton } from "../process-singleton";

/**
 * Prometheus metrics (prom-client), served at /api/metrics to a scraper holding DOITONG_METRICS_TOKEN. Counters
 * and histograms count what this instance did (sum them over instances); the queue and backlog gauges are read
 * from the database at scrape time, so every instance reports the same, cluster-wide, values. Labels come from
 * fixed sets (operations of our schema, provider ids, statuses), never from client input.
 */
const scrapeOutage = outageLog(logger("metrics"), "Reading the queue and webhook backlog for metrics");

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "doitong_" });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "doitong_graphql_requests_total",
      help: "GraphQL requests by operation (root fields) and outcome (ok, or the first error's code)",
      labelNames: ["operation", "outcome"] as const,
      registers,
    }),
    latency: new Histogram({
      name: "doitong_graphql_request_duration_seconds",
      help: "GraphQL request latency by operation, until the response is ready (a subscription: until it is open)",
      labelNames: ["operation"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    generations: new Counter({
      name: "doitong_generations_total",
      help: "Generations entering a status (QUEUED when accepted, then PROCESSING, COMPLETED, FAILED or CANCELLED), by provider and mode",
      labelNames: ["provider", "mode", "status"] as const,
      registers,
    }),
    vendorCalls: new Counter({
      name: "doitong_vendor_calls_total",
      help: "Vendor outcomes as the circuit breaker counts them (ok, or fault: outage, 429, 5xx, a failed job), by provider and mode",
      labelNames: ["provider", "mode", "outcome"] as const,
      registers,
    }),
    webhookLag: new Histogram({
      name: "doitong_webhook_delivery_lag_seconds",
      help: "From the event to its webhook's successful delivery (retries included)",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800, 7200, 86400],
      registers,
    }),
    queue: new Gauge({
      name: "doitong_generations_unfinished",
      help: "Generations waiting (QUEUED) or running (PROCESSING), cluster-wide",
      labelNames: ["status"] as const,
      registers,
      async collect() {
        const rows = await scrape(async () => {
          const client = await db();
          return client.generation.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "PROCESSING"] } }, _count: { _all: true } });
        });
        this.reset();
        if (!rows) return;
        for (const status of ["QUEUED", "PROCESSING"] as const) this.set({ status }, rows.find((r) => r.status === status)?._count._all ?? 0);
      },
    }),
    embeddedRoundTrips: new Counter({
      name: "doitong_embedded_database_round_trips_total",
      help: "Round trips the embedded database (PGlite) served, this process's and other processes' (0 on PostgreSQL)",
      registers,
      collect() {
        this.reset();
        this.inc(embeddedRoundTrips() ?? 0);
      },
    }),
    backlog: new Gauge({
      name: "doitong_webhook_backlog",
      help: "Webhook deliveries due now and not yet made, cluster-wide",
      registers,
      async collect() {
        const stats = await backlogForScrape();
        if (stats) this.set(stats.due);
      },
    }),
    oldestDue: new Gauge({
      name: "doitong_webhook_oldest_due_seconds",
      help: "How long the oldest due webhook delivery has been waiting (0 when none is due)",
      registers,
      async collect() {
        const stats = await backlogForScrape();
        if (stats) this.set(stats.oldestDueSeconds);
      },
    }),
  };
}

const metrics = () => processSingleton("metrics", create);

export interface WebhookBacklog {
  due: number;
  oldestDueSeconds: number;
}

/** Deliveries that are due and not made, and how long the oldest has waited (undefined: the database is down). */
export async function webhookBacklog(): Promise<WebhookBacklog | undefined> {
  return scrape(async () => {
    const client = await db();
    const now = new Date();
    const where = { status: "PENDING" as const, nextAttemptAt: { lte: now } };
    const [due, oldest] = await Promise.all([
      client.webhookDelivery.count({ where }),
      client.webhookDelivery.findFirst({ where, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
    ]);
    return { due, oldestDueSeconds: oldest?.nextAttemptAt ? Math.max(0, (now.getTime() - oldest.nextAttemptAt.getTime()) / 1000) : 0 };
  });
}

// Both backlog gauges are filled from one read per scrape.
let lastBacklog: { at: number; value: Promise<WebhookBacklog | undefined> } | undefined;
function backlogForScrape(): Promise<WebhookBacklog | undefined> {
  if (!lastBacklog || Date.now() - lastBacklog.at > 1_000) lastBacklog = { at: Date.now(), value: webhookBacklog() };
  return lastBacklog.value;
}

async function scrape<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await read();
    scrapeOutage.succeeded();
    return value;
  } catch (err) {
    scrapeOutage.failed(err);
    return undefined;
  }
}

export function observeGraphqlRequest(operation: string, outcome: string, seconds: number): void {
  metrics().requests.inc({ operation, outcome });
  metrics().latency.observe({ operation }, seconds);
}

export function countGenerationStatus(provider: string, mode: string, status: string): void {
  metrics().generations.inc({ provider, mode, status });
}

export function countVendorOutcome(provider: string, mode: string, ok: boolean): void {
  metrics().vendorCalls.inc({ provider, mode, outcome: ok ? "ok" : "fault" });
}

export function observeWebhookDelivered(lagSeconds: number): void {
  metrics().webhookLag.observe(lagSeconds);
}

/** The exposition text for a scrape. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
