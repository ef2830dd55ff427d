import { randomBytes } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";

/** A Standard Webhooks secret: "whsec_" + base64 of 24 random bytes (192 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

type Tx = Pick<Prisma.TransactionClient, "account">;

/**
 * The account's current secret, creating it on first use. The conditional update makes simultaneous first uses
 * agree on one secret (the loser reads the winner's).
 */
export async function ensureWebhookSecret(tx: Tx, accountId: string): Promise<string> {
  const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { webhookSecret: true } });
  if (account.webhookSecret) return account.webhookSecret;
  await tx.account.updateMany({ where: { id: accountId, webhookSecret: null }, data: { webhookSecret: newWebhookSecret() } });
  const created = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { webhookSecret: true } });
  return created.webhookSecret!;
}

/** The secrets a delivery is signed with now: the current one, plus the previous one during a rotation's grace. */
export async function signingSecrets(tx: Tx, accountId: string, now = new Date()): Promise<string[]> {
  const current = await ensureWebhookSecret(tx, accountId);
  const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { previousWebhookSecret: true, previousSecretExpiresAt: true } });
  const previousValid = account.previousWebhookSecret && account.previousSecretExpiresAt && account.previousSecretExpiresAt > now;
  return previousValid ? [current, account.previousWebhookSecret!] : [current];
}
