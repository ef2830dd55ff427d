import { db } from "../db";

export interface WorkspaceSuspension {
  /** When an operator suspended the workspace (lib/accounts/suspend-workspace.ts). */
  since: Date;
  /** The person's other workspaces that are in service, oldest membership first: where they can switch to. */
  elsewhere: { accountId: string; name: string }[];
}

/**
 * Whether the workspace a signed-in person acts in is suspended, for the dashboard's banner; null while it is in
 * service. The dashboard's API calls are refused with WORKSPACE_SUSPENDED meanwhile (lib/auth/session.ts), the
 * workspace switcher's included, so the banner offers the way out: the person's other workspaces that still work.
 */
export async function getWorkspaceSuspension(person: { userId: string; accountId: string }): Promise<WorkspaceSuspension | null> {
  const client = await db();
  const memberships = await client.membership.findMany({
    where: { userId: person.userId },
    orderBy: { createdAt: "asc" },
    select: { accountId: true, account: { select: { email: true, suspendedAt: true, deletedAt: true } } },
  });
  const since = memberships.find((m) => m.accountId === person.accountId)?.account.suspendedAt;
  if (!since) return null;
  const elsewhere = memberships
    .filter((m) => m.accountId !== person.accountId && !m.account.suspendedAt && !m.account.deletedAt)
    .map((m) => ({ accountId: m.accountId, name: m.account.email }));
  return { since, elsewhere };
}
