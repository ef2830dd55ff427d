import GitHubProvider from "next-auth/providers/github";
import { env } from "../env";

/**
 * GitHub sign-in (github.com, or GitHub Enterprise Server at GITHUB_URL, whose REST API is under /api/v3).
 *
 * Follows the GitHub REST API version 2022-11-28: "List email addresses for the authenticated user",
 * GET /user/emails → [{ email, primary, verified, visibility }] (docs.github.com/en/rest/users/emails, checked
 * 2026-12-05). next-auth's stock provider takes the profile's public email, or else the primary one, without
 * asking whether GitHub verified it. Here the email is always the primary address from /user/emails, and
 * `email_verified` carries GitHub's `verified` flag — which admit-oauth-sign-in.ts requires.
 */
export function gitHubProvider(clientId: string, clientSecret: string) {
  const web = (env().GITHUB_URL ?? "https://github.com").replace(/\/+$/, "");
  const api = env().GITHUB_URL ? `${web}/api/v3` : "https://api.github.com";
  return GitHubProvider({
    clientId,
    clientSecret,
    issuer: `${web}/login/oauth`,
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${web}/login/oauth/access_token`,
    userinfo: {
      url: `${api}/user`,
      async request({ tokens }) {
        const headers = { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
        const [profile, emails] = await Promise.all([getJson(`${api}/user`, headers), getJson(`${api}/user/emails`, headers)]);
        const primary = Array.isArray(emails) ? (emails as GitHubEmail[]).find((e) => e.primary) : undefined;
        return { ...(profile as Record<string, unknown>), email: primary?.email, email_verified: primary?.verified === true };
      },
    },
  });
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GitHub ${new URL(url).pathname} answered HTTP ${res.status}`);
  return res.json();
}
