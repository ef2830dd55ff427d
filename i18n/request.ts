import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { signedInUserLocale } from "@/lib/auth/user-locale";
import { LOCALE_COOKIE, type Locale, negotiateLocale, isLocale } from "@/lib/i18n/locales";

/**
 * Which language a page renders in, without a locale in the URL (README, "Languages"): the choice this browser
 * made (the switcher's cookie), else the signed-in person's choice from another device, else Accept-Language.
 */
async function pageLocale(): Promise<Locale> {
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const saved = await signedInUserLocale((name) => jar.get(name)?.value);
  if (saved) return saved;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await pageLocale();
  const messages = (await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> };
  return { locale, messages: messages.default, timeZone: "UTC" };
});
