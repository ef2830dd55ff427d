import { type Caller, modeScope } from "../auth/caller";
import { requireKeyScope } from "../auth/key-scopes";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { GenerationStatus, GenerationType, KeyMode } from "../generated/prisma/client";
import { findProvider } from "../providers/catalog";
import { chosenModel } from "../providers/lineup";
import type { Options } from "../providers/types";

export const USAGE_GROUPS = ["DAY", "PROVIDER", "MODEL", "TYPE", "KEY", "MEMBER"] as const;
export type UsageGroupBy = (typeof USAGE_GROUPS)[number];

/** One group of generations created in the period. */
export interface UsageRow {
  /**
   * The group's value: a UTC date (YYYY-MM-DD), provider id, model id, type, key id ("dashboard" for none), or the
   * member's user id ("unknown" for work nobody can be named for: keys made by the admin command, older work).
   */
  group: string;
  /** What a person reads: the key's name, the provider's name, the member's email…; the value itself when it has no other. */
  label: string;
  generations: number;
  /** Files delivered. */
  outputs: number;
  /** Credits spent, from the ledger: reserved, less what was released or refunded (held credits included). */
  credits: number;
  /** Seconds of audio and video delivered. */
  outputSeconds: number;
  /** Megapixels of images delivered. */
  outputMegapixels: number;
  /** Failed among those that finished (completed or failed); 0 when none finished. */
  failureRate: number;
  /** Median seconds from start to result of the completed ones; null when none completed. */
  p50Seconds: number | null;
}

export interface UsageReport {
  from: Date;
  to: Date;
  groupBy: UsageGroupBy;
  rows: UsageRow[];
  totals: UsageRow;
}

/** The longest period one report covers: a year of days is still a small answer. */
const MAX_DAYS = 366;

interface GenerationUsage {
  createdAt: Date;
  provider: string;
  type: GenerationType;
  apiKeyId: string | null;
  keyName: string | null;
  memberId: string | null;
  memberEmail: string | null;
  status: GenerationStatus;
  appliedOptions: unknown;
  credits: bigint | number | null;
  outputs: bigint | number;
  seconds: number | null;
  megapixels: number | null;
  elapsed: number | null;
}

/**
 * The caller's usage of [from, to) grouped by day, provider, model, type or key: one statement reads each
 * generation created in the period with its net ledger amount and its outputs' measured sizes, and the groups are
 * summed here (a model is known from the catalog and the options the generation ran with). A member's work is what
 * they made signed in (Generation.userId) and what was made with the keys they created (ApiKey.createdById); a
 * removed member's rows stay, under their email. A test key sees its own mode's work, which spends nothing; live
 * keys and the dashboard see live work.
 */
export async function getUsage(caller: Caller, args: { from: Date; to: Date; groupBy: UsageGroupBy }): Promise<UsageReport> {
  requireKeyScope(caller, "read");
  const { from, to, groupBy } = args;
  if (!(from < to)) throw invalidInput("to", "`to` must be after `from`");
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw invalidInput("from", `A usage report covers at most ${MAX_DAYS} days`);
  if (!USAGE_GROUPS.includes(groupBy)) throw invalidInput("groupBy", `groupBy is one of ${USAGE_GROUPS.join(", ")}`);
  const mode: KeyMode = modeScope(caller).mode ?? "LIVE";
  const client = await db();
  const rows = await client.$queryRaw<GenerationUsage[]>`
    SELECT g."createdAt", g.provider, g.type::text AS type, g."apiKeyId", k.name AS "keyName",
      COALESCE(g."userId", k."createdById") AS "memberId", u.email AS "memberEmail", g.status::text AS status, g."appliedOptions",
      (SELECT -SUM(l.amount) FROM "CreditLedgerEntry" l WHERE l."generationId" = g.id AND l.kind IN ('RESERVE', 'CHARGE', 'RELEASE')) AS credits,
      (SELECT count(*) FROM "GenerationOutput" o WHERE o."generationId" = g.id) AS outputs,
      (SELECT SUM((o.metadata->>'duration')::float8) FROM "GenerationOutput" o WHERE o."generationId" = g.id AND o.metadata->>'duration' IS NOT NULL) AS seconds,
      (SELECT SUM((o.metadata->>'width')::float8 * (o.metadata->>'height')::float8) / 1000000 FROM "GenerationOutput" o
        WHERE o."generationId" = g.id AND g.type = 'IMAGE' AND o.metadata->>'width' IS NOT NULL AND o.metadata->>'height' IS NOT NULL) AS megapixels,
      CASE WHEN g.status = 'COMPLETED' AND g."startedAt" IS NOT NULL THEN EXTRACT(EPOCH FROM (g."completedAt" - g."startedAt"))::float8 END AS elapsed
    FROM "Generation" g LEFT JOIN "ApiKey" k ON k.id = g."apiKeyId" LEFT JOIN "User" u ON u.id = COALESCE(g."userId", k."createdById")
    WHERE g."accountId" = ${caller.accountId} AND g.mode = ${mode}::"KeyMode" AND g."createdAt" >= ${from} AND g."createdAt" < ${to}`;

  const groups = new Map<string, { label: string; items: GenerationUsage[] }>();
  for (const row of rows) {
    const [group, label] = groupOf(row, groupBy);
    const entry = groups.get(group) ?? { label, items: [] };
    entry.items.push(row);
    groups.set(group, entry);
  }
  const summed = [...groups].map(([group, { label, items }]) => summarise(group, label, items));
  summed.sort((a, b) => (groupBy === "DAY" ? a.group.localeCompare(b.group) : b.credits - a.credits || a.group.localeCompare(b.group)));
  return { from, to, groupBy, rows: summed, totals: summarise("total", "total", rows) };
}

function groupOf(row: GenerationUsage, groupBy: UsageGroupBy): [string, string] {
  switch (groupBy) {
    case "DAY": {
      const day = row.createdAt.toISOString().slice(0, 10);
      return [day, day];
    }
    case "PROVIDER":
      return [row.provider, findProvider(row.provider)?.name ?? row.provider];
    case "MODEL": {
      const spec = findProvider(row.provider)?.models[row.type];
      const model = spec ? chosenModel(spec, (row.appliedOptions ?? {}) as Options).id : row.provider;
      return [model, model];
    }
    case "TYPE":
      return [row.type, row.type];
    case "KEY":
      return row.apiKeyId ? [row.apiKeyId, row.keyName ?? row.apiKeyId] : ["dashboard", "dashboard"];
    case "MEMBER":
      return row.memberId ? [row.memberId, row.memberEmail ?? row.memberId] : ["unknown", "unknown"];
  }
}

function summarise(group: string, label: string, items: GenerationUsage[]): UsageRow {
  const finished = items.filter((i) => i.status === "COMPLETED" || i.status === "FAILED");
  const failed = finished.filter((i) => i.status === "FAILED").length;
  const times = items
    .map((i) => i.elapsed)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  return {
    group,
    label,
    generations: items.length,
    outputs: items.reduce((sum, i) => sum + Number(i.outputs), 0),
    credits: items.reduce((sum, i) => sum + Number(i.credits ?? 0), 0),
    outputSeconds: round(items.reduce((sum, i) => sum + (i.seconds ?? 0), 0)),
    outputMegapixels: round(items.reduce((sum, i) => sum + (i.megapixels ?? 0), 0)),
    failureRate: finished.length === 0 ? 0 : round(failed / finished.length, 4),
    p50Seconds: times.length === 0 ? null : round(median(times)),
  };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
