import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { confirmationLink } from "../fakes/mailbox";
import { mailTo, signedInAsNewUser } from "./support/session";

const PASSWORD = "correct horse battery staple";
const screenshot = (page: Page, name: string) => saveScreenshot(page, `dashboard-${name}`);

/** A GraphQL call the way an integration makes it: the API key only (the page's cookies are ignored for Bearer). */
async function callApi<T>(request: APIRequestContext, key: string, query: string): Promise<{ status: number; body: { data?: T; errors?: { message: string }[] } }> {
  const res = await request.post("/graphql", { headers: { Authorization: `Bearer ${key}` }, data: { query } });
  return { status: res.status(), body: await res.json() };
}

/** Creates a key through the keys page and reads it from the one-time box. */
async function createKeyInUi(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("radio", { name: /Live/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const value = page.getByTestId("new-key-value");
  await expect(value).toHaveText(/^dk_live_/);
  return (await value.textContent()) ?? "";
}

const network = forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 800 }));

test("sign up, confirm the address from the mail, sign in, see FREE with 50 credits, create a live key that works, revoke it, sign out and back in", async ({ page }) => {
  const email = `studio-${Date.now()}@example.com`;
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  // A field-level error from the API is shown under its field, in words.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters");
  // Long enough is not enough: a guessable password is refused, saying why.
  await page.getByLabel("Password").fill("aaaaaaaaaa");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("This password is too easy to guess");
  await page.getByLabel("Password").fill(PASSWORD);
  await screenshot(page, "signup");
  const since = Date.now();
  await page.getByRole("button", { name: "Create account" }).click();

  // Nothing exists until the address is confirmed: the page says to check the mail, and the mail has the link.
  await expect(page.getByTestId("check-email")).toContainText(`We sent a message to ${email}`);
  await expect(page.getByTestId("mail-in-log")).toHaveCount(0);
  await screenshot(page, "signup-check-email");
  const mail = await mailTo(email, since);
  expect(mail.subject).toBe("Confirm your email to finish creating your Doitong account");
  await page.goto(confirmationLink(mail));
  await expect(page).toHaveURL(/\/signin\?confirmed=confirmed$/);
  await expect(page.getByTestId("sign-in-notice")).toContainText("50 welcome credits");
  await screenshot(page, "signin-confirmed");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("stat-plan")).toContainText("FREE");
  await expect(page.getByTestId("stat-balance")).toContainText("50 credits");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("plan-badge")).toHaveText("FREE");
  await expect(page.getByTestId("limits-card")).toContainText("Generations per day");
  await expect(page.getByTestId("recent-generations")).toContainText("No generations yet");
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await screenshot(page, "overview");

  const key = await createKeyInUi(page, "Production server");
  await expect(page.getByTestId("new-key")).toContainText("only time the full key is shown");
  const row = page.getByTestId("keys-list").locator("li", { hasText: "Production server" });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText("Live");
  await expect(row).toContainText("never used");
  await screenshot(page, "keys");

  const ok = await callApi<{ me: { plan: string } }>(page.request, key, "{ me { plan } }");
  expect(ok.status).toBe(200);
  expect(ok.body.data?.me.plan).toBe("FREE");

  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  expect((await callApi(page.request, key, "{ me { plan } }")).status).toBe(401);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password");
  await screenshot(page, "signin");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("history shows your generation and its media; a second user sees none of it", async ({ page, browser, baseURL }) => {
  await signedInAsNewUser(page);
  const key = await createKeyInUi(page, "Owner's key");
  const started = await callApi<{ generate: { id: string } }>(
    page.request,
    key,
    `mutation { generate(input: { type: IMAGE, provider: "local", input: { text: "A lighthouse at dusk" }, options: { seed: 7 } }) { id } }`,
  );
  expect(started.body.errors).toBeUndefined();
  const id = started.body.data?.generate.id ?? "";

  await page.goto("/dashboard/history");
  const item = page.locator(`li[data-generation="${id}"]`);
  await expect(item).toContainText("A lighthouse at dusk");
  await expect(item.locator("[data-status]")).toHaveAttribute("data-status", "COMPLETED", { timeout: 30_000 });
  // Filters go to the API: no FAILED generations, and the COMPLETED image is found by type and provider.
  await page.getByLabel("Status").selectOption("FAILED");
  await expect(page.getByTestId("history-list")).toContainText("No generations match these filters");
  await page.getByLabel("Status").selectOption("COMPLETED");
  await page.getByLabel("Type").selectOption("IMAGE");
  await expect(item).toBeVisible();
  await expect(page).toHaveURL(/status=COMPLETED/);
  await screenshot(page, "history");

  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/history/${id}$`));
  // History refreshes on its own; the detail page reads the final state from the server.
  await expect(page.getByTestId("generation-detail").locator("[data-status]").first()).toHaveAttribute("data-status", "COMPLETED");
  const image = page.getByTestId("media").locator("img");
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId("generation-facts")).toContainText("local");
  await expect(page.getByTestId("generation-prompt")).toHaveText("A lighthouse at dusk");
  await expect(page.getByTestId("timeline")).toContainText("Completed");
  await screenshot(page, "detail");

  // User B, in a separate browser context: empty history, A's id is not found, A's keys are not listed.
  const other = await browser.newContext({ baseURL });
  const pageB = await other.newPage();
  network.watch(pageB);
  await signedInAsNewUser(pageB);
  await pageB.goto("/dashboard/history");
  await expect(pageB.getByTestId("history-list")).toContainText("No generations yet");
  await pageB.goto(`/dashboard/history/${id}`);
  await expect(pageB.getByTestId("generation-not-found")).toContainText("This generation was not found");
  await pageB.goto("/dashboard/keys");
  await expect(pageB.getByTestId("keys-list")).toContainText("No API keys yet");
  await expect(pageB.getByTestId("keys-list")).not.toContainText("Owner's key");

  // On a phone the navigation is a drawer and nothing is wider than the screen.
  await pageB.setViewportSize({ width: 390, height: 844 });
  await pageB.goto("/dashboard");
  await expect(pageB.getByTestId("stat-plan")).toContainText("FREE");
  expect(await pageB.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(pageB, "overview-390");
  await pageB.getByRole("button", { name: "Open menu" }).click();
  await expect(pageB.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
  // Let the drawer finish sliding in before the picture.
  await expect.poll(async () => (await pageB.locator("#dashboard-nav").boundingBox())?.x).toBe(0);
  await screenshot(pageB, "nav-390-open");
  await pageB.getByRole("link", { name: "Webhooks" }).click();
  await expect(pageB).toHaveURL(/\/dashboard\/webhooks$/);
  await expect(pageB.getByRole("heading", { level: 1 })).toHaveText("Webhooks");
  await expect(pageB.getByRole("navigation", { name: "Dashboard" })).toBeHidden();
  await other.close();
});
