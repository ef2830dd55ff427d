import fs from "node:fs";
import path from "node:path";
import { Marked, type Tokens } from "marked";
import type { Locale } from "@/lib/i18n/locales";
import type { DocsPage } from "./pages";

/**
 * The guides are Markdown files in content/docs/<locale>/, rendered on the server by `marked` (no MDX compiler,
 * no client JavaScript for the text). Two extensions, both on lines of their own:
 *
 * - `<<< samples/<file>` includes a sample file verbatim as a code block. The same file is what
 *   tests/integration/docs-samples.test.ts runs against a started server, so a page cannot show code that fails.
 * - `<!-- doitong:<name> -->` places a part generated from the live code (schema, catalog, error table…),
 *   rendered by components/docs/generated.tsx.
 */
export const CONTENT_DIR = path.join(process.cwd(), "content/docs");

export type DocsPart = { kind: "html"; html: string } | { kind: "generated"; name: string };

export interface DocsSection {
  /** The heading's anchor ("" for the text before the first ## heading). */
  anchor: string;
  heading: string;
  text: string;
}

export interface RenderedDoc {
  title: string;
  parts: DocsPart[];
  headings: { depth: number; anchor: string; text: string }[];
  sections: DocsSection[];
  samples: string[];
}

const INCLUDE = /^<<<\s+(samples\/[\w.-]+)\s*$/gm;
const GENERATED = /^<!--\s*doitong:([\w-]+)\s*-->\s*$/m;
const LANGUAGES: Record<string, string> = { sh: "sh", ts: "ts", py: "python", mjs: "js", json: "json", graphql: "graphql" };

export function slugify(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&[#\w]+;/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The text of an included sample, as the page shows it and the test runs it. */
export function readSample(name: string): string {
  return fs.readFileSync(path.join(CONTENT_DIR, name), "utf8");
}

function markedFor(headings: RenderedDoc["headings"]): Marked {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading({ tokens, depth }: Tokens.Heading) {
        const html = this.parser.parseInline(tokens);
        const anchor = slugify(html);
        headings.push({ depth, anchor, text: html.replace(/<[^>]+>/g, "") });
        if (depth === 1) return `<h1>${html}</h1>\n`;
        return `<h${depth} id="${anchor}"><a class="docs-anchor" href="#${anchor}">${html}</a></h${depth}>\n`;
      },
      code({ text, lang }: Tokens.Code) {
        const info = (lang ?? "").trim();
        const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
        const language = info.split(/\s+/)[0] || "text";
        const code = `<pre><code class="language-${escapeHtml(language)}">${escapeHtml(text)}</code></pre>`;
        if (!file) return `${code}\n`;
        return `<figure class="docs-sample" data-sample="${escapeHtml(file)}"><figcaption>${escapeHtml(file.replace(/^samples\//, ""))}</figcaption>${code}</figure>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        const external = /^https?:\/\//.test(href);
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""}${external ? ' rel="noreferrer"' : ""}>${text}</a>`;
      },
    },
  });
  return marked;
}

/** Markdown with the sample includes replaced by fenced blocks carrying the file name. */
function expandIncludes(markdown: string, samples: string[]): string {
  return markdown.replace(INCLUDE, (_, name: string) => {
    samples.push(name);
    const ext = name.split(".").pop() ?? "";
    const body = readSample(name).replace(/\n$/, "");
    return `\`\`\`\`${LANGUAGES[ext] ?? ext} file=${name}\n${body}\n\`\`\`\``;
  });
}

function plainText(markdown: string): string {
  return markdown
    .replace(/^`{3,}.*$/gm, "")
    .replace(/<!--.*?-->/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#*_`>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function sectionsOf(markdown: string): DocsSection[] {
  const sections: DocsSection[] = [];
  let current: DocsSection = { anchor: "", heading: "", text: "" };
  for (const line of markdown.split("\n")) {
    const h = /^##\s+(.*)$/.exec(line);
    if (h) {
      sections.push(current);
      current = { anchor: slugify(h[1].replace(/`/g, "")), heading: h[1].replace(/`/g, ""), text: "" };
    } else if (!line.startsWith("# ")) current.text += `${line}\n`;
  }
  sections.push(current);
  return sections.map((s) => ({ ...s, text: plainText(s.text) })).filter((s) => s.heading || s.text);
}

const cache = new Map<string, RenderedDoc>();

/** One page in one language. Cached per process in production: the files do not change under a running server. */
export function renderDoc(page: DocsPage, locale: Locale): RenderedDoc {
  const key = `${locale}/${page.file}`;
  const hit = process.env.NODE_ENV === "production" ? cache.get(key) : undefined;
  if (hit) return hit;
  const source = fs.readFileSync(path.join(CONTENT_DIR, locale, `${page.file}.md`), "utf8");
  const samples: string[] = [];
  const markdown = expandIncludes(source, samples);
  const headings: RenderedDoc["headings"] = [];
  const marked = markedFor(headings);
  const parts: DocsPart[] = [];
  for (const [i, chunk] of markdown.split(new RegExp(GENERATED.source, "gm")).entries()) {
    // split() with a capture group alternates text, directive name, text…
    if (i % 2 === 1) parts.push({ kind: "generated", name: chunk });
    else if (chunk.trim()) parts.push({ kind: "html", html: marked.parse(chunk, { async: false }) });
  }
  const title = /^#\s+(.*)$/m.exec(source)?.[1].replace(/`/g, "") ?? page.slug;
  const doc: RenderedDoc = { title, parts, headings: headings.filter((h) => h.depth === 2), sections: sectionsOf(markdown), samples };
  cache.set(key, doc);
  return doc;
}
