/**
 * The docs' pages in reading order. A page's text is content/docs/<locale>/<file>.md (the title is its first
 * heading); its URL is /docs/<slug>. The sidebar, the search index and the tests all read this one list.
 */
export interface DocsPage {
  slug: string;
  file: string;
  section: "start" | "guides" | "reference";
}

export const DOCS_PAGES: readonly DocsPage[] = [
  { slug: "", file: "index", section: "start" },
  { slug: "guides/lifecycle", file: "lifecycle", section: "guides" },
  { slug: "guides/progress", file: "progress", section: "guides" },
  { slug: "guides/credits", file: "credits", section: "guides" },
  { slug: "guides/limits", file: "limits", section: "guides" },
  { slug: "guides/idempotency", file: "idempotency", section: "guides" },
  { slug: "guides/webhooks", file: "webhooks", section: "guides" },
  { slug: "guides/test-keys", file: "test-keys", section: "guides" },
  { slug: "guides/routing", file: "routing", section: "guides" },
  { slug: "guides/options", file: "options", section: "guides" },
  { slug: "guides/inputs", file: "inputs", section: "guides" },
  { slug: "guides/retention", file: "retention", section: "guides" },
  { slug: "guides/errors", file: "errors", section: "guides" },
  { slug: "guides/production", file: "production", section: "guides" },
  { slug: "reference/schema", file: "reference-schema", section: "reference" },
  { slug: "reference/providers", file: "reference-providers", section: "reference" },
  { slug: "reference/errors", file: "reference-errors", section: "reference" },
];

export const DOCS_SECTIONS = ["start", "guides", "reference"] as const;

/** The parts generated from the running code that a page may place with `<!-- doitong:<name> -->`. */
export const GENERATED_PART_NAMES = ["schema", "providers", "errors", "plans", "sandbox"] as const;
export type GeneratedPartName = (typeof GENERATED_PART_NAMES)[number];

export const docsHref = (slug: string) => (slug ? `/docs/${slug}` : "/docs");

export function findDocsPage(slug: string): DocsPage | undefined {
  return DOCS_PAGES.find((p) => p.slug === slug);
}
