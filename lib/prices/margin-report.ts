import { db } from "../db";
import type { GenerationType } from "../generated/prisma/client";

/** Revenue, vendor cost and margin of one group of completed live generations. */
export interface MarginLine {
  generations: number;
  /** Credits charged (a completed generation's creditCost is what its ledger charged). */
  revenue: number;
  /** US cents, the sum of the generations' recorded vendor costs. */
  vendorCost: number;
  /** revenue − vendorCost, both counted in cents (1 credit is priced as US$0.01 by the price lists). */
  margin: number;
  /** Generations accepted before vendor costs were recorded (issue 21): their cost is unknown, counted as 0. */
  withoutCost: number;
}

export interface MarginRow extends MarginLine {
  day: string;
  providerId: string;
  type: GenerationType;
}

export interface MarginReport {
  from: Date;
  to: Date;
  byDay: (MarginLine & { day: string })[];
  byProvider: (MarginLine & { providerId: string })[];
  byModel: (MarginLine & { providerId: string; type: GenerationType })[];
  /** Every (day, provider, model) group: the others are sums of these. */
  rows: MarginRow[];
  totals: MarginLine;
  /** Models whose revenue in the period was below their vendor cost. */
  belowCost: { providerId: string; type: GenerationType; margin: number }[];
}

/** Vendor costs are DECIMAL(14,4): summed as integers of 1/10,000 cent, so the totals are exact. */
const SCALE = 10_000;

interface Group {
  generations: number;
  revenue: number;
  cost: number;
  withoutCost: number;
}

const line = (g: Group): MarginLine => ({
  generations: g.generations,
  revenue: g.revenue,
  vendorCost: g.cost / SCALE,
  margin: (g.revenue * SCALE - g.cost) / SCALE,
  withoutCost: g.withoutCost,
});

function add(map: Map<string, Group>, key: string, g: Group) {
  const sum = map.get(key) ?? { generations: 0, revenue: 0, cost: 0, withoutCost: 0 };
  map.set(key, { generations: sum.generations + g.generations, revenue: sum.revenue + g.revenue, cost: sum.cost + g.cost, withoutCost: sum.withoutCost + g.withoutCost });
}

/**
 * Revenue, vendor cost and margin of the live generations completed in [from, to), by UTC day, provider and model
 * (provider and type: one price list). TEST generations spend nothing and cost nothing, so they are left out.
 */
export async function marginReport(range: { from: Date; to: Date }): Promise<MarginReport> {
  const client = await db();
  const raw = await client.$queryRaw<
    { day: string; provider: string; type: GenerationType; n: bigint | number; revenue: bigint | number | null; cost: string | number | null; without: bigint | number }[]
  >`
    SELECT to_char(date_trunc('day', "completedAt"), 'YYYY-MM-DD') AS day, "provider", "type"::text AS type,
           count(*) AS n, sum("creditCost") AS revenue, sum("vendorCost")::text AS cost,
           count(*) FILTER (WHERE "vendorCost" IS NULL) AS without
    FROM "Generation"
    WHERE "status" = 'COMPLETED' AND "mode" = 'LIVE' AND "completedAt" >= ${range.from} AND "completedAt" < ${range.to}
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  const days = new Map<string, Group>();
  const providers = new Map<string, Group>();
  const models = new Map<string, Group>();
  const total = new Map<string, Group>();
  const rows: MarginRow[] = raw.map((r) => {
    const g: Group = { generations: Number(r.n), revenue: Number(r.revenue ?? 0), cost: Math.round(Number(r.cost ?? 0) * SCALE), withoutCost: Number(r.without) };
    add(days, r.day, g);
    add(providers, r.provider, g);
    add(models, `${r.provider}\u0000${r.type}`, g);
    add(total, "", g);
    return { day: r.day, providerId: r.provider, type: r.type, ...line(g) };
  });
  const byModel = [...models].map(([key, g]) => {
    const [providerId, type] = key.split("\u0000") as [string, GenerationType];
    return { providerId, type, ...line(g) };
  });
  return {
    from: range.from,
    to: range.to,
    rows,
    byDay: [...days].map(([day, g]) => ({ day, ...line(g) })),
    byProvider: [...providers].map(([providerId, g]) => ({ providerId, ...line(g) })).sort((a, b) => b.revenue - a.revenue),
    byModel: byModel.sort((a, b) => a.margin - b.margin),
    totals: line(total.get("") ?? { generations: 0, revenue: 0, cost: 0, withoutCost: 0 }),
    belowCost: byModel.filter((m) => m.margin < 0).map(({ providerId, type, margin }) => ({ providerId, type, margin })),
  };
}
