import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { buildSchema } from "graphql";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";
import { renderDoc } from "@/components/docs/content";
import { DOCS_PAGES, docsHref } from "@/components/docs/pages";
import { ERROR_CODES } from "@/lib/errors";
import { CATALOG } from "@/lib/providers/catalog";
import en from "@/messages/en.json" with { type: "json" };
import ru from "@/messages/ru.json" with { type: "json" };

// Issue 17 (docs at /docs) and 19 (guides in Russian and English): every page in both languages loads in Chromium
// with no console error and no request leaving the machine, the search finds what a developer types, and the
// reference shows every schema type, provider and error code of the running server.

forbidNonLocalRequests();
test.use({ viewport: { width: 1400, height: 900 } });

const LOCALES = { en, ru } as const;
type Locale = keyof typeof LOCALES;

async function useLocale(page: Page, locale: Locale) {
  const url = new URL(process.env.E2E_BASE_URL!);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, domain: url.hostname, path: "/" }]);
}

/** Console errors and uncaught exceptions on the page, collected from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

for (const locale of Object.keys(LOCALES) as Locale[]) {
  const m = LOCALES[locale];
  test.describe(`docs in ${locale}`, () => {
    test.beforeEach(async ({ page }) => useLocale(page, locale));

    test("every page loads with its title, the sidebar and no console error", async ({ page }) => {
      const errors = consoleErrors(page);
      for (const entry of DOCS_PAGES) {
        const title = renderDoc(entry, locale).title;
        const response = await page.goto(docsHref(entry.slug));
        expect(response?.status(), entry.slug).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
        await expect(page.getByRole("navigation", { name: m.docs.navLabel }).getByRole("link", { name: title, exact: true })).toHaveAttribute("aria-current", "page");
        // Every sample on the page is shown from its file (the file a test runs).
        for (const sample of renderDoc(entry, locale).samples) await expect(page.locator(`figure[data-sample="${sample}"]`)).toHaveCount(1);
      }
      await page.goto("/docs");
      await saveScreenshot(page, `docs-getting-started-${locale}`);
      await page.goto("/docs/guides/webhooks");
      await saveScreenshot(page, `docs-webhooks-${locale}`);
      expect(errors).toEqual([]);
    });

    test("search finds idempotency and webhooks, and a result opens the guide", async ({ page }) => {
      const errors = consoleErrors(page);
      await page.goto("/docs");
      const search = page.getByRole("searchbox", { name: m.docs.search.label });
      const queries = locale === "en" ? { idempotency: "idempotency", webhook: "webhook" } : { idempotency: "идемпотентные", webhook: "вебхук" };
      for (const [query, slug] of [
        ["idempotency", "guides/idempotency"],
        ["webhook", "guides/webhooks"],
        [queries.idempotency, "guides/idempotency"],
        [queries.webhook, "guides/webhooks"],
      ]) {
        await search.fill(query);
        const results = page.getByTestId("docs-search-results");
        await expect(results.locator(`a[href^="/docs/${slug}"]`).first(), `${query} → ${slug}`).toBeVisible();
      }
      await search.fill(queries.webhook);
      await page.getByTestId("docs-search-results").locator('a[href^="/docs/guides/webhooks"]').first().click();
      await expect(page).toHaveURL(/\/docs\/guides\/webhooks/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        renderDoc(
          DOCS_PAGES.find((p) => p.slug === "guides/webhooks")!,
          locale,
        ).title,
      );
      // An error code is found too, from the generated reference.
      await search.fill("IDEMPOTENCY_CONFLICT");
      await expect(page.getByTestId("docs-search-results").locator('a[href="/docs/reference/errors#error-IDEMPOTENCY_CONFLICT"]')).toBeVisible();
      expect(errors).toEqual([]);
    });

    test("the reference lists every schema type, every provider of every type and every error code", async ({ page }) => {
      await page.goto("/docs/reference/schema");
      // The SDL the SDKs are generated from (sdk/schema.graphql, regenerated from the live schema).
      const schema = buildSchema(fs.readFileSync("sdk/schema.graphql", "utf8"));
      const names = Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith("__"));
      const shown = await page.locator("section[data-type]").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
      expect(new Set(shown)).toEqual(new Set(names));
      const generation = page.locator('section[data-type="Generation"]');
      await expect(generation).toContainText("estimatedTimeRemaining");
      await expect(page.locator('section[data-type="GenerationStatus"]')).toContainText("CANCELLED");

      await page.goto("/docs/reference/providers");
      for (const provider of CATALOG) {
        for (const type of Object.keys(provider.models)) {
          const entry = page.locator(`[id="provider-${type.toLowerCase()}-${provider.id}"]`);
          await expect(entry, `${provider.id} (${type})`).toHaveCount(1);
          await expect(entry.getByRole("heading", { level: 3 })).toContainText(provider.id);
        }
      }
      await expect(page.locator('[id="provider-video-local"]')).toContainText(locale === "en" ? "Price at defaults" : "Цена по умолчанию");

      await page.goto("/docs/reference/errors");
      for (const [code, e] of Object.entries(ERROR_CODES)) {
        const row = page.locator(`tr[data-code="${code}"]`);
        await expect(row).toContainText(String(e.status));
        await expect(row).toContainText(m.errorTable[code as keyof typeof m.errorTable].description);
      }
    });
  });
}

test("the landing page and the dashboard link to the docs", async ({ page }) => {
  await useLocale(page, "en");
  await page.goto("/");
  await page.getByRole("navigation", { name: en.header.nav }).getByRole("link", { name: en.header.docs }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting started");

  await signedInAsNewUser(page);
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: en.dashboard.nav.label }).getByRole("link", { name: en.dashboard.nav.docs }).click();
  await expect(page).toHaveURL(/\/docs$/);
});

// A result link is a full page load, and on a busy machine (CI's, a phone) a reader can type before the page's
// scripts have run: what they typed must still be searched once the page is live (CI of 2026-12-06 lost such a query).
test("a query typed before the page's scripts have run is searched once they have", async ({ page }) => {
  await useLocale(page, "en");
  let hold = true;
  const held: (() => Promise<void>)[] = [];
  await page.route("**/_next/static/chunks/**", (route) => (hold ? void held.push(() => route.continue()) : route.continue()));
  // Deferred scripts hold back DOMContentLoaded too: wait for the server-rendered box itself.
  await page.goto("/docs", { waitUntil: "commit" });
  const search = page.getByRole("searchbox", { name: en.docs.search.label });
  await search.fill("IDEMPOTENCY_CONFLICT");
  expect(held.length, "the page's scripts were held back while typing").toBeGreaterThan(0);
  hold = false;
  await Promise.all(held.map((release) => release()));
  await expect(page.getByTestId("docs-search-results").locator('a[href="/docs/reference/errors#error-IDEMPOTENCY_CONFLICT"]')).toBeVisible();
  await expect(search).toHaveValue("IDEMPOTENCY_CONFLICT");
});
