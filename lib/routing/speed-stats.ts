import { db } from "../db";
import type { GenerationType, KeyMode } from "../generated/prisma/client";
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

const cache = new Map<string, { at: number; samples: Sample[] }>();

/** Completed generations of the last week, start to result, for one type and mode (cached briefly). */
async function recentSamples(type: GenerationType, mode: KeyMode): Promise<Sample[]> {
  const key = `${type}:${mode}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.samples;
  const client = await db();
  const rows = await client.generation.findMany({
    where: { type, mode, status: "COMPLETED", completedAt: { gte: new Date(Date.now() - LOOKBACK_MS) }, startedAt: { not: null } },
    select: { provider: true, appliedOptions: true, options: true, startedAt: true, completedAt: true },
    orderBy: { completedAt: "desc" },
    take: 5_000,
  });
  const samples = rows.map((r) => ({
    provider: r.provider,
    signature: signatureOf((r.appliedOptions ?? r.options) as Options),
    seconds: (r.completedAt!.getTime() - r.startedAt!.getTime()) / 1000,
  }));
  cache.set(key, { at: Date.now(), samples });
  return samples;
}

export async function speedTables(type: GenerationType, mode: KeyMode): Promise<SpeedTable> {
  return new SpeedTable(await recentSamples(type, mode).catch(() => []));
}

/**
 * p50 time to result per provider and options from our own history: the same options when there are enough
 * runs, else the provider's p50 scaled by the catalog's ratio for these options, else the catalog's estimate.
 */
export class SpeedTable {
  constructor(private readonly samples: Sample[]) {}

  estimate(provider: string, model: ModelSpec, options: Options): SpeedEstimate {
    const mine = this.samples.filter((s) => s.provider === provider);
    const same = mine.filter((s) => s.signature === signatureOf(options));
    if (same.length >= MIN_SAMPLES) return { seconds: median(same.map((s) => s.seconds)), source: { kind: "history", samples: same.length, sameOptions: true } };
    const catalog = model.estimatedTime(options);
    if (mine.length >= MIN_SAMPLES) {
      const typicalCatalog = median(mine.map((s) => model.estimatedTime(parseSignature(s.signature))));
      const scale = typicalCatalog > 0 ? catalog / typicalCatalog : 1;
      return { seconds: median(mine.map((s) => s.seconds)) * scale, source: { kind: "history", samples: mine.length, sameOptions: false } };
    }
    return { seconds: catalog, source: { kind: "catalog" } };
  }

  /** p50 of all this provider's runs (catalog health), or null without history. */
  p50(provider: string): { seconds: number; samples: number } | null {
    const mine = this.samples.filter((s) => s.provider === provider).map((s) => s.seconds);
    return mine.length ? { seconds: median(mine), samples: mine.length } : null;
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
  cache.clear();
}
