import { apiKeysChanged } from "../auth/api-keys";
import type { SessionCaller } from "../auth/caller";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { invalidInput, notFound } from "../errors";
import { cancelGeneration } from "../generations/cancel-generation";
import { forgetGeneration } from "../generations/get-generation";
import { deleteStoredFolder } from "../storage/streams";
import { throwUnlessAllowed } from "../teams/team-actor";

/**
 * Deletes a workspace (account) for its owner, who confirms by typing the account's email. Afterwards:
 * - every file is gone: all generations' media (the `<accountId>/` folder or bucket prefix) and every upload's bytes;
 * - every personal datum is gone: the memberships and invitations (members' sessions stop reaching it at the next
 *   request), the people whose only workspace it was, API keys (they stop at once), generations with their prompts
 *   and events, webhook endpoints and deliveries, uploads, pending sign-ups of those people, webhook secrets and the
 *   Stripe customer link. A member who belongs to other workspaces keeps their login, now starting in one of those.
 *   The audit log stays, anonymised: what was done and when remain, but not by whom (actors' emails, ids), from
 *   where (IPs) or the before/after values (which name members and endpoints). The append-only trigger allows exactly
 *   this update and only once the account row is marked deleted, hence its place after that row in the transaction;
 * - what accounting requires stays: the account row, anonymised (`deleted+<id>@deleted.invalid`, plan, balance,
 *   `deletedAt`), its credit ledger entries untouched (their generation ids become null), and the Stripe events
 *   already applied. Queued and running generations are cancelled first, so their reservations go back.
 * A paid plan must be cancelled first (the Plans page), so Stripe stops charging a card nobody can see.
 */
export async function deleteWorkspace(caller: SessionCaller, confirmEmail: string): Promise<void> {
  throwUnlessAllowed(caller, "ownership");
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId }, select: { id: true, email: true, plan: true, stripeSubscriptionId: true, deletedAt: true } });
  if (!account || account.deletedAt) throw notFound("Account", caller.accountId);
  if (confirmEmail.trim().toLowerCase() !== account.email.toLowerCase()) {
    throw invalidInput("confirmEmail", "Type the workspace's email address to confirm its deletion", "mismatch");
  }
  if (account.stripeSubscriptionId && account.plan !== "FREE") {
    throw invalidInput("plan", "Cancel the paid plan (move to Free on the Plans page) before deleting the workspace", "subscription-active");
  }
  const active = await client.generation.findMany({ where: { accountId: account.id, status: { in: ["QUEUED", "PROCESSING"] } }, select: { id: true } });
  for (const { id } of active) await cancelGeneration(caller, id);

  // Files first: if deleting them fails, nothing else has changed and the owner can try again.
  await deleteStoredFolder(account.id);
  const uploads = await client.upload.findMany({ where: { accountId: account.id }, select: { id: true, storageKey: true } });
  for (const u of uploads) await deleteStoredFolder(u.storageKey.slice(0, u.storageKey.lastIndexOf("/")));

  const members = await client.membership.findMany({ where: { accountId: account.id }, select: { userId: true } });
  const people = await client.user.findMany({
    where: { OR: [{ accountId: account.id }, { id: { in: members.map((m) => m.userId) } }] },
    select: { id: true, email: true, accountId: true, memberships: { where: { accountId: { not: account.id } }, select: { accountId: true }, take: 1 } },
  });
  // Whose only workspace this is: they go. Members of others stay, starting in another of theirs from now on.
  const leaving = people.filter((p) => p.memberships.length === 0);
  const moving = people.filter((p) => p.memberships.length > 0 && p.accountId === account.id);
  const generationIds = await client.generation.findMany({ where: { accountId: account.id }, select: { id: true } });
  await client.$transaction([
    client.apiKey.deleteMany({ where: { accountId: account.id } }),
    client.membership.deleteMany({ where: { accountId: account.id } }),
    client.invitation.deleteMany({ where: { accountId: account.id } }),
    ...moving.map((p) => client.user.update({ where: { id: p.id }, data: { accountId: p.memberships[0].accountId } })),
    client.user.deleteMany({ where: { id: { in: leaving.map((p) => p.id) } } }),
    client.signUpRequest.deleteMany({ where: { email: { in: [account.email, ...leaving.map((p) => p.email)] } } }),
    client.upload.deleteMany({ where: { accountId: account.id } }),
    client.webhookDelivery.deleteMany({ where: { accountId: account.id } }),
    client.webhookEndpoint.deleteMany({ where: { accountId: account.id } }),
    client.generationEvent.deleteMany({ where: { accountId: account.id } }),
    client.generation.deleteMany({ where: { accountId: account.id } }),
    client.account.update({
      where: { id: account.id },
      data: {
        email: `deleted+${account.id}@deleted.invalid`,
        deletedAt: new Date(),
        retentionSeconds: null,
        stripeCustomerId: null,
        stripeSubscriptionId: null,
        webhookSecret: null,
        previousWebhookSecret: null,
        previousSecretExpiresAt: null,
        testWebhookSecret: null,
        previousTestWebhookSecret: null,
        previousTestSecretExpiresAt: null,
      },
    }),
    client.auditLogEntry.updateMany({
      where: { accountId: account.id },
      data: { actorLabel: "deleted", actorUserId: null, actorApiKeyId: null, ip: null, before: Prisma.DbNull, after: Prisma.DbNull, reason: null },
    }),
  ]);
  apiKeysChanged();
  await forgetGeneration(...generationIds.map(({ id }) => id));
}
