import { getServerSession, type NextAuthOptions, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./next-auth-options";

/** For signed-in pages (server components): the session's user and account, or a redirect to sign-in. */
export async function requireSignedIn(callbackUrl = "/dashboard"): Promise<{ userId: string; accountId: string; email: string }> {
  // What authOptions' session callback adds to next-auth's session.
  const session = await getServerSession<NextAuthOptions, Session & { userId?: string; accountId?: string }>(authOptions());
  if (!session?.userId || !session.accountId) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return { userId: session.userId, accountId: session.accountId, email: session.user?.email ?? "" };
}
