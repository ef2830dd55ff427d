import { type APIRequestContext, type Locator, type Page, expect, test } from "@playwright/test";
import { confirmationLink } from "../fakes/mailbox";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { mailTo } from "./support/session";

// One uninterrupted first session of a brand-new person, as they would click through it: sign up, confirm the
// address from the mail, make an API key
// that works, buy credits through (the fake) Stripe Checkout, run an image, speech and a video on the local
// provider and play them, find them in history, revoke the key — after which the same key is refused.
// global-setup starts the app pointed at a local fake Stripe, so the checkout round trip stays on this machine.

forbidNonLocalRequests();
test.use({ viewport: { width: 1280, height: 900 } });

const PASSWORD = "correct horse battery staple";
let shot = 0;
const screenshot = (page: Page, name: string) => saveScreenshot(page, `walk-${String(++shot).padStart(2, "0")}-${name}`);

/** A GraphQL call the way an integration makes it: only the API key (a Bearer key ignores the page's cookies). */
async function callApi(request: APIRequestContext, key: string, query: string) {
  const res = await request.post("/graphql", { headers: { Authorization: `Bearer ${key}` }, data: { query } });
  return { status: res.status(), body: (await res.json()) as { data?: { me?: { credits: { balance: number } } }; errors?: { extensions?: { code?: string } }[] } };
}

const credits = (text: string | null) => Number(/([\d,]+) credits?/.exec(text ?? "")?.[1].replace(/,/g, "") ?? NaN);

/**
 * Records what the run card shows each time the DOM changes (a MutationObserver, so nothing between two polls of
 * the test is missed): the generation, its status, and whether the progress bar is there and at what value.
 */
async function recordRunCard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { runCardLog: { id: string; status: string; bar: string | null; result: boolean }[]; runCardObserver?: MutationObserver };
    w.runCardObserver?.disconnect();
    w.runCardLog = [];
    const snap = () => {
      const card = document.querySelector<HTMLElement>('[data-testid="run-card"]');
      if (!card) return;
      const bar = card.querySelector<HTMLElement>('[role="progressbar"]');
      const entry = {
        id: card.dataset.generation ?? "",
        status: card.dataset.status ?? "",
        bar: bar ? (bar.dataset.value ?? "") : null,
        result: !!card.querySelector('[data-testid="result"]'),
      };
      const last = w.runCardLog.at(-1);
      if (JSON.stringify(last) !== JSON.stringify(entry)) w.runCardLog.push(entry);
    };
    w.runCardObserver = new MutationObserver(snap);
    w.runCardObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status", "data-value"] });
  });
}

/**
 * Runs the current tab's form on the local provider and follows the card from the progress bar to the result.
 * Returns the generation id and the price the estimate showed.
 */
async function runOnLocal(page: Page, prompt: string): Promise<{ id: string; cost: number }> {
  const card = page.getByRole("region", { name: "Current run" });
  await page.getByLabel("Provider", { exact: true }).selectOption("local");
  await expect(page.getByTestId("options-form")).toHaveAttribute("data-provider", "local");
  await page.getByLabel(/^(Prompt|Script)/).fill(prompt);
  await expect(page.getByTestId("estimate")).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("estimate-provider")).toHaveAttribute("data-provider", "local");
  const cost = credits(await page.getByTestId("estimate-credits").textContent());
  await recordRunCard(page);
  const previous = (await card.count()) > 0 ? await card.getAttribute("data-generation") : null;
  await page.getByRole("button", { name: "Run", exact: true }).click();
  // The card now shows the new run (the first run replaces the empty state; later ones the previous card).
  await expect(card).toHaveAttribute("data-generation", /\w/);
  if (previous) await expect(card).not.toHaveAttribute("data-generation", previous);
  const id = (await card.getAttribute("data-generation")) ?? "";
  await expect(card).toHaveAttribute("data-status", "COMPLETED", { timeout: 45_000 });
  await expect(card.getByTestId("result")).toBeVisible();

  // What the person saw on the way: the bar appeared for this run, only ever moved forward, and gave way to the result.
  const log = (await page.evaluate(() => (window as unknown as { runCardLog: { id: string; status: string; bar: string | null; result: boolean }[] }).runCardLog)).filter(
    (e) => e.id === id,
  );
  const withBar = log.filter((e) => e.bar !== null);
  expect(withBar.length, `run card states: ${JSON.stringify(log)}`).toBeGreaterThan(0);
  const values = withBar
    .map((e) => e.bar)
    .filter((v): v is string => v !== "")
    .map(Number);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(log.at(-1)).toMatchObject({ status: "COMPLETED", bar: null, result: true });
  return { id, cost };
}

