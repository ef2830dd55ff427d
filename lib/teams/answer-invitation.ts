import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import type { Role } from "../generated/prisma/client";
import { lockAccount } from "../limits/lock-account";
import { hashInvitationToken, looksLikeInvitationToken } from "./invitation-tokens";

/** The person answering: signed in, with the (confirmed) email the invitation must have been sent to. */
export interface Invitee {
  userId: string;
  email: string;
  ip?: string | null;
}

/**
 * What an invitation link leads to:
 * - pending: it can be answered (the workspace, the role, who it is for);
 * - accepted / declined: this call answered it (accepted: the person is a member now, with that role);
 * - wrong-person: it was sent to another address than the signed-in person's, who must sign in as that address;
 * - used, expired, invalid: answered or withdrawn before, too old, or no such link.
 */
export type InvitationOutcome =
  | { kind: "pending"; workspace: string; role: Role; email: string }
  | { kind: "accepted"; accountId: string; role: Role }
  | { kind: "declined" }
  | { kind: "wrong-person"; email: string }
  | { kind: "used" }
  | { kind: "expired" }
  | { kind: "invalid" };

async function findByToken(token: string) {
  if (!looksLikeInvitationToken(token)) return null;
  const client = await db();
  return client.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, include: { account: { select: { email: true } } } });
}

/** What the link's page shows before the person answers. */
export async function previewInvitation(invitee: Invitee, token: string): Promise<InvitationOutcome> {
  const invitation = await findByToken(token);
  if (!invitation) return { kind: "invalid" };
  if (invitation.acceptedAt || invitation.declinedAt || invitation.revokedAt) return { kind: "used" };
  if (invitation.expiresAt <= new Date()) return { kind: "expired" };
  if (invitation.email !== invitee.email.toLowerCase()) return { kind: "wrong-person", email: invitation.email };
  return { kind: "pending", workspace: invitation.account.email, role: invitation.role, email: invitation.email };
}

/**
 * Accepts or declines, once: claiming the invitation is a conditional update, so of two answers at once (two tabs,
 * accept and decline) one wins and the other finds it used. Accepting adds the membership in the same transaction
 * (someone who is a member already keeps their role) and records it in the workspace's audit log.
 */
export async function answerInvitation(invitee: Invitee, token: string, answer: "accept" | "decline"): Promise<InvitationOutcome> {
  const preview = await previewInvitation(invitee, token);
  if (preview.kind !== "pending") return preview;
  const tokenHash = hashInvitationToken(token);
  const client = await db();
  return client.$transaction(async (tx): Promise<InvitationOutcome> => {
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash } });
    await lockAccount(tx, invitation.accountId);
    const now = new Date();
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash, acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: answer === "accept" ? { acceptedAt: now } : { declinedAt: now },
    });
    if (claimed.count === 0) return { kind: "used" };
    if (answer === "decline") return { kind: "declined" };
    const key = { accountId_userId: { accountId: invitation.accountId, userId: invitee.userId } };
    const member = await tx.membership.upsert({ where: key, create: { accountId: invitation.accountId, userId: invitee.userId, role: invitation.role }, update: {} });
    await recordAudit(tx, {
      accountId: invitation.accountId,
      action: "member.joined",
      actor: { userId: invitee.userId, ip: invitee.ip },
      targetType: "member",
      targetId: invitee.userId,
      after: { email: invitation.email, role: member.role },
    });
    return { kind: "accepted", accountId: invitation.accountId, role: member.role };
  });
}
