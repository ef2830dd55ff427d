import type { Caller } from "../auth/caller";
import { db } from "../db";
import { ensureWebhookSecret } from "./webhook-secret";

export interface WebhookSecretInfo {
  secret: string;
  /** While set (and in the future), deliveries are signed with the previous secret too. */
  previousSecretExpiresAt: Date | null;
}

/** The account's signing secret (created on first read), for `me { webhookSecret }` and the dashboard. */
export async function getWebhookSecret(caller: Caller): Promise<WebhookSecretInfo> {
  const client = await db();
  const secret = await ensureWebhookSecret(client, caller.accountId);
  const account = await client.account.findUniqueOrThrow({ where: { id: caller.accountId }, select: { previousSecretExpiresAt: true } });
  const expires = account.previousSecretExpiresAt;
  return { secret, previousSecretExpiresAt: expires && expires > new Date() ? expires : null };
}
