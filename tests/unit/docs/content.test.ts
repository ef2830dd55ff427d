import { describe, expect, it } from "vitest";
import { renderDoc } from "@/components/docs/content";
import { DOCS_PAGES, GENERATED_PART_NAMES } from "@/components/docs/pages";

// The docs' pages as the server renders them (components/docs/content.ts), without a server: both languages have
// every page, with the same structure, so a reader switching language finds the same sections and samples.
describe("docs content", () => {
  for (const page of DOCS_PAGES) {
    it(`${page.slug || "(getting started)"}: en and ru render with a title, the same sections, samples and generated parts`, () => {
      const [en, ru] = [renderDoc(page, "en"), renderDoc(page, "ru")];
      for (const doc of [en, ru]) {
        expect(doc.title).toMatch(/\S/);
        for (const part of doc.parts) if (part.kind === "generated") expect(GENERATED_PART_NAMES).toContain(part.name);
        // Every heading has its own anchor, so links and search results land on it.
        expect(new Set(doc.headings.map((h) => h.anchor)).size).toBe(doc.headings.length);
      }
      expect(ru.title).not.toBe(en.title);
      expect(ru.headings.length).toBe(en.headings.length);
      expect(ru.samples).toEqual(en.samples);
      expect(ru.parts.map((p) => p.kind === "generated" && p.name)).toEqual(en.parts.map((p) => p.kind === "generated" && p.name));
    });
  }

  it("internal links point at docs pages and headings that exist, in the same language", () => {
    const href = (slug: string) => (slug ? `/docs/${slug}` : "/docs");
    for (const locale of ["en", "ru"] as const) {
      const anchors = new Map(DOCS_PAGES.map((p) => [href(p.slug), new Set(renderDoc(p, locale).headings.map((h) => h.anchor))]));
      for (const page of DOCS_PAGES) {
        const html = renderDoc(page, locale)
          .parts.map((p) => (p.kind === "html" ? p.html : ""))
          .join("");
        for (const [, path, anchor] of html.matchAll(/href="(\/docs[^"#]*)(?:#([^"]*))?"/g)) {
          expect([...anchors.keys()], `${locale} ${page.slug}: ${path}`).toContain(path);
          if (anchor) expect([...anchors.get(path)!], `${locale} ${page.slug}: ${path}#${anchor}`).toContain(anchor);
        }
      }
    }
  });
});
