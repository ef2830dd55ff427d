import { getCsrfToken } from "next-auth/react";

/**
 * Makes the session act in another workspace: next-auth's session update (POST /api/auth/session with its CSRF
 * token), whose jwt callback accepts only a workspace the person is a member of (lib/auth/next-auth-options.ts).
 * Then the whole dashboard reloads in it.
 */
export async function switchWorkspace(accountId: string, then = "/dashboard"): Promise<void> {
  const csrfToken = await getCsrfToken();
  await fetch("/api/auth/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data: { accountId } }),
  });
  window.location.assign(then);
}
