import { useTranslations } from "next-intl";

/**
 * The catalog's prose in the reader's language. The API keeps its English `description`, `features`,
 * `limitations` and option descriptions (what the providers query answers); the pages show the catalogs' copy
 * (providerCopy, providerLists, optionCopy),
 * falling back to the API text for a provider added since — or for a list whose length no longer matches the API's,
 * so a stale translation is never shown in place of a changed list (tests/unit/i18n/provider-lists.test.ts keeps the
 * English copy equal to lib/providers/catalog).
 */
export function useProviderCopy() {
  const t = useTranslations("providerCopy");
  const lists = useTranslations("providerLists");
  const tags = useTranslations("landing.tags");
  const options = useTranslations("optionCopy");
  // Catalog keys cannot hold dots (next-intl reads them as nesting): flux-1.1-pro is flux-1_1-pro there.
  const keyOf = (id: string) => id.replaceAll(".", "_");
  const list = (which: "features" | "limitations") => (id: string, fallback: string[]) => {
    const base = `${keyOf(id)}.${which}`;
    const sameLength = fallback.length === 0 ? !lists.has(`${base}.0`) : lists.has(`${base}.${fallback.length - 1}`) && !lists.has(`${base}.${fallback.length}`);
    return sameLength ? fallback.map((_, i) => lists(`${base}.${i}`)) : fallback;
  };
  return {
    description: (id: string, fallback: string) => (t.has(keyOf(id)) ? t(keyOf(id)) : fallback),
    features: list("features"),
    limitations: list("limitations"),
    /** An option's description: a unified option's (provider null) or one provider's own, for one content type. */
    option: (provider: string | null, type: string, name: string, fallback: string) => {
      const key = `${provider === null ? "unified" : keyOf(provider)}.${type}.${name}`;
      return options.has(key) ? options(key) : fallback;
    },
    tag: (key: string) => (tags.has(key) ? tags(key) : key),
  };
}
