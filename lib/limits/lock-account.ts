import { notFound } from "../errors";
import { type Plan, Prisma } from "../generated/prisma/client";
import { effectiveLimits, type LimitedAccount } from "./account-limits";
import type { PlanLimits } from "./plans";

/**
 * Lock order: every transaction that changes both an account and one of its generations locks the ACCOUNT row
 * first (this function or lockAccountLimits), then the generation. Taking them the other way round somewhere
 * lets two transactions wait on each other (PostgreSQL aborts one as a deadlock).
 */
export async function lockAccount(tx: Prisma.TransactionClient, accountId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
}

/**
 * Locks the account row for the rest of the transaction and returns its current limits. Everything that must
 * count-then-act for one account (day limit, queue bound, parallel slots) does it under this lock, so concurrent
 * requests — on any number of instances — are counted one after another.
 */
export async function lockAccountLimits(tx: Prisma.TransactionClient, accountId: string): Promise<PlanLimits> {
  const rows = await tx.$queryRaw<LimitedAccount[]>`
    SELECT plan, "rpmLimit", "parallelLimit", "dailyLimit" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
  if (!rows[0]) throw notFound("Account", accountId);
  return effectiveLimits(rows[0]);
}

/** What an admission reads with the account's lock (lockAccountForAdmission). */
export interface AdmissionLock {
  limits: PlanLimits;
  creditBalance: number;
  lowBalanceThreshold: number | null;
  plan: Plan;
  retentionSeconds: number | null;
  /** The account row's counts, as the lock found them: today's generations and those queued or running. */
  counts: AdmissionCounts;
}

/** What the day limit and the queue bound are judged against. */
export interface AdmissionCounts {
  /** Created since 00:00 UTC, whatever became of them (Account.generationsToday). */
  today: number;
  /** QUEUED or PROCESSING (Account.activeGenerations, or an exact recount: recountActiveSql). */
  active: number;
}

export type AdmissionLockRow = LimitedAccount & {
  creditBalance: number;
  lowBalanceThreshold: number | null;
  retentionSeconds: number | null;
  today: number;
  activeGenerations: number;
};

/**
 * lockAccountLimits, plus the balance (as of the lock) for reserving credits in the same transaction, the
 * low-balance alert threshold, the plan and workspace retention default a generation's retention comes from, and
 * the counts the day limit and the queue bound are judged against. The row keeps them (the statement inserting
 * generations raises both; a trigger lowers the second when a generation leaves QUEUED/PROCESSING, migration
 * 20261207160000), so no generation is counted here: a statement that locks a row reads the version left by whoever
 * held the lock before.
 */
export async function lockAccountForAdmission(tx: Prisma.TransactionClient, accountId: string): Promise<AdmissionLock> {
  return toAdmissionLock(await tx.$queryRaw<AdmissionLockRow[]>(lockAccountForAdmissionSql(accountId)), accountId);
}

/** lockAccountForAdmission's statement, for a caller that sends it on its own connection (admit-directly.ts). */
export function lockAccountForAdmissionSql(accountId: string, now = new Date()): Prisma.Sql {
  return Prisma.sql`
    SELECT plan, "rpmLimit", "parallelLimit", "dailyLimit", "creditBalance", "lowBalanceThreshold", "retentionSeconds",
      ${generationsTodaySql(now)} AS today, "activeGenerations"
    FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
}

export function toAdmissionLock(rows: AdmissionLockRow[], accountId: string): AdmissionLock {
  if (!rows[0]) throw notFound("Account", accountId);
  const { creditBalance, lowBalanceThreshold, plan, retentionSeconds, today, activeGenerations } = rows[0];
  return {
    limits: effectiveLimits(rows[0]),
    creditBalance,
    lowBalanceThreshold,
    plan,
    retentionSeconds,
    counts: { today: Number(today), active: activeGenerations },
  };
}

/**
 * Counts the account's queued and running generations and writes the count on its row (Account.activeGenerations),
 * returning it (one row: `active`). Run under the account lock, when the row's count would refuse a generation: a
 * refusal is then always decided by an exact count, and a row that drifted (generations admitted or finished by a
 * version that did not keep the count, during an upgrade) is mended.
 */
export function recountActiveSql(accountId: string): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Account" SET "activeGenerations" =
      (SELECT count(*)::int FROM "Generation" WHERE "accountId" = ${accountId} AND status IN ('QUEUED', 'PROCESSING'))
    WHERE id = ${accountId}
    RETURNING "activeGenerations" AS active`;
}

/** recountActiveSql, in a transaction that holds the account lock. */
export async function recountActive(tx: Prisma.TransactionClient, accountId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ active: number }[]>(recountActiveSql(accountId));
  return row?.active ?? 0;
}

export interface GenerationCounts {
  /** Created since 00:00 UTC, whatever became of them. */
  today: number;
  running: number;
  queued: number;
}

/**
 * An account's generations created today (UTC), running and queued, in one statement (`me.usage`). Today's is the
 * account row's own count (generationsTodaySql); running and queued are counted, for the split the row does not keep.
 */
export async function countGenerations(client: Prisma.TransactionClient, accountId: string): Promise<GenerationCounts> {
  const [row] = await client.$queryRaw<CountsRow[]>`
    SELECT
      (SELECT ${generationsTodaySql()} FROM "Account" WHERE id = ${accountId}) AS today,
      count(*) FILTER (WHERE status = 'PROCESSING') AS running,
      count(*) FILTER (WHERE status = 'QUEUED') AS queued
    FROM "Generation" WHERE "accountId" = ${accountId} AND status IN ('QUEUED', 'PROCESSING')`;
  return { today: Number(row?.today ?? 0), running: Number(row?.running ?? 0), queued: Number(row?.queued ?? 0) };
}

interface CountsRow {
  today: bigint | number | null;
  running: bigint | number;
  queued: bigint | number;
}

/** The account row's count of today's generations (Account.generationsToday): 0 when it counts an earlier day. */
export function generationsTodaySql(now = new Date()): Prisma.Sql {
  return Prisma.sql`CASE WHEN "generationsTodayDate" = ${utcDate(now)}::date THEN "generationsToday" ELSE 0 END`;
}

/** The UTC calendar date of `now`, as PostgreSQL reads a date ("2026-12-07"). */
export function utcDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function secondsUntilUtcMidnight(now = new Date()): number {
  return Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
}
