import { apiKeysChanged } from "../auth/api-keys";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { Operator } from "../ops/operators";
import { recordOperatorAction, requireReason } from "../ops/record-operator-action";

/** An operator revokes one of a workspace's API keys (a leaked key, abuse): refused from the next request on. */
export async function revokeWorkspaceKey(input: { operator: Operator; accountId: string; keyId: string; reason: string; ip?: string | null }) {
  const reason = requireReason(input.reason);
  const client = await db();
  const revoked = await client.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: input.keyId, accountId: input.accountId }, select: { name: true, prefix: true, revokedAt: true } });
    if (!key) throw notFound("API key", input.keyId);
    const revokedAt = new Date();
    const { count } = await tx.apiKey.updateMany({ where: { id: input.keyId, revokedAt: null }, data: { revokedAt } });
    if (count === 0) throw invalidInput("keyId", "This key is revoked already", "already-revoked");
    await recordOperatorAction(
      {
        operator: input.operator,
        action: "ops.key_revoked",
        accountId: input.accountId,
        target: `api_key:${input.keyId}`,
        reason,
        before: { name: key.name, prefix: key.prefix, revokedAt: null },
        after: { revokedAt },
        ip: input.ip,
      },
      tx,
    );
    return { keyId: input.keyId, revokedAt };
  });
  apiKeysChanged();
  return revoked;
}
