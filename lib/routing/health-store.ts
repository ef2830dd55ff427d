import { LRUCache } from "lru-cache";
import { redisPrefix, sharedRedis } from "../redis";
import { type CircuitRecord, type CircuitState, emptyRecord, faultRate, stateOf, withOutcome } from "./circuit";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { countVendorOutcome } from "../ops/metrics";
import { processSingleton } from "../process-singleton";
import { env } from "../env";
import { switchesNow } from "../providers/switches/switch-cache";

export interface ProviderHealth {
  state: CircuitState;
  consecutiveFaults: number;
  /** Share of vendor faults among the last calls (0–1). */
  faultRate: number;
  samples: number;
  /** When an open circuit lets a probe through (null while an operator holds it open). */
  retryAt: Date | null;
  /** An operator holds the circuit in `state` whatever the outcomes say (lib/providers/switches). */
  forced: boolean;
}

/** Where circuit records live: this process, or Redis so that every instance skips a failing vendor together. */
interface HealthStore {
  /** The records of `keys`, in their order (one round trip however many); read here less than `maxAgeMs` ago will do. */
  readMany(keys: string[], maxAgeMs?: number): Promise<CircuitRecord[]>;
  update(key: string, change: (r: CircuitRecord) => CircuitRecord): Promise<CircuitRecord>;
  /** True for exactly one caller per probe window of a half-open circuit. */
  claimProbe(key: string, ttlMs: number): Promise<boolean>;
}

class MemoryHealthStore implements HealthStore {
  private readonly records = new Map<string, CircuitRecord>();
  private readonly probes = new Map<string, number>();
  readMany(keys: string[]) {
    return Promise.resolve(keys.map((key) => this.records.get(key) ?? emptyRecord()));
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

/**
 * Compare-and-set: writes the new record only if the stored one is still the one the change was computed from.
 * Atomic in Redis, so it needs no WATCH — which would be per connection, and the connection is shared by every
 * request of the process: one caller's EXEC cleared the others' WATCH, and their stale writes went through.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1`;
const RECORD_TTL_SECONDS = 24 * 3600;
const MAX_WRITE_ATTEMPTS = 10;

/**
 * How old a record read from Redis may be when routing ranks candidates (`providerHealths(keys, { maxAgeMs })`).
 * Routing reads every candidate's health on every `generate`: that MGET was the request's second Redis round trip
 * (after the per-minute limit), and its socket write cost more than the read itself. A circuit opened or closed by
 * another instance's outcomes reaches this one's ranking within this long; this instance's own outcomes at once
 * (written through). Every other read is fresh: a provider named explicitly (throwIfCircuitOpen), the catalog's
 * `health`, the console. What stays exact: the half-open probe, claimed in Redis (claimProbe) whatever this copy
 * says, and the operators' holds, applied when health is computed.
 */
export const HEALTH_READ_MS = 1_000;

class RedisHealthStore implements HealthStore {
  /** Updates of one key from this process, one at a time: they then never race each other, only other instances. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Records as last read or written here: when (ms), and the write count then (a read that started before a write
   * must not replace what the write left).
   */
  private readonly recent = new LRUCache<string, { record: CircuitRecord; at: number; writes: number }>({ max: 10_000, ttl: HEALTH_READ_MS });
  private writes = 0;
  constructor(private readonly url: string) {}
  private key = (k: string) => `${redisPrefix()}:health:${k}`;
  async readMany(keys: string[], maxAgeMs = 0) {
    const now = Date.now();
    const known = keys.map((k) => {
      const entry = this.recent.get(k);
      return entry && now - entry.at < maxAgeMs ? entry.record : undefined;
    });
    const missing = keys.filter((_, i) => !known[i]);
    if (missing.length === 0) return known.filter((r): r is CircuitRecord => r !== undefined);
    const before = this.writes;
    const raws = await sharedRedis(this.url).mget(missing.map(this.key));
    const read = new Map(missing.map((k, i) => [k, raws[i] ? (JSON.parse(raws[i]) as CircuitRecord) : emptyRecord()]));
    for (const [k, record] of read) if ((this.recent.get(k)?.writes ?? -1) <= before) this.recent.set(k, { record, at: now, writes: before });
    return keys.map((k, i) => known[i] ?? read.get(k)!);
  }
  update(key: string, change: (r: CircuitRecord) => CircuitRecord): Promise<CircuitRecord> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const done = previous.then(
      () => this.compareAndSet(key, change),
      () => this.compareAndSet(key, change),
    );
    this.queues.set(key, done);
    // Forget the queue once it is idle; the caller gets this update's outcome, failure included, from `done`.
    const forget = () => void (this.queues.get(key) === done && this.queues.delete(key));
    done.then(forget, forget);
    return done;
  }
  /** Optimistic: retried when another instance wrote in between, so no outcome is lost between instances. */
  private async compareAndSet(key: string, change: (r: CircuitRecord) => CircuitRecord): Promise<CircuitRecord> {
    const redis = sharedRedis(this.url);
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const raw = (await redis.get(this.key(key))) ?? "";
      const next = change(raw ? (JSON.parse(raw) as CircuitRecord) : emptyRecord());
      if ((await redis.eval(COMPARE_AND_SET, 1, this.key(key), raw, JSON.stringify(next), RECORD_TTL_SECONDS)) === 1) {
        this.recent.set(key, { record: next, at: Date.now(), writes: ++this.writes });
        return next;
      }
    }
    throw new Error(`provider health ${key} kept changing under ${MAX_WRITE_ATTEMPTS} attempts to update it`);
  }
  async claimProbe(key: string, ttlMs: number) {
    return (await sharedRedis(this.url).set(`${this.key(key)}:probe`, "1", "PX", ttlMs, "NX")) === "OK";
  }
}

