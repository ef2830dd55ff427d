import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { db } from "../db";
import { admitOAuthSignIn, providerVerifiedEmail } from "./admit-oauth-sign-in";
import { checkPassword } from "./check-password";
import { gitHubProvider } from "./github-provider";
import { safeCallbackUrl } from "./safe-callback-url";
import { sessionSecret } from "./session-secret";
import { env } from "../env";
import { isMember } from "../teams/current-workspace";

/**
 * Dashboard sign-in: email + password always; GitHub and Google when their env vars are set. Sessions are signed
 * JWT cookies (httpOnly, SameSite=Lax, Secure on https) carrying the user and account ids. Password attempts are
 * throttled before they get here (auth-route.ts); errors land on /signin?error=… in words (sign-in-form.tsx).
 */
export function authOptions(): NextAuthOptions {
  const e = env();
  const oauth = [
    ...(e.GITHUB_ID && e.GITHUB_SECRET ? [gitHubProvider(e.GITHUB_ID, e.GITHUB_SECRET)] : []),
    ...(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? [GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET })] : []),
  ];
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const check = await checkPassword(credentials?.email ?? "", credentials?.password ?? "");
          switch (check.kind) {
            case "signed-in":
              return check.user;
            case "unconfirmed":
              // next-auth turns a thrown message into ?error=<message>.
              throw new Error("EmailNotConfirmed");
            case "wrong":
              return null;
          }
        },
      }),
      ...oauth,
    ],
    callbacks: {
      // OAuth: only with the provider's verified-email claim (admit-oauth-sign-in.ts says why).
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const admission = await admitOAuthSignIn({ email: user.email, emailVerified: providerVerifiedEmail(profile), name: user.name });
        switch (admission.kind) {
          case "admitted":
            return true;
          case "unverified-email":
            return "/signin?error=OAuthEmailNotVerified";
        }
      },
      // Only to this site, by the same rule as the sign-in form's callbackUrl.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackUrl(url, "/")}`;
        return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
      },
      async jwt({ token, user, trigger, session }) {
        // Switching workspace (the dashboard's switcher posts {accountId} to /api/auth/session): only to one the
        // person is a member of; the session then carries it, and every request checks the membership again.
        const chosen = (session as { accountId?: unknown } | undefined)?.accountId;
        if (trigger === "update" && typeof chosen === "string" && typeof token.userId === "string" && (await isMember(token.userId, chosen))) {
          token.accountId = chosen;
        }
        if (user?.email) {
          const client = await db();
          const row = await client.user.findUnique({ where: { email: user.email.toLowerCase() } });
          if (row) {
            token.userId = row.id;
            token.accountId = row.accountId;
          }
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.userId, accountId: token.accountId };
      },
    },
  };
}
