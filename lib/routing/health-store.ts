import { redisPrefix, sharedRedis } from "../redis";
import { type CircuitRecord, type CircuitState, emptyRecord, faultRate, stateOf, withOutcome } from "./circuit";
import { processSingleton } from "../process-singleton";

export interface ProviderHealth {
  state: CircuitState;
  consecutiveFaults: number;
  /** Share of vendor faults among the last calls (0–1). */
  faultRate: number;
  samples: number;
  /** When an open circuit lets a probe through. */
  retryAt: Date | null;
}

/** Where circuit records live: this process, or Redis so that every instance skips a failing vendor together. */
interface HealthStore {
  read(key: string): Promise<CircuitRecord>;
  update(key: string, change: (r: CircuitRecord) => CircuitRecord): Promise<CircuitRecord>;
  /** True for exactly one caller per probe window of a half-open circuit. */
  claimProbe(key: string, ttlMs: number): Promise<boolean>;
}

class MemoryHealthStore implements HealthStore {
  private readonly records = new Map<string, CircuitRecord>();
  private readonly probes = new Map<string, number>();
  read(key: string) {
    return Promise.resolve(this.records.get(key) ?? emptyRecord());
  }
  update(key: string, change: (r: CircuitRecord) => CircuitRecord) {
    const next = change(this.records.get(key) ?? emptyRecord());
    this.records.set(key, next);
    return Promise.resolve(next);
  }
  claimProbe(key: string, ttlMs: number) {
    const now = Date.now();
    if ((this.probes.get(key) ?? 0) > now) return Promise.resolve(false);
    this.probes.set(key, now + ttlMs);
    return Promise.resolve(true);
  }
}

class RedisHealthStore implements HealthStore {
  constructor(private readonly url: string) {}
  private key = (k: string) => `${redisPrefix()}:health:${k}`;
  async read(key: string) {
    const raw = await sharedRedis(this.url).get(this.key(key));
    return raw ? (JSON.parse(raw) as CircuitRecord) : emptyRecord();
  }
  async update(key: string, change: (r: CircuitRecord) => CircuitRecord) {
    // Optimistic: WATCH the record and retry on a concurrent write, so no outcome is lost between instances.
    const redis = sharedRedis(this.url);
    for (let attempt = 0; attempt < 5; attempt++) {
      await redis.watch(this.key(key));
      const current = await this.read(key);
      const next = change(current);
      const done = await redis.multi().set(this.key(key), JSON.stringify(next), "EX", 24 * 3600).exec();
      if (done) return next;
    }
    return this.read(key);
  }
  async claimProbe(key: string, ttlMs: number) {
    return (await sharedRedis(this.url).set(`${this.key(key)}:probe`, "1", "PX", ttlMs, "NX")) === "OK";
  }
}

const store = () => processSingleton<HealthStore>("health-store", () => (process.env.REDIS_URL ? new RedisHealthStore(process.env.REDIS_URL) : new MemoryHealthStore()));

const PROBE_WINDOW_MS = 60_000;

/**
 * Provider health, keyed by provider and by who is affected: LIVE traffic shares one circuit per provider; TEST
 * traffic (fakes driven by prompt markers) gets one per account, so one developer's `[sandbox:outage]` runs cannot
 * trip anyone else's. A health store that cannot be reached counts as healthy: routing must not stop because Redis did.
 */
export function healthKey(provider: string, scope: { mode: "LIVE" | "TEST"; accountId: string }): string {
  return scope.mode === "LIVE" ? `live:${provider}` : `test:${scope.accountId}:${provider}`;
}

export async function providerHealth(key: string, now = Date.now()): Promise<ProviderHealth> {
  const record = await store().read(key).catch(() => emptyRecord());
  const state = stateOf(record, now);
  return {
    state,
    consecutiveFaults: record.consecutiveFaults,
    faultRate: faultRate(record),
    samples: record.outcomes.length,
    retryAt: state === "open" ? new Date(record.openUntil) : null,
  };
}

export async function recordOutcome(key: string, ok: boolean): Promise<void> {
  await store()
    .update(key, (r) => withOutcome(r, ok, Date.now()))
    .catch(() => undefined);
}

/**
 * Whether a request may go to this provider now; a half-open circuit admits one probe at a time, which `claim`
 * takes (without it, half-open counts as allowed and nothing is taken: for estimates and previews).
 */
export async function admit(key: string, options: { claim: boolean } = { claim: true }): Promise<{ allowed: boolean; health: ProviderHealth }> {
  const health = await providerHealth(key);
  if (health.state === "closed") return { allowed: true, health };
  if (health.state === "open") return { allowed: false, health };
  if (!options.claim) return { allowed: true, health };
  const allowed = await store()
    .claimProbe(key, PROBE_WINDOW_MS)
    .catch(() => true);
  return { allowed, health };
}
