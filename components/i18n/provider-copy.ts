import { useTranslations } from "next-intl";

/**
 * The catalog's prose in the reader's language. The API keeps its English `description` (it is what the providers
 * query answers); the pages show the catalogs' copy, falling back to the API text for a provider added since.
 */
export function useProviderCopy() {
  const t = useTranslations("providerCopy");
  const tags = useTranslations("landing.tags");
  return {
    description: (id: string, fallback: string) => (t.has(id) ? t(id) : fallback),
    tag: (key: string) => (tags.has(key) ? tags(key) : key),
  };
}
