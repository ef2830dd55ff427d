import { apiKeysChanged } from "../auth/api-keys";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";

/**
 * An operator puts a workspace on hold, or lifts it. While suspended, its API keys and its members' dashboard
 * sessions in it are refused with WORKSPACE_SUSPENDED (lib/auth/api-keys.ts, lib/auth/session.ts); generations
 * already accepted run to the end and settle as usual. Other instances see it within their key cache's second.
 */
export async function setWorkspaceSuspended(input: { operator: Operator; accountId: string; suspended: boolean; reason: string; ip?: string | null }) {
  const reason = requireReason(input.reason);
  const client = await db();
  const result = await client.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: input.accountId }, select: { suspendedAt: true, deletedAt: true } });
    if (!account || account.deletedAt) throw notFound("Workspace", input.accountId);
    const suspendedAt = input.suspended ? new Date() : null;
    // Conditional, so two operators doing the same at once record it once.
    const { count } = await tx.account.updateMany({ where: { id: input.accountId, suspendedAt: input.suspended ? null : { not: null } }, data: { suspendedAt } });
    if (count === 0)
      throw invalidInput(
        "accountId",
        input.suspended ? "This workspace is suspended already" : "This workspace is not suspended",
        input.suspended ? "already-suspended" : "not-suspended",
      );
    await recordOperatorAction(
      {
        operator: input.operator,
        action: input.suspended ? "ops.workspace_suspended" : "ops.workspace_resumed",
        accountId: input.accountId,
        target: `account:${input.accountId}`,
        reason,
        before: { suspendedAt: account.suspendedAt },
        after: { suspendedAt },
        ip: input.ip,
      },
      tx,
    );
    return { suspendedAt };
  });
  apiKeysChanged();
  return result;
}
