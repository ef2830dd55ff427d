import { decode } from "next-auth/jwt";
import { db } from "../db";
import { isLocale, type Locale } from "../i18n/locales";
import { sessionSecret } from "./session-secret";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The user id inside a session cookie's token, or null (none, forged or expired: no one is signed in). */
async function sessionUserId(cookie: (name: string) => string | undefined): Promise<string | null> {
  const token = SESSION_COOKIES.map(cookie).find(Boolean);
  if (!token) return null;
  const payload = await decode({ token, secret: sessionSecret() }).catch(() => null);
  return typeof payload?.userId === "string" ? payload.userId : null;
}

/**
 * The language the signed-in person chose (on any device), or null when no one is signed in or they never chose.
 * Read only when the browser carries no choice of its own, so most pages cost no query.
 */
export async function signedInUserLocale(cookie: (name: string) => string | undefined): Promise<Locale | null> {
  const userId = await sessionUserId(cookie);
  if (!userId) return null;
  const user = await (await db()).user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(user?.locale) ? user.locale : null;
}

/** Remembers the signed-in person's choice, so a new browser or session opens in it. No session: nothing to do. */
export async function rememberUserLocale(cookie: (name: string) => string | undefined, locale: Locale): Promise<void> {
  const userId = await sessionUserId(cookie);
  if (!userId) return;
  await (await db()).user.updateMany({ where: { id: userId }, data: { locale } });
}
