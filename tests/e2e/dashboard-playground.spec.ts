import { type Locator, type Page, expect, test } from "@playwright/test";
import { CATALOG } from "@/lib/providers/catalog";
import type { GenerationType } from "@/lib/providers/types";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

test.use({ viewport: { width: 1280, height: 900 } });

forbidNonLocalRequests();
const screenshot = saveScreenshot;

/** At 390 px nothing in the page body sticks out to the right (tables scroll inside their own box). */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest(".overflow-x-auto"))
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className}`.slice(0, 100)),
  );
  expect(wide, "elements wider than the phone").toEqual([]);
}

/** Types a prompt, waits for the estimate to settle on the local provider (Auto), presses Run, waits for its card. */
async function runOnAuto(page: Page, prompt: string) {
  await page.getByLabel(/^(Prompt|Script)/).fill(prompt);
  await expect(page.getByTestId("estimate-provider")).toHaveAttribute("data-provider", "local");
  await expect(page.getByTestId("estimate")).toHaveAttribute("aria-busy", "false");
  const runs = page.locator("[data-testid=run-list] li[data-run]");
  const before = await runs.count();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(runs).toHaveCount(before + 1);
  const id = await runs.first().getAttribute("data-run");
  await expect(page.getByTestId("run-card")).toHaveAttribute("data-generation", id ?? "");
}

/** Plays a media element muted (always allowed without a gesture) and checks that time moves. */
async function playsAndAdvances(media: Locator) {
  await expect.poll(() => media.evaluate((m: HTMLMediaElement) => m.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const duration = await media.evaluate((m: HTMLMediaElement) => m.duration);
  expect(duration).toBeGreaterThan(0);
  await media.evaluate((m: HTMLMediaElement) => {
    m.muted = true;
    return m.play();
  });
  await expect.poll(() => media.evaluate((m: HTMLMediaElement) => m.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.1);
  expect(await media.evaluate((m: HTMLMediaElement) => m.error)).toBeNull();
  await media.evaluate((m: HTMLMediaElement) => m.pause());
  return duration;
}

test("playground runs an image, speech and a short video on Auto and plays the results", async ({ page }) => {
  test.setTimeout(150_000);
  await signedInAsNewUser(page);
  await page.goto("/dashboard/playground");
  await expect(page.getByRole("tab", { name: "Image" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("Nothing run yet")).toBeVisible();
  await expect(page.getByTestId("balance")).toContainText("50 credits");
  await screenshot(page, "dashboard-playground-empty");

  // IMAGE on Auto → the local preview; the card reaches COMPLETED and the picture has real pixels.
  const card = page.getByTestId("run-card");
  await runOnAuto(page, "A ceramic teapot on a linen tablecloth");
  await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 30_000 });
  const img = card.locator("img");
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await img.evaluate((i: HTMLImageElement) => i.naturalHeight)).toBeGreaterThan(0);
  await expect(card.getByRole("link", { name: "Download" })).toHaveAttribute("download", /\.png$/);
  await screenshot(page, "dashboard-playground-image");

  // Speech: the audio element loads and plays.
  await page.getByRole("tab", { name: "Speech" }).click();
  await expect(page.getByTestId("options-form")).toHaveAttribute("data-provider", "local");
  await runOnAuto(page, "Welcome to Doitong. One API for video, images, avatars and speech.");
  await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 30_000 });
  await playsAndAdvances(card.locator("audio"));
  await screenshot(page, "dashboard-playground-audio");

  // Video: the generated form drives the estimate, and bad values are named next to their field.
  await page.getByRole("tab", { name: "Video" }).click();
  await expect(page.locator('#provider option[value="kling"]')).toBeDisabled();
  const form = page.getByTestId("options-form");
  await expect(form).toHaveAttribute("data-provider", "local");
  await page.getByLabel(/^Prompt/).fill("A slow dolly shot over a misty pine forest");
  // The unified form: empty fields run on the provider's own default, shown as the placeholder.
  const duration = form.locator("#opt-duration");
  await expect(duration).toHaveValue("");
  await expect(duration).toHaveAttribute("placeholder", "5");
  await expect(form.locator('[data-option="duration"] [data-treatment]')).toHaveAttribute("data-treatment", "NATIVE");
  await expect(form.locator('[data-option="motionIntensity"] [data-treatment]')).toHaveAttribute("data-treatment", "IGNORED");
  await duration.fill("20");
  await expect(page.getByTestId("estimate-credits")).toHaveText("8 credits");
  await expect(page.getByTestId("estimate-time")).toHaveText("~10 s");
  await duration.fill("0");
  const fieldError = form.locator('[data-field-error="options.duration"]');
  await expect(fieldError).toContainText("must be at least 1");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeDisabled();
  await screenshot(page, "dashboard-playground-invalid");
  await duration.fill("2");
  await form.locator("#opt-resolution").selectOption("480p");
  await expect(fieldError).toHaveCount(0);
  await expect(page.getByTestId("estimate-credits")).toHaveText("2 credits");
  await expect(page.getByTestId("estimate-time")).toHaveText("~3 s");
  await runOnAuto(page, "A slow dolly shot over a misty pine forest");

  // Watch the card until it is final, noting every status and progress value it shows on the way.
  const statuses = new Set<string>();
  const progress: number[] = [];
  const bar = card.getByRole("progressbar");
  for (const deadline = Date.now() + 45_000; Date.now() < deadline;) {
    const status = (await card.getAttribute("data-status").catch(() => null)) ?? "";
    statuses.add(status);
    if (status === "COMPLETED" || status === "FAILED") break;
    const value = Number((await bar.getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null)) ?? NaN);
    if (Number.isFinite(value)) progress.push(value);
    if (value > 0 && value < 100 && progress.filter((v) => v > 0 && v < 100).length === 1) await screenshot(page, "dashboard-playground-video-progress");
    await page.waitForTimeout(40);
  }
  expect(statuses.has("COMPLETED"), `statuses seen: ${[...statuses].join(", ")}`).toBe(true);
  expect(statuses.has("PROCESSING") || progress.some((v) => v > 0 && v < 100), `progress seen: ${progress.join(", ")}`).toBe(true);
  const seconds = await playsAndAdvances(card.locator("video"));
  expect(Math.abs(seconds - 2)).toBeLessThan(0.3);
  await expect(card).toContainText("854×480");
  await screenshot(page, "dashboard-playground-video");

  await screenshot(page, "dashboard-playground");

  // A long clip can be cancelled while it runs; its reserved credits come back.
  await duration.fill("20");
  await form.locator("#opt-resolution").selectOption("1080p");
  await expect(page.getByTestId("estimate-credits")).toHaveText("12 credits");
  await runOnAuto(page, "A long take of waves on a pebble beach");
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toHaveAttribute("data-status", "CANCELLED", { timeout: 15_000 });
  await expect(card.getByTestId("run-status")).toContainText("Cancelled");

  // The session list holds the four runs, newest first, and the balance paid only for the finished three.
  await expect(page.getByTestId("run-list").locator("li[data-run]")).toHaveCount(4);
  await expect(page.getByTestId("run-list").locator("[data-status]")).toHaveText(["Cancelled", "Completed", "Completed", "Completed"]);
  await expect(page.getByTestId("balance")).toContainText("46 credits");

  // The same page on a phone: one column, nothing cut off.
  await expectFitsPhone(page);
  await screenshot(page, "dashboard-playground-mobile");
});

test("catalog lists every provider for each type it makes, with its options and models", async ({ page }) => {
  await signedInAsNewUser(page);
  await page.goto("/dashboard/catalog");
  await expect(page.locator('article[data-provider="local"]').first()).toBeVisible();
  // What every entry shows, read in one pass: a locator assertion per row was hundreds of round trips to the
  // browser (50 s on a loaded machine) for the same facts.
  const entries = await page.locator("section[data-type] article[data-provider]").evaluateAll((articles) =>
    articles.map((a) => ({
      key: `${(a.closest("section[data-type]") as HTMLElement).dataset.type} ${(a as HTMLElement).dataset.provider}`,
      heading: a.querySelector("h3")?.textContent ?? "",
      text: a.textContent ?? "",
      options: [...a.querySelectorAll<HTMLElement>("tr[data-option]")].map((tr) => [tr.dataset.option, tr.checkVisibility()]),
      models: [...a.querySelectorAll<HTMLElement>("tr[data-model]")].map((tr) => [tr.dataset.model, tr.dataset.status, tr.querySelectorAll("td")[0]?.textContent]),
    })),
  );
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const provider of CATALOG) {
    const types = Object.keys(provider.models) as GenerationType[];
    for (const type of types) {
      const entry = byKey.get(`${type} ${provider.id}`);
      expect(entry, `${provider.id} ${type} is listed`).toBeDefined();
      expect(entry?.heading).toContain(provider.name);
      expect(entry?.text).toContain(provider.vendor);
      // Each option of the provider has its row, shown.
      const options = provider.models[type]?.options ?? [];
      expect(entry?.options, `${provider.id} ${type} options`).toEqual(expect.arrayContaining(options.map((o) => [o.name, true])));
      expect(entry?.options).toHaveLength(options.length);
      // Every vendor model behind it, retired ones included, with its vendor id and status.
      const models = provider.models[type]?.lineup.models ?? [];
      expect(entry?.models, `${provider.id} ${type}`).toEqual(models.map((m) => [m.id, m.status, m.vendorModelId]));
    }
  }
  // A retired model says when it ended and what replaced it; a deprecated one what to move to.
  const imagen = page.locator('section[data-type="IMAGE"] article[data-provider="imagen"]');
  await expect(imagen.locator('tr[data-model="imagen-4-ultra"]')).toContainText(/Retired\s*2026-08-17\s*nano-banana-pro/);
  await expect(imagen.locator('tr[data-model="nano-banana-2"]')).toContainText(/Deprecated.*nano-banana-2\.1/);
  await expect(page.locator('section[data-type="VIDEO"] article[data-provider="veo"] tr[data-model="veo-3"]')).toContainText(
    /veo-3\.0-generate-001\s*Retired\s*2026-06-30\s*veo-3\.1/,
  );
  await screenshot(imagen, "dashboard-catalog-imagen-models");
  await expect(page.locator('article[data-provider="local"]').first()).toContainText("Available on this server");
  await screenshot(page, "dashboard-catalog");
  await expectFitsPhone(page);
});

test("several outputs: the playground and the history show them as a grid", async ({ page }) => {
  test.setTimeout(90_000);
  await signedInAsNewUser(page);
  await page.goto("/dashboard/playground");
  await page.getByTestId("options-form").locator("#opt-numOutputs").fill("4");
  await expect(page.getByTestId("estimate-credits")).toHaveText("4 credits"); // the local preview's 1 credit × 4
  await runOnAuto(page, "Four views of a red kite over a meadow");
  const card = page.getByTestId("run-card");
  await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 30_000 });
  const images = card.getByTestId("result-grid").locator("img");
  await expect(images).toHaveCount(4);
  for (const img of await images.all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  await screenshot(page, "dashboard-playground-outputs");

  await page.goto(`/dashboard/history/${await card.getAttribute("data-generation")}`);
  const grid = page.getByTestId("media-grid");
  await expect(grid.getByTestId("media-output")).toHaveCount(4);
  await expect(page.getByText("4 of 4 outputs")).toBeVisible();
  for (const img of await grid.locator("img").all())
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(grid.getByRole("link", { name: /Download output/ })).toHaveCount(4);
  await screenshot(page, "history-detail-outputs");
});
