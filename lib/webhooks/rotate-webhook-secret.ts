import type { Caller } from "../auth/caller";
import { db } from "../db";
import { lockAccount } from "../limits/lock-account";
import type { WebhookSecretInfo } from "./get-webhook-secret";
import { ensureWebhookSecret, newWebhookSecret } from "./webhook-secret";

/** How long deliveries carry the old secret's signature too, so receivers can switch without missing any. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Replaces the signing secret. The old one stays valid (deliveries carry both signatures, space-separated in
 * webhook-signature) for 24 hours; a second rotation within that time retires the oldest at once.
 */
export async function rotateWebhookSecret(caller: Caller, now = new Date()): Promise<WebhookSecretInfo> {
  const client = await db();
  return client.$transaction(async (tx) => {
    await lockAccount(tx, caller.accountId);
    const previous = await ensureWebhookSecret(tx, caller.accountId);
    const secret = newWebhookSecret();
    const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_GRACE_MS);
    await tx.account.update({ where: { id: caller.accountId }, data: { webhookSecret: secret, previousWebhookSecret: previous, previousSecretExpiresAt } });
    return { secret, previousSecretExpiresAt };
  });
}