const store = () =>
  processSingleton<HealthStore>("health-store", () => {
    const url = env().REDIS_URL;
    return url ? new RedisHealthStore(url) : new MemoryHealthStore();
  });

const PROBE_WINDOW_MS = 60_000;
const outage = outageLog(logger("routing"), "Provider health in Redis (providers count as healthy meanwhile)");

/** A store call that cannot reach Redis is logged once per outage and answered with `fallback`. */
async function orFallback<T>(call: Promise<T>, fallback: T): Promise<T> {
  try {
    const value = await call;
    outage.succeeded();
    return value;
  } catch (err) {
    outage.failed(err);
    return fallback;
  }
}

/**
 * Provider health, keyed by provider and by who is affected: LIVE traffic shares one circuit per provider; TEST
 * traffic (fakes driven by prompt markers) gets one per account, so one developer's `[sandbox:outage]` runs cannot
 * trip anyone else's. A health store that cannot be reached counts as healthy: routing must not stop because Redis did.
 */
export function healthKey(provider: string, scope: { mode: "LIVE" | "TEST"; accountId: string }): string {
  return scope.mode === "LIVE" ? `live:${provider}` : `test:${scope.accountId}:${provider}`;
}

export async function providerHealth(key: string, now = Date.now()): Promise<ProviderHealth> {
  return (await providerHealths([key], now))[0];
}

/**
 * The health of several providers in one read (one MGET in Redis): routing ranks every capable provider of a
 * request, and reading them one after another cost a round trip each — ten for an image — on every `generate`.
 */
export async function providerHealths(keys: string[], now = Date.now(), options: { maxAgeMs?: number } = {}): Promise<ProviderHealth[]> {
  const records = await orFallback(
    store().readMany(keys, options.maxAgeMs),
    keys.map(() => emptyRecord()),
  );
  return keys.map((key, i) => healthOf(key, records[i], now));
}

function healthOf(key: string, record: CircuitRecord, now: number): ProviderHealth {
  // Outcomes are still recorded while an operator holds the circuit, so letting go shows the provider's real state.
  const override = switchesNow().circuit(providerOfKey(key));
  const state = override === "FORCED_OPEN" ? "open" : override === "FORCED_CLOSED" ? "closed" : stateOf(record, now);
  return {
    state,
    consecutiveFaults: record.consecutiveFaults,
    faultRate: faultRate(record),
    samples: record.outcomes.length,
    retryAt: state === "open" && override === "AUTO" ? new Date(record.openUntil) : null,
    forced: override !== "AUTO",
  };
}

/** The provider id a health key is about (its last part). */
const providerOfKey = (key: string) => key.slice(key.lastIndexOf(":") + 1);

export async function recordOutcome(key: string, ok: boolean): Promise<void> {
  countVendorOutcome(providerOfKey(key), key.startsWith("live:") ? "LIVE" : "TEST", ok);
  await orFallback(
    store().update(key, (r) => withOutcome(r, ok, Date.now())),
    undefined,
  );
}

/**
 * Whether a request may go to this provider now; a half-open circuit admits one probe at a time, which `claim`
 * takes (without it, half-open counts as allowed and nothing is taken: for estimates and previews). `health`: the
 * key's health as just read by the caller (routing reads every candidate's at once), instead of reading it again.
 */
export async function admit(key: string, options: { claim: boolean; health?: ProviderHealth } = { claim: true }): Promise<{ allowed: boolean; health: ProviderHealth }> {
  const health = options.health ?? (await providerHealth(key));
  if (health.state === "closed") return { allowed: true, health };
  if (health.state === "open") return { allowed: false, health };
  if (!options.claim) return { allowed: true, health };
  const allowed = await orFallback(store().claimProbe(key, PROBE_WINDOW_MS), true);
  return { allowed, health };
}
