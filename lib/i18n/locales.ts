/**
 * The languages a person can read Doitong in. The API itself stays English (codes, field names, messages); these
 * are for pages and mails. `en` is the fallback for anyone whose browser asks for neither.
 */
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie the switcher writes; next-intl's own name for it, so its tooling recognises the scheme. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** A choice is kept for a year, like any other site preference. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best of our locales for an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8"): highest q first, the primary
 * subtag decides (ru-RU, ru-UA and ru all mean ru). With two locales and no script or region variants to tell
 * apart, this is all a locale matcher would do here.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.language && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The locale a request reads in when nothing is known about the person: their cookie, else their browser. */
export function requestLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : negotiateLocale(acceptLanguage);
}
