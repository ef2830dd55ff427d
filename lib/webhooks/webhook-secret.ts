import { randomBytes } from "node:crypto";
import type { KeyMode, Prisma } from "../generated/prisma/client";

/** A Standard Webhooks secret: "whsec_" + base64 of 24 random bytes (192 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

type Tx = Pick<Prisma.TransactionClient, "account">;

export interface ModeSecrets {
  current: string | null;
  previous: string | null;
  /** Until then deliveries are signed with `previous` too. */
  expires: Date | null;
}

/**
 * The stored secrets of one mode. Test mode has its own, so a test key can never read, or have anything signed
 * with, the secret that live receivers trust.
 */
export async function readSecrets(tx: Tx, accountId: string, mode: KeyMode): Promise<ModeSecrets> {
  const a = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      webhookSecret: true,
      previousWebhookSecret: true,
      previousSecretExpiresAt: true,
      testWebhookSecret: true,
      previousTestWebhookSecret: true,
      previousTestSecretExpiresAt: true,
    },
  });
  return mode === "TEST"
    ? { current: a.testWebhookSecret, previous: a.previousTestWebhookSecret, expires: a.previousTestSecretExpiresAt }
    : { current: a.webhookSecret, previous: a.previousWebhookSecret, expires: a.previousSecretExpiresAt };
}

/** The account columns that hold `secrets` for `mode`, as an update. */
export function secretsUpdate(mode: KeyMode, secrets: Partial<ModeSecrets>): Prisma.AccountUpdateManyMutationInput {
  const { current, previous, expires } = secrets;
  return mode === "TEST"
    ? { testWebhookSecret: current, previousTestWebhookSecret: previous, previousTestSecretExpiresAt: expires }
    : { webhookSecret: current, previousWebhookSecret: previous, previousSecretExpiresAt: expires };
}

/**
 * The account's current secret for a mode, creating it on first use. The conditional update makes simultaneous
 * first uses agree on one secret (the loser reads the winner's).
 */
export async function ensureWebhookSecret(tx: Tx, accountId: string, mode: KeyMode = "LIVE"): Promise<string> {
  const existing = await readSecrets(tx, accountId, mode);
  if (existing.current) return existing.current;
  const unset = mode === "TEST" ? { testWebhookSecret: null } : { webhookSecret: null };
  await tx.account.updateMany({ where: { id: accountId, ...unset }, data: secretsUpdate(mode, { current: newWebhookSecret() }) });
  const created = await readSecrets(tx, accountId, mode);
  return created.current!;
}

/** The secrets a delivery of `mode` is signed with now: the current one, plus the previous one during a rotation's grace. */
export async function signingSecrets(tx: Tx, accountId: string, mode: KeyMode, now = new Date()): Promise<string[]> {
  const current = await ensureWebhookSecret(tx, accountId, mode);
  const { previous, expires } = await readSecrets(tx, accountId, mode);
  return previous && expires && expires > now ? [current, previous] : [current];
}
