import { db } from "../db";
import type { Role } from "../generated/prisma/client";

export interface CurrentWorkspace {
  accountId: string;
  role: Role;
}

/**
 * The workspace a signed-in person acts in, and their role there, read from the memberships on every request (so a
 * removed member or a changed role takes effect at once): the one their session chose if they are still a member
 * of it, else the one they signed up with, else their oldest membership. Null: they belong to no workspace.
 */
export async function resolveWorkspace(userId: string, chosen: string | null | undefined): Promise<CurrentWorkspace | null> {
  const client = await db();
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { accountId: true, memberships: { select: { accountId: true, role: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user) return null;
  const picked = pickWorkspace(user, chosen);
  return picked ? { accountId: picked.accountId, role: picked.role } : null;
}

/**
 * resolveWorkspace's choice among memberships already read (oldest first): for callers that read more with them
 * in the same query (lib/auth/session.ts reads each workspace's limits too).
 */
export function pickWorkspace<M extends CurrentWorkspace>(user: { accountId: string; memberships: M[] }, chosen: string | null | undefined): M | null {
  const pick = (id: string | null | undefined) => (id ? user.memberships.find((m) => m.accountId === id) : undefined);
  return pick(chosen) ?? pick(user.accountId) ?? user.memberships[0] ?? null;
}

/** Whether the person is a member of that workspace (switching to it is then allowed). */
export async function isMember(userId: string, accountId: string): Promise<boolean> {
  const client = await db();
  return (await client.membership.count({ where: { userId, accountId } })) > 0;
}
