import { decode } from "next-auth/jwt";
import { db } from "../db";
import { effectiveLimits } from "../limits/account-limits";
import { workspaceSuspended } from "./api-keys";
import { pickWorkspace } from "../teams/current-workspace";
import type { SessionCaller } from "./caller";
import { sessionSecret } from "./session-secret";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in dashboard user behind a request's session cookie, or null (no, bad or stale session). Throws
 * WORKSPACE_SUSPENDED when the session's workspace is suspended by an operator.
 */
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
  // The workspace the session chose (switchable in the dashboard), checked against the memberships now: one query
  // for the person, their memberships and those workspaces' limits.
  const client = await db();
  const user = await client.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      accountId: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { accountId: true, role: true, account: { select: { plan: true, rpmLimit: true, parallelLimit: true, dailyLimit: true, suspendedAt: true } } },
      },
    },
  });
  const workspace = user ? pickWorkspace(user, typeof payload?.accountId === "string" ? payload.accountId : null) : null;
  if (!user || !workspace) return null;
  if (workspace.account.suspendedAt) throw workspaceSuspended();
  return { kind: "session", accountId: workspace.accountId, apiKeyId: null, userId, email: user.email, role: workspace.role, limits: effectiveLimits(workspace.account) };
}

/** A cookie value with broken %-escapes is no session (not a server error). */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}
