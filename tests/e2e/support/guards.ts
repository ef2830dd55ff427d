import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";

const SCREENSHOTS = "test-results/screenshots";

/** Every page must work with no network: anything not served by this machine (fonts, CDNs, analytics) is a bug.
 * data: and blob: URLs never leave the browser; a blob's origin is the page that made it. */
export function isLocal(raw: string): boolean {
  const url = new URL(raw.startsWith("blob:") ? raw.slice(5) : raw);
  if (url.protocol === "data:") return true;
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname === "127.0.0.1";
}

/**
 * Registers, for the calling spec file, a check after each test that no page requested a non-local URL. Returns
 * `watch` for pages the test opens in further browser contexts.
 */
export function forbidNonLocalRequests(): { watch(page: Page): void } {
  let requested: string[] = [];
  const watch = (page: Page) => page.on("request", (r) => requested.push(r.url()));
  test.beforeEach(({ page }) => {
    requested = [];
    watch(page);
  });
  test.afterEach(() => {
    expect(
      requested.filter((u) => !isLocal(u)),
      "requests to non-local hosts",
    ).toEqual([]);
  });
  return { watch };
}

/**
 * A screenshot for review, written to test-results/screenshots/<name>.png: what the viewport shows, unless
 * `fullPage`. A full page is laid out and encoded at its whole height — the catalog's took 11 s on a loaded
 * machine — so only the pictures whose point is the whole page (the landing at two widths) ask for one.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}
