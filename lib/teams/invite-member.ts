import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { Invitation, Role } from "../generated/prisma/client";
import { isLocale, type Locale } from "../i18n/locales";
import { newId } from "../ids";
import { lockAccount } from "../limits/lock-account";
import { type MailDelivery, sendMail } from "../mail/send-mail";
import { INVITATION_DAYS, invitationLink, newInvitationToken } from "./invitation-tokens";
import { ASSIGNABLE_ROLES, type TeamActor, throwUnlessAllowed } from "./team-actor";

export type InvitationInfo = Pick<Invitation, "id" | "email" | "role" | "createdAt" | "expiresAt">;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INFO = { id: true, email: true, role: true, createdAt: true, expiresAt: true } as const;

/**
 * Invites an email address to the workspace with a role and mails the link (printed to the log without SMTP, as
 * every mail: lib/mail/send-mail.ts). Inviting the same address again replaces its pending invitation, so only the
 * newest link works. The mail goes out after the invitation is committed: a mail server that fails makes this call
 * fail (SERVICE_UNAVAILABLE) and the invitation stays pending, to be sent again.
 */
export async function inviteMember(actor: TeamActor, input: { email: string; role: Role }, origin: string): Promise<{ invitation: InvitationInfo; delivery: MailDelivery }> {
  throwUnlessAllowed(actor, "members");
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw invalidInput("email", "Enter a valid email address");
  if (!ASSIGNABLE_ROLES.includes(input.role)) throw invalidInput("role", "Ownership moves only with transferOwnership", "owner");
  const { token, hash } = newInvitationToken();
  const client = await db();
  const { invitation, inviter, workspace, locale } = await client.$transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const existing = await tx.membership.findFirst({ where: { accountId: actor.accountId, user: { email } }, select: { userId: true } });
    if (existing) throw invalidInput("email", "This person is a member of the workspace already", "already-member");
    const now = new Date();
    await tx.invitation.updateMany({ where: { accountId: actor.accountId, email, acceptedAt: null, declinedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.invitation.create({
      data: {
        id: newId("inv"),
        accountId: actor.accountId,
        email,
        role: input.role,
        tokenHash: hash,
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      },
      select: INFO,
    });
    await recordAudit(tx, {
      accountId: actor.accountId,
      action: "member.invited",
      actor: { userId: actor.userId, ip: actor.ip },
      targetType: "invitation",
      targetId: created.id,
      after: { email, role: input.role },
    });
    const [who, account, invitee] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, locale: true } }),
      tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { email: true } }),
      tx.user.findUnique({ where: { email }, select: { locale: true } }),
    ]);
    const language = invitee?.locale ?? who.locale;
    const locale: Locale = isLocale(language) ? language : "en";
    return { invitation: created, inviter: who.email, workspace: account.email, locale };
  });
  const delivery = await sendMail(
    email,
    "team-invitation",
    { link: invitationLink(origin, token), inviter, workspace, role: input.role.toLowerCase(), expiresInDays: INVITATION_DAYS },
    locale,
  );
  return { invitation, delivery };
}

/** Pending invitations of the workspace, newest first. */
export async function listInvitations(actor: TeamActor): Promise<InvitationInfo[]> {
  throwUnlessAllowed(actor, "members");
  const client = await db();
  return client.invitation.findMany({
    where: { accountId: actor.accountId, acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: INFO,
  });
}

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(actor: TeamActor, id: string): Promise<boolean> {
  throwUnlessAllowed(actor, "members");
  const client = await db();
  return client.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id, accountId: actor.accountId, acceptedAt: null, declinedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invitation", id);
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id }, select: { email: true, role: true } });
    await recordAudit(tx, {
      accountId: actor.accountId,
      action: "member.invitation_revoked",
      actor: { userId: actor.userId, ip: actor.ip },
      targetType: "invitation",
      targetId: id,
      before: invitation,
    });
    return true;
  });
}
