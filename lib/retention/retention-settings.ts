import { recordAudit } from "../audit/record-audit";
import { auditActor, type Caller } from "../auth/caller";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { PLANS } from "../limits/plans";
import { effectiveRetention, formatRetention, parseRetention } from "../limits/retention";

export interface RetentionSettings {
  /** The workspace default as set (`7d`…), or null: none set, the plan's maximum applies. */
  default: string | null;
  /** What a request without `retention` gets now: the default capped by the plan. */
  effective: string;
  /** The longest the plan allows (`forever` when it has no maximum). */
  planMaximum: string;
}

/** The workspace's retention: its default, what applies, and the plan's maximum. */
export async function getRetentionSettings(caller: Caller): Promise<RetentionSettings> {
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { plan: true, retentionSeconds: true } });
  if (!account) throw notFound("Account", caller.accountId);
  return toSettings(account);
}

/**
 * Sets the workspace default (`1h` … the plan's maximum, or `forever` where the plan allows it); null clears it
 * back to the plan's maximum. Applies to generations accepted from now on: those already made keep theirs. Test
 * keys may not change it (an account setting, like billing).
 */
export async function setRetentionDefault(caller: Caller, retention: string | null): Promise<RetentionSettings> {
  if (caller.apiKeyId && caller.mode === "TEST") throw new AppError("UNAUTHENTICATED", "A test key cannot change the workspace's retention; use a live key or the dashboard");
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { plan: true, retentionSeconds: true } });
  if (!account) throw notFound("Account", caller.accountId);
  const seconds = retention === null ? null : parseRetention(retention, account.plan);
  // "forever" is stored as null too: on a plan without a maximum, null means kept until deleted.
  const updated = await client.$transaction(async (tx) => {
    const row = await tx.account.update({ where: { id: caller.accountId }, data: { retentionSeconds: seconds }, select: { plan: true, retentionSeconds: true } });
    const show = (s: number | null) => (s === null ? null : formatRetention(s));
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "retention.changed",
      actor: auditActor(caller),
      targetType: "workspace",
      targetId: caller.accountId,
      before: { retentionDefault: show(account.retentionSeconds) },
      after: { retentionDefault: show(row.retentionSeconds) },
    });
    return row;
  });
  return toSettings(updated);
}

function toSettings(account: { plan: keyof typeof PLANS; retentionSeconds: number | null }): RetentionSettings {
  return {
    default: account.retentionSeconds === null ? null : formatRetention(account.retentionSeconds),
    effective: formatRetention(effectiveRetention(account.plan, account.retentionSeconds)),
    planMaximum: formatRetention(PLANS[account.plan].maxRetentionSeconds),
  };
}
