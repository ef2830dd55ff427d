import { getServerSession, type NextAuthOptions, type Session } from "next-auth";
import { redirect } from "next/navigation";
import type { Role } from "../generated/prisma/client";
import { resolveWorkspace } from "../teams/current-workspace";
import { authOptions } from "./next-auth-options";

export interface SignedIn {
  userId: string;
  /** The workspace the session acts in, and the person's role there (read from the memberships now). */
  accountId: string;
  role: Role;
  email: string;
}

/** For signed-in pages (server components): the session's user and workspace, or a redirect to sign-in. */
export async function requireSignedIn(callbackUrl = "/dashboard"): Promise<SignedIn> {
  // What authOptions' session callback adds to next-auth's session.
  const session = await getServerSession<NextAuthOptions, Session & { userId?: string; accountId?: string }>(authOptions());
  const toSignIn = `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  if (!session?.userId) redirect(toSignIn);
  const workspace = await resolveWorkspace(session.userId, session.accountId);
  if (!workspace) redirect(toSignIn);
  return { userId: session.userId, accountId: workspace.accountId, role: workspace.role, email: session.user?.email ?? "" };
}
