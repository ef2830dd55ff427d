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
}

export type AdmissionLockRow = LimitedAccount & { creditBalance: number; lowBalanceThreshold: number | null; retentionSeconds: number | null };

/**
 * lockAccountLimits, plus the balance (as of the lock) for reserving credits in the same transaction, the
 * low-balance alert threshold, and the plan and workspace retention default a generation's retention comes from.
 */
export async function lockAccountForAdmission(tx: Prisma.TransactionClient, accountId: string): Promise<AdmissionLock> {
  return toAdmissionLock(await tx.$queryRaw<AdmissionLockRow[]>(lockAccountForAdmissionSql(accountId)), accountId);
}

/** lockAccountForAdmission's statement, for a caller that sends it on its own connection (admit-directly.ts). */
export function lockAccountForAdmissionSql(accountId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT plan, "rpmLimit", "parallelLimit", "dailyLimit", "creditBalance", "lowBalanceThreshold", "retentionSeconds" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
}

export function toAdmissionLock(rows: AdmissionLockRow[], accountId: string): AdmissionLock {
  if (!rows[0]) throw notFound("Account", accountId);
  const { creditBalance, lowBalanceThreshold, plan, retentionSeconds } = rows[0];
  return { limits: effectiveLimits(rows[0]), creditBalance, lowBalanceThreshold, plan, retentionSeconds };
}

export interface GenerationCounts {
  /** Created since 00:00 UTC, whatever became of them. */
  today: number;
  running: number;
  queued: number;
}

/**
 * An account's generations created today (UTC), running and queued, in one statement; a count that is not wanted
 * (a limit that is off) is skipped and reads 0. Today's is the account row's own count (generationsTodaySql), which
 * the statement inserting generations keeps: one row, however many the day has. Inside an admission, run it after
 * taking the account lock: a statement started later sees every generation committed by whoever held the lock before.
 */
export async function countGenerations(
  client: Prisma.TransactionClient,
  accountId: string,
  want: { today: boolean; active: boolean } = { today: true, active: true },
): Promise<GenerationCounts> {
  if (!want.today && !want.active) return { today: 0, running: 0, queued: 0 };
  const [row] = await client.$queryRaw<CountsRow[]>(countGenerationsSql(accountId, want));
  return toCounts(row);
}

export interface CountsRow {
  today: bigint | number | null;
  running: bigint | number;
  queued: bigint | number;
}

/** countGenerations' statement, for a caller that reads more in the same round trip (one row: today, running, queued). */
export function countGenerationsSql(accountId: string, want: { today: boolean; active: boolean }): Prisma.Sql {
  return Prisma.sql`
    SELECT
      CASE WHEN ${want.today} THEN (SELECT ${generationsTodaySql()} FROM "Account" WHERE id = ${accountId}) END AS today,
      count(*) FILTER (WHERE status = 'PROCESSING') AS running,
      count(*) FILTER (WHERE status = 'QUEUED') AS queued
    FROM "Generation" WHERE ${want.active} AND "accountId" = ${accountId} AND status IN ('QUEUED', 'PROCESSING')`;
}

/** The account row's count of today's generations (Account.generationsToday): 0 when it counts an earlier day. */
export function generationsTodaySql(now = new Date()): Prisma.Sql {
  return Prisma.sql`CASE WHEN "generationsTodayDate" = ${utcDate(now)}::date THEN "generationsToday" ELSE 0 END`;
}

/** The UTC calendar date of `now`, as PostgreSQL reads a date ("2026-12-07"). */
export function utcDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function toCounts(row: CountsRow | undefined): GenerationCounts {
  return { today: Number(row?.today ?? 0), running: Number(row?.running ?? 0), queued: Number(row?.queued ?? 0) };
}

export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function secondsUntilUtcMidnight(now = new Date()): number {
  return Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
}
