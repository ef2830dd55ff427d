import { db } from "../db";
import type { GenerationType, KeyMode } from "../generated/prisma/client";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { processSingleton } from "../process-singleton";
import { SingleFlight } from "../single-flight";
import type { ModelSpec, Options } from "../providers/types";

/** Options that change how long a job takes; the rest (seed, prompt wording) don't. */
const TIME_SHAPING = ["model", "mode", "duration", "resolution", "quality", "count", "version"] as const;
const MIN_SAMPLES = 3;
const LOOKBACK_MS = 7 * 24 * 3600_000;
const CACHE_MS = 30_000;

interface Sample {
  provider: string;
  signature: string;
  seconds: number;
}

export interface SpeedEstimate {
  seconds: number;
  /** "history" with the sample count, or the catalog's figure when there is not enough history yet. */
  source: { kind: "history"; samples: number; sameOptions: boolean } | { kind: "catalog" };
}

export const signatureOf = (options: Options) => TIME_SHAPING.map((k) => `${k}=${options[k] ?? ""}`).join("&");

// Per process (Next.js loads this module once per bundle), read when used: a slot the domain test harness can empty.
const state = () => processSingleton("speed-tables", () => ({ tables: new Map<string, { at: number; table: SpeedTable }>(), building: new SingleFlight<SpeedTable>() }));
const cache = () => state().tables;
const building = () => state().building;
const outage = outageLog(logger("routing"), "Reading speed history (routing falls back to catalog times)");

/** Completed generations of the last week, start to result, for one type and mode. */
async function recentSamples(type: GenerationType, mode: KeyMode): Promise<Sample[]> {
  const client = await db();
  const rows = await client.generation.findMany({
    where: { type, mode, status: "COMPLETED", completedAt: { gte: new Date(Date.now() - LOOKBACK_MS) }, startedAt: { not: null } },
    select: { provider: true, appliedOptions: true, options: true, startedAt: true, completedAt: true },
    orderBy: { completedAt: "desc" },
    take: 5_000,
  });
  return rows.map((r) => ({
    provider: r.provider,
    signature: signatureOf((r.appliedOptions ?? r.options) as Options),
    seconds: (r.completedAt!.getTime() - r.startedAt!.getTime()) / 1000,
  }));
}

/**
 * The speed table of one type and mode, rebuilt from history at most every CACHE_MS (every generate plans with it).
 * One rebuild at a time per table, and an expired table keeps answering while it is rebuilt: the table is an
 * estimate, and without this every generate that came in while the week's history was being read (up to 5,000
 * rows) read it again, all at once under load.
 */
export async function speedTables(type: GenerationType, mode: KeyMode): Promise<SpeedTable> {
  const key = `${type}:${mode}`;
  const hit = cache().get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.table;
  const rebuilding = rebuild(key, type, mode);
  if (!hit) return rebuilding;
  // Nobody waits for this rebuild. A failed read cannot fail it (it becomes an empty table, logged by the outage
  // log), so this is for what nothing above foresees.
  rebuilding.catch((err: unknown) => logger("routing").warn({ err }, "Rebuilding a speed table failed: the expired one answers"));
  return hit.table;
}

function rebuild(key: string, type: GenerationType, mode: KeyMode): Promise<SpeedTable> {
  return building().run(key, undefined, async () => {
    const samples = await recentSamples(type, mode).then(
      (rows) => {
        outage.succeeded();
        return rows;
      },
      (err: unknown) => {
        outage.failed(err);
        return [];
      },
    );
    const table = new SpeedTable(samples);
    cache().set(key, { at: Date.now(), table });
    return table;
  });
}

/**
 * p50 time to result per provider and options from our own history: the same options when there are enough
 * runs, else the provider's p50 scaled by the catalog's ratio for these options, else the catalog's estimate.
 * Samples are grouped once, and each median is worked out once per table, so planning costs the same with a
 * week of history as with none.
 */
export class SpeedTable {
  private readonly byProvider = new Map<string, { seconds: number[]; bySignature: Map<string, number[]> }>();
  private readonly medians = new Map<string, number>();

  constructor(samples: Sample[]) {
    for (const s of samples) {
      let group = this.byProvider.get(s.provider);
      if (!group) this.byProvider.set(s.provider, (group = { seconds: [], bySignature: new Map() }));
      group.seconds.push(s.seconds);
      const same = group.bySignature.get(s.signature);
      if (same) same.push(s.seconds);
      else group.bySignature.set(s.signature, [s.seconds]);
    }
  }

  estimate(provider: string, model: ModelSpec, options: Options): SpeedEstimate {
    const group = this.byProvider.get(provider);
    const signature = signatureOf(options);
    const same = group?.bySignature.get(signature) ?? [];
    if (same.length >= MIN_SAMPLES) {
      return { seconds: this.median(`${provider}|${signature}`, () => same), source: { kind: "history", samples: same.length, sameOptions: true } };
    }
    const catalog = model.estimatedTime(options);
    if (group && group.seconds.length >= MIN_SAMPLES) {
      // The catalog's figure for the options these runs used, weighted by how often each was used.
      const typicalCatalog = this.median(`${provider}|catalog`, () =>
        [...group.bySignature].flatMap(([sig, runs]) => Array<number>(runs.length).fill(model.estimatedTime(parseSignature(sig)))),
      );
      const scale = typicalCatalog > 0 ? catalog / typicalCatalog : 1;
      const seconds = this.median(provider, () => group.seconds) * scale;
      return { seconds, source: { kind: "history", samples: group.seconds.length, sameOptions: false } };
    }
    return { seconds: catalog, source: { kind: "catalog" } };
  }

  /** p50 of all this provider's runs (catalog health), or null without history. */
  p50(provider: string): { seconds: number; samples: number } | null {
    const group = this.byProvider.get(provider);
    return group ? { seconds: this.median(provider, () => group.seconds), samples: group.seconds.length } : null;
  }

  private median(key: string, values: () => number[]): number {
    let value = this.medians.get(key);
    if (value === undefined) this.medians.set(key, (value = median(values())));
    return value;
  }
}

function parseSignature(signature: string): Options {
  const out: Options = {};
  for (const pair of signature.split("&")) {
    const [k, v] = pair.split("=");
    if (v) out[k] = Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Tests and benchmarks that fill history directly need fresh numbers. */
export function clearSpeedCache(): void {
  cache().clear();
}
