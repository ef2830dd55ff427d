import { useTranslations } from "next-intl";

/**
 * The catalog's prose in the reader's language. The API keeps its English `description` (it is what the providers
 * query answers); the pages show the catalogs' copy, falling back to the API text for a provider added since.
 */
export function useProviderCopy() {
  const t = useTranslations("providerCopy");
  const tags = useTranslations("landing.tags");
  return {
    // Catalog keys cannot hold dots (next-intl reads them as nesting): flux-1.1-pro is flux-1_1-pro there.
    description: (id: string, fallback: string) => {
      const key = id.replaceAll(".", "_");
      return t.has(key) ? t(key) : fallback;
    },
    tag: (key: string) => (tags.has(key) ? tags(key) : key),
  };
}
