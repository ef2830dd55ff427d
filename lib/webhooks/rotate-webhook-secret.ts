import { auditActor, type Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { lockAccount } from "../limits/lock-account";
import type { KeyMode } from "../generated/prisma/client";
import { webhookModeFor, type WebhookSecretInfo } from "./get-webhook-secret";
import { ensureWebhookSecret, newWebhookSecret, secretsUpdate } from "./webhook-secret";

/** How long deliveries carry the old secret's signature too, so receivers can switch without missing any. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Replaces the signing secret. The old one stays valid (deliveries carry both signatures, space-separated in
 * webhook-signature) for 24 hours; a second rotation within that time retires the oldest at once. Each mode's
 * secret rotates on its own.
 */
export async function rotateWebhookSecret(caller: Caller, mode?: KeyMode | null, now = new Date()): Promise<WebhookSecretInfo> {
  const client = await db();
  const chosen = webhookModeFor(caller, mode);
  return client.$transaction(async (tx) => {
    await lockAccount(tx, caller.accountId);
    const previous = await ensureWebhookSecret(tx, caller.accountId, chosen);
    const secret = newWebhookSecret();
    const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_GRACE_MS);
    await tx.account.update({ where: { id: caller.accountId }, data: secretsUpdate(chosen, { current: secret, previous, expires: previousSecretExpiresAt }) });
    // Never the secrets themselves: which mode, and until when the old one still signs.
    await recordAudit(tx, {
      accountId: caller.accountId,
      action: "webhook.secret_rotated",
      actor: auditActor(caller),
      targetType: "webhook_secret",
      targetId: chosen,
      after: { mode: chosen, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
    });
    return { secret, previousSecretExpiresAt };
  });
}
