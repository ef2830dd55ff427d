import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";

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
 * Review screenshots are for people looking over the UI, never assertions: they are written only when
 * DOITONG_SCREENSHOTS=1 (`npm run screenshots` runs the browser tests so). Each costs a fresh frame, a capture and a
 * PNG encode: 40 viewport shots of one page cost Chromium 4.8 CPU-s more than none (2026-12-06), so the run's 61 (two
 * of them full pages) cost about 10 CPU-s, and beside vitest each took seconds of a test's time limit.
 */
export const SCREENSHOTS_WANTED = process.env.DOITONG_SCREENSHOTS === "1";

/**
 * A screenshot for review, written to test-results/screenshots/<name>.png when SCREENSHOTS_WANTED: what the viewport
 * shows (or one element, given a locator), unless `fullPage`. A full page is laid out and encoded at its whole
 * height — the catalog's took 11 s on a loaded machine — so only the pictures whose point is the whole page (the
 * landing at two widths) ask for one.
 */
export async function saveScreenshot(target: Page | Locator, name: string, { fullPage = false } = {}): Promise<void> {
  if (!SCREENSHOTS_WANTED) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  if ("goto" in target) await target.screenshot({ path, fullPage });
  else await target.screenshot({ path });
}
