import { db } from "../db";
import type { GenerationType } from "../generated/prisma/client";

/** Revenue, vendor cost and margin of one group of completed live generations. */
export interface MarginLine {
  generations: number;
  /** Credits the generations' ledger entries took: reserved, less what was released (undelivered outputs, a cheaper fallback). */
  charged: number;
  /** Credits given back afterwards (the operator's refund: an ADJUSTMENT entry tied to the generation). */
  refunded: number;
  /** charged − refunded: what the customers paid in the end, i.e. −(the sum of the generations' ledger amounts). */
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
  charged: number;
  refunded: number;
  cost: number;
  withoutCost: number;
}

const EMPTY: Group = { generations: 0, charged: 0, refunded: 0, cost: 0, withoutCost: 0 };

const line = (g: Group): MarginLine => {
  const revenue = g.charged - g.refunded;
  return {
    generations: g.generations,
    charged: g.charged,
    refunded: g.refunded,
    revenue,
    vendorCost: g.cost / SCALE,
    margin: (revenue * SCALE - g.cost) / SCALE,
    withoutCost: g.withoutCost,
  };
};

function add(map: Map<string, Group>, key: string, g: Group) {
  const sum = map.get(key) ?? EMPTY;
  map.set(key, {
    generations: sum.generations + g.generations,
    charged: sum.charged + g.charged,
    refunded: sum.refunded + g.refunded,
    cost: sum.cost + g.cost,
    withoutCost: sum.withoutCost + g.withoutCost,
  });
}

/**
 * Revenue, vendor cost and margin of the live generations completed in [from, to), by UTC day, provider and model
 * (provider and type: one price list). TEST generations spend nothing and cost nothing, so they are left out.
 *
 * Revenue comes from the ledger, not from creditCost: a generation's entries (RESERVE, CHARGE, RELEASE, and an
 * operator's refund as ADJUSTMENT) add up to what it finally took, so a refunded generation earns nothing while its
 * vendor cost stays. A refund counts against the generation's own day and model, whenever it was made: the view
 * answers "what did these generations earn", and a model refunded into a loss shows below cost.
 */
export async function marginReport(range: { from: Date; to: Date }): Promise<MarginReport> {
  const client = await db();
  const raw = await client.$queryRaw<
    {
      day: string;
      provider: string;
      type: GenerationType;
      n: bigint | number;
      charged: bigint | number | null;
      refunded: bigint | number | null;
      cost: string | number | null;
      without: bigint | number;
    }[]
  >`
    SELECT to_char(date_trunc('day', g."completedAt"), 'YYYY-MM-DD') AS day, g."provider", g."type"::text AS type,
           count(*) AS n, sum(l.charged) AS charged, sum(l.refunded) AS refunded, sum(g."vendorCost")::text AS cost,
           count(*) FILTER (WHERE g."vendorCost" IS NULL) AS without
    FROM "Generation" g
    CROSS JOIN LATERAL (
      SELECT -coalesce(sum("amount") FILTER (WHERE "kind" IN ('RESERVE', 'CHARGE', 'RELEASE')), 0) AS charged,
             coalesce(sum("amount") FILTER (WHERE "kind" = 'ADJUSTMENT'), 0) AS refunded
      FROM "CreditLedgerEntry" WHERE "generationId" = g."id"
    ) l
    WHERE g."status" = 'COMPLETED' AND g."mode" = 'LIVE' AND g."completedAt" >= ${range.from} AND g."completedAt" < ${range.to}
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  const days = new Map<string, Group>();
  const providers = new Map<string, Group>();
  const models = new Map<string, Group>();
  const total = new Map<string, Group>();
  const rows: MarginRow[] = raw.map((r) => {
    const g: Group = {
      generations: Number(r.n),
      charged: Number(r.charged ?? 0),
      refunded: Number(r.refunded ?? 0),
      cost: Math.round(Number(r.cost ?? 0) * SCALE),
      withoutCost: Number(r.without),
    };
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
    totals: line(total.get("") ?? EMPTY),
    belowCost: byModel.filter((m) => m.margin < 0).map(({ providerId, type, margin }) => ({ providerId, type, margin })),
  };
}
