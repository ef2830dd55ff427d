import { apiKeysChanged } from "../auth/api-keys";
import { db } from "../db";
import { accountLimitsChanged } from "../dispatch/dispatch-generation";
import { notFound } from "../errors";
import { effectiveLimits } from "../limits/account-limits";
import { lockAccount } from "../limits/lock-account";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";
import { type LimitsChange, setAccountLimits } from "./set-account-limits";

/**
 * The console's plan and limit change: what `admin set-limits` does (setAccountLimits, its checks included), with
 * the operator's reason in the audit log, both in one transaction. Applies from the next request.
 */
export async function changeWorkspaceLimits(input: { operator: Operator; accountId: string; change: LimitsChange; reason: string; ip?: string | null }) {
  const reason = requireReason(input.reason);
  const client = await db();
  const result = await client.$transaction(async (tx) => {
    await lockAccount(tx, input.accountId);
    const before = await tx.account.findUnique({ where: { id: input.accountId }, select: { plan: true, rpmLimit: true, parallelLimit: true, dailyLimit: true } });
    if (!before) throw notFound("Workspace", input.accountId);
    const after = await setAccountLimits(input.accountId, input.change, tx);
    await recordOperatorAction(
      {
        operator: input.operator,
        action: "ops.limits_changed",
        accountId: input.accountId,
        target: `account:${input.accountId}`,
        reason,
        before: { plan: before.plan, custom: { rpm: before.rpmLimit, parallel: before.parallelLimit, daily: before.dailyLimit }, limits: effectiveLimits(before) },
        after: { plan: after.plan, limits: after.limits },
        ip: input.ip,
      },
      tx,
    );
    return after;
  });
  apiKeysChanged();
  accountLimitsChanged();
  return result;
}
