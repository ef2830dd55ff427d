import { decode } from "next-auth/jwt";
import { db } from "../db";
import { effectiveLimits } from "../limits/account-limits";
import { resolveWorkspace } from "../teams/current-workspace";
import type { SessionCaller } from "./caller";
import { sessionSecret } from "./session-secret";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The signed-in dashboard user behind a request's session cookie, or null (no, bad or stale session). */
export async function sessionCallerFromCookies(cookieHeader: string | null): Promise<SessionCaller | null> {
  const cookies = new Map(
    (cookieHeader ?? "").split(";").map((part) => {
      const i = part.indexOf("=");
      return [part.slice(0, i).trim(), decodeCookieValue(part.slice(i + 1).trim())] as const;
    }),
  );
  const token = COOKIE_NAMES.map((name) => cookies.get(name)).find(Boolean);
  if (!token) return null;
  // A forged, expired or foreign token is no session (the caller answers UNAUTHENTICATED), not an error.
  const payload = await decode({ token, secret: sessionSecret() }).catch(() => null);
  const userId = typeof payload?.userId === "string" ? payload.userId : undefined;
  if (!userId) return null;
  // The workspace the session chose (switchable in the dashboard), checked against the memberships now.
  const workspace = await resolveWorkspace(userId, typeof payload?.accountId === "string" ? payload.accountId : null);
  if (!workspace) return null;
  const client = await db();
  const [user, account] = await Promise.all([
    client.user.findUnique({ where: { id: userId }, select: { email: true } }),
    client.account.findUnique({ where: { id: workspace.accountId }, select: { plan: true, rpmLimit: true, parallelLimit: true, dailyLimit: true } }),
  ]);
  if (!user || !account) return null;
  return { kind: "session", accountId: workspace.accountId, apiKeyId: null, userId, email: user.email, role: workspace.role, limits: effectiveLimits(account) };
}

/** A cookie value with broken %-escapes is no session (not a server error). */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}
