import { searchIndexJson } from "@/components/docs/search-index";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";

// GET /docs/search-index?locale=en|ru — the docs' search index (MiniSearch JSON), searched in the browser.
export function GET(request: Request): Response {
  const asked = new URL(request.url).searchParams.get("locale");
  const locale = isLocale(asked) ? asked : DEFAULT_LOCALE;
  return new Response(searchIndexJson(locale), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