/** Plays an audio or video element (muted: allowed without a gesture) and sees it actually playing. */
async function playsAndAdvances(media: Locator): Promise<void> {
  await expect.poll(() => media.evaluate((m: HTMLMediaElement) => m.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(await media.evaluate((m: HTMLMediaElement) => m.duration)).toBeGreaterThan(0);
  await media.evaluate((m: HTMLMediaElement) => {
    m.muted = true;
    return m.play();
  });
  expect(await media.evaluate((m: HTMLMediaElement) => m.paused)).toBe(false);
  await expect.poll(() => media.evaluate((m: HTMLMediaElement) => m.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.1);
  expect(await media.evaluate((m: HTMLMediaElement) => m.error)).toBeNull();
  await media.evaluate((m: HTMLMediaElement) => m.pause());
}

test("a new person's first session: sign up, key, top-up, three generations, history, revoke", async ({ page }) => {
  test.setTimeout(240_000);
  expect(process.env.E2E_FAKE_STRIPE_URL, "global-setup did not start the fake Stripe").toBeTruthy();

  // Sign up: a new account on Free with 50 welcome credits.
  const email = `walk-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await screenshot(page, "signup");
  const since = Date.now();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-email")).toContainText(email);
  // The link from the confirmation mail creates the account; then sign in.
  await page.goto(confirmationLink(await mailTo(email, since)));
  await expect(page.getByTestId("sign-in-notice")).toContainText("your account is ready");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("stat-plan")).toContainText("FREE");
  await expect(page.getByTestId("stat-balance")).toContainText("50 credits");
  await screenshot(page, "overview");

  // An API key, copied from the page (the only time it is shown); it works straight away.
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/dashboard\/keys$/);
  await page.getByLabel("Name").fill("Walk key");
  await page.getByRole("radio", { name: /Live/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent()) ?? "";
  expect(key).toMatch(/^dk_live_[\w-]{32}$/); // 24 random bytes in base64url: "-" and "_" included
  await screenshot(page, "key-created");
  const fresh = await callApi(page.request, key, "{ me { credits { balance } } }");
  expect(fresh.status).toBe(200);
  expect(fresh.body.data?.me?.credits.balance).toBe(50);

  // Top up 500 credits through Checkout; the signed webhook credits them before Stripe sends the person back.
  await page.getByRole("link", { name: "Credits & billing" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing$/);
  await expect(page.getByTestId("billing-balance")).toContainText("50");
  await screenshot(page, "billing");
  await page
    .getByTestId("pack-pack_500")
    .getByRole("button", { name: /Buy 500 credits/ })
    .click();
  await page.waitForURL(`${process.env.E2E_FAKE_STRIPE_URL}/pay/**`);
  await expect(page.getByRole("heading", { name: "Pay 5.00 USD" })).toBeVisible();
  await screenshot(page, "stripe-checkout");
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL("**/dashboard/billing?checkout=success");
  await expect(page.getByTestId("checkout-banner")).toContainText("Payment received");
  await expect(page.getByTestId("billing-balance")).toContainText("550");
  await screenshot(page, "billing-topped-up");

  // The playground: image, speech and video on the local provider, each followed from progress bar to result.
  await page.getByRole("link", { name: "Playground" }).click();
  await expect(page).toHaveURL(/\/dashboard\/playground$/);
  await expect(page.getByTestId("balance")).toContainText("550 credits");
  const card = page.getByRole("region", { name: "Current run" });

  const image = await runOnLocal(page, "A ceramic teapot on a linen tablecloth");
  const img = card.getByRole("img", { name: "A ceramic teapot on a linen tablecloth" });
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  await screenshot(page, "playground-image");

  await page.getByRole("tab", { name: "Speech" }).click();
  const audio = await runOnLocal(page, "Welcome to Doitong. One API for video, images, avatars and speech.");
  await playsAndAdvances(card.locator("audio"));
  await screenshot(page, "playground-speech");

  await page.getByRole("tab", { name: "Video" }).click();
  await page.getByLabel("Provider", { exact: true }).selectOption("local");
  await page
    .getByTestId("options-form")
    .getByLabel(/^duration/)
    .fill("2");
  await page
    .getByTestId("options-form")
    .getByLabel(/^resolution/)
    .selectOption("480p");
  const video = await runOnLocal(page, "A slow dolly shot over a misty pine forest");
  await playsAndAdvances(card.locator("video"));
  await screenshot(page, "playground-video");

  // Charged exactly what each estimate said.
  const spent = image.cost + audio.cost + video.cost;
  await expect(page.getByTestId("balance")).toContainText(`${(550 - spent).toLocaleString("en-US")} credits`);

  // History lists all three, finished; one opens on its own page and plays there too.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/dashboard\/history/);
  for (const { id } of [image, audio, video]) {
    const row = page.getByRole("listitem").filter({ has: page.getByText(id, { exact: true }) });
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "COMPLETED");
  }
  await screenshot(page, "history");
  await page.getByRole("link").filter({ hasText: audio.id }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/history/${audio.id}$`));
  await expect(page.getByTestId("generation-prompt")).toHaveText("Welcome to Doitong. One API for video, images, avatars and speech.");
  await expect(page.getByTestId("generation-facts")).toContainText("local");
  await playsAndAdvances(page.getByTestId("media").locator("audio"));
  await screenshot(page, "history-detail");

  // Revoke the key; the same call that worked at the start is now refused.
  await page.getByRole("link", { name: "API keys" }).click();
  const row = page.getByTestId("keys-list").getByRole("listitem").filter({ hasText: "Walk key" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await screenshot(page, "key-revoked");
  const refused = await callApi(page.request, key, "{ me { credits { balance } } }");
  expect(refused.status).toBe(401);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});
