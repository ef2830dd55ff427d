import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { signUp } from "../accounts/sign-up";
import { db } from "../db";
import { verifyPassword } from "./passwords";
import { sessionSecret } from "./session-secret";

/**
 * Dashboard sign-in: email + password always; GitHub and Google when their env vars are set. Sessions are signed
 * JWT cookies (httpOnly, SameSite=Lax, Secure on https) carrying the user and account ids.
 */
export function authOptions(): NextAuthOptions {
  const oauth = [
    ...(process.env.GITHUB_ID && process.env.GITHUB_SECRET ? [GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET })] : []),
    ...(process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET
      ? [GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET })]
      : []),
  ];
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const email = credentials?.email?.trim().toLowerCase() ?? "";
          const client = await db();
          const user = email ? await client.user.findUnique({ where: { email } }) : null;
          const ok = await verifyPassword(credentials?.password ?? "", user?.passwordHash);
          return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...oauth,
    ],
    callbacks: {
      // An OAuth sign-in with a verified email gets (or joins) the account of that email.
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        if (!user.email) return false;
        const client = await db();
        const existing = await client.user.findUnique({ where: { email: user.email.toLowerCase() } });
        if (!existing) await signUp({ email: user.email, password: null, name: user.name ?? undefined });
        return true;
      },
      async jwt({ token, user }) {
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
      async session({ session, token }) {
        return { ...session, userId: token.userId, accountId: token.accountId };
      },
    },
  };
}
