import MiniSearch from "minisearch";
import type { Locale } from "@/lib/i18n/locales";
import { renderDoc } from "./content";
import { DOCS_PAGES, docsHref } from "./pages";
import { providersFor } from "@/lib/providers/catalog";
import { errorCodes, GENERATION_TYPES, schemaTypes } from "./reference-data";
import { SEARCH_OPTIONS, type SearchDoc } from "./search-options";

/**
 * The docs' full-text index for one language (MiniSearch): every section of every page, and every schema type,
 * provider and error code of the generated reference. Built once per process on the server and sent as JSON to the
 * search box, which searches it in the browser: no search service, nothing leaves the machine.
 */
function documents(locale: Locale): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const page of DOCS_PAGES) {
    const doc = renderDoc(page, locale);
    for (const s of doc.sections) {
      const href = `${docsHref(page.slug)}${s.anchor ? `#${s.anchor}` : ""}`;
      docs.push({ id: href, title: s.heading || doc.title, page: doc.title, href, text: s.text });
    }
  }
  const schemaPage = renderDoc(
    DOCS_PAGES.find((p) => p.file === "reference-schema")!,
    locale,
  ).title;
  for (const t of schemaTypes()) {
    const href = `/docs/reference/schema#type-${t.name}`;
    const text = [t.description, ...t.fields.map((f) => `${f.name} ${f.description ?? ""}`), ...t.values.map((v) => v.name)].join(" ");
    docs.push({ id: href, title: t.name, page: schemaPage, href, text });
  }
  const providersPage = renderDoc(
    DOCS_PAGES.find((p) => p.file === "reference-providers")!,
    locale,
  ).title;
  for (const type of GENERATION_TYPES) {
    for (const p of providersFor(type)) {
      const href = `/docs/reference/providers#provider-${type.toLowerCase()}-${p.id}`;
      const options = p.models[type]?.options ?? [];
      docs.push({ id: href, title: `${p.name} (${p.id}, ${type})`, page: providersPage, href, text: [p.vendor, p.description, ...options.map((o) => o.name)].join(" ") });
    }
  }
  const errorsPage = renderDoc(
    DOCS_PAGES.find((p) => p.file === "reference-errors")!,
    locale,
  ).title;
  for (const e of errorCodes()) {
    const href = `/docs/reference/errors#error-${e.code}`;
    docs.push({ id: href, title: e.code, page: errorsPage, href, text: `${e.description} ${e.action}` });
  }
  return docs;
}

const built = new Map<Locale, string>();

/** The serialized index (MiniSearch.loadJSON reads it with SEARCH_OPTIONS). */
export function searchIndexJson(locale: Locale): string {
  let json = built.get(locale);
  if (!json) {
    const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
    index.addAll(documents(locale));
    json = JSON.stringify(index);
    if (process.env.NODE_ENV === "production") built.set(locale, json);
  }
  return json;
}
