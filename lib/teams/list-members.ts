import { db } from "../db";
import type { Role } from "../generated/prisma/client";

export interface MemberInfo {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

const ROLE_ORDER: Record<Role, number> = { OWNER: 0, ADMIN: 1, DEVELOPER: 2, BILLING: 3, VIEWER: 4 };

/** A workspace's members, owner first, then by role and email. */
export async function listMembers(accountId: string): Promise<MemberInfo[]> {
  const client = await db();
  const rows = await client.membership.findMany({ where: { accountId }, select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } });
  return rows
    .map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}

export interface WorkspaceInfo {
  accountId: string;
  /** The workspace as people know it: its owner's email. */
  name: string;
  role: Role;
}

/** The workspaces a person belongs to, the one they signed up with first. */
export async function listWorkspaces(userId: string): Promise<WorkspaceInfo[]> {
  const client = await db();
  const rows = await client.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { accountId: true, role: true, account: { select: { email: true } } },
  });
  return rows.map((m) => ({ accountId: m.accountId, name: m.account.email, role: m.role }));
}
