import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError, invalidInput, notFound } from "../errors";
import type { Prisma, Role } from "../generated/prisma/client";
import { lockAccount } from "../limits/lock-account";
import { ASSIGNABLE_ROLES, type TeamActor, throwUnlessAllowed } from "./team-actor";

/**
 * Membership changes. Each runs under the workspace's row lock, so two at once (two admins, a transfer and a
 * removal) are decided one after the other against what the first left, and is recorded in the audit log in the
 * same transaction. The owner is never removed or demoted here: ownership moves only by transferOwnership.
 */
async function changeMembers<T>(actor: TeamActor, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const client = await db();
  return client.$transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    return work(tx);
  });
}

async function memberOrThrow(tx: Prisma.TransactionClient, accountId: string, userId: string) {
  const member = await tx.membership.findUnique({ where: { accountId_userId: { accountId, userId } }, select: { role: true, user: { select: { email: true } } } });
  if (!member) throw notFound("Member", userId);
  return member;
}

const actorOf = (actor: TeamActor) => ({ userId: actor.userId, ip: actor.ip });

export async function removeMember(actor: TeamActor, userId: string): Promise<boolean> {
  throwUnlessAllowed(actor, "members");
  if (userId === actor.userId) throw invalidInput("userId", "To leave a workspace, use leaveWorkspace", "self");
  return changeMembers(actor, async (tx) => {
    const member = await memberOrThrow(tx, actor.accountId, userId);
    if (member.role === "OWNER") throw invalidInput("userId", "The owner cannot be removed: they must transfer ownership first", "owner");
    await tx.membership.delete({ where: { accountId_userId: { accountId: actor.accountId, userId } } });
    await recordAudit(tx, {
      accountId: actor.accountId,
      action: "member.removed",
      actor: actorOf(actor),
      targetType: "member",
      targetId: userId,
      before: { email: member.user.email, role: member.role },
    });
    return true;
  });
}

export async function changeMemberRole(actor: TeamActor, userId: string, role: Role): Promise<{ userId: string; role: Role }> {
  throwUnlessAllowed(actor, "members");
  return changeMembers(actor, async (tx) => {
    // Who first (another workspace's person is simply not found), then what.
    const member = await memberOrThrow(tx, actor.accountId, userId);
    if (!ASSIGNABLE_ROLES.includes(role)) throw invalidInput("role", "Ownership moves only with transferOwnership", "owner");
    if (userId === actor.userId) throw invalidInput("userId", "You cannot change your own role", "self");
    if (member.role === "OWNER") throw invalidInput("userId", "The owner's role changes only by transferring ownership", "owner");
    if (member.role !== role) {
      await tx.membership.update({ where: { accountId_userId: { accountId: actor.accountId, userId } }, data: { role } });
      await recordAudit(tx, {
        accountId: actor.accountId,
        action: "member.role_changed",
        actor: actorOf(actor),
        targetType: "member",
        targetId: userId,
        before: { email: member.user.email, role: member.role },
        after: { email: member.user.email, role },
      });
    }
    return { userId, role };
  });
}

/** The owner hands the workspace to another member, and stays on as an admin. */
export async function transferOwnership(actor: TeamActor, userId: string): Promise<boolean> {
  throwUnlessAllowed(actor, "ownership");
  if (userId === actor.userId) throw invalidInput("userId", "You own this workspace already", "self");
  return changeMembers(actor, async (tx) => {
    // The lock makes this read current: a second transfer started at once finds the actor no longer the owner.
    const self = await memberOrThrow(tx, actor.accountId, actor.userId);
    if (self.role !== "OWNER") throw new AppError("FORBIDDEN", "Only the workspace's owner can transfer it", { capability: "ownership" });
    const member = await memberOrThrow(tx, actor.accountId, userId);
    await tx.membership.update({ where: { accountId_userId: { accountId: actor.accountId, userId } }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { accountId_userId: { accountId: actor.accountId, userId: actor.userId } }, data: { role: "ADMIN" } });
    await recordAudit(tx, {
      accountId: actor.accountId,
      action: "workspace.ownership_transferred",
      actor: actorOf(actor),
      targetType: "member",
      targetId: userId,
      before: { owner: self.user.email, [member.user.email]: member.role },
      after: { owner: member.user.email, [self.user.email]: "ADMIN" },
    });
    return true;
  });
}

/** A member leaves; the owner cannot (the workspace would have none) until they transfer ownership. */
export async function leaveWorkspace(actor: TeamActor): Promise<boolean> {
  throwUnlessAllowed(actor, "self");
  return changeMembers(actor, async (tx) => {
    const self = await memberOrThrow(tx, actor.accountId, actor.userId);
    if (self.role === "OWNER") throw invalidInput("accountId", "The owner cannot leave: transfer ownership first", "owner");
    await tx.membership.delete({ where: { accountId_userId: { accountId: actor.accountId, userId: actor.userId } } });
    await recordAudit(tx, {
      accountId: actor.accountId,
      action: "member.left",
      actor: actorOf(actor),
      targetType: "member",
      targetId: actor.userId,
      before: { email: self.user.email, role: self.role },
    });
    return true;
  });
}
