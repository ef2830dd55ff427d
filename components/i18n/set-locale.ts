"use server";

import { cookies } from "next/headers";
import { rememberUserLocale } from "@/lib/auth/user-locale";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/lib/i18n/locales";

/**
 * The switcher's choice: kept in this browser (a cookie every page reads) and, when someone is signed in, on their
 * user, so another browser or a new session opens in it. Server Actions check the Origin, so no other site can
 * switch someone's language.
 */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  const jar = await cookies();
  jar.set(LOCALE_COOKIE, locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
  await rememberUserLocale((name) => jar.get(name)?.value, locale);
}
