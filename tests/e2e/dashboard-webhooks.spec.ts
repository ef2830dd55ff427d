import { expect, type Page, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

const screenshot = (page: Page, name: string) => saveScreenshot(page, `dashboard-webhooks-${name}`);

forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 900 }));

// The e2e server has no private-host allow-list, so the endpoint here is a name that can never resolve
// (.invalid, RFC 2606): registration accepts it, and delivery attempts fail without touching any network.
const ENDPOINT = "https://hooks.example.invalid/doitong";

test("webhooks page: reveal and rotate the secret, add an endpoint, send a test, see its attempts, disable and delete", async ({ page }) => {
  await signedInAsNewUser(page);
  await page.goto("/dashboard/webhooks");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Webhooks");
  await expect(page.getByTestId("endpoints-list")).toContainText("No endpoints yet");
  await expect(page.getByTestId("deliveries-list")).toContainText("Nothing sent yet");

  // The secret is not in the page until revealed.
  const secret = page.getByTestId("secret-value");
  await expect(secret).toContainText("••••");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
  const before = await secret.textContent();
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  await expect(page.getByRole("group", { name: "Confirm rotating the signing secret" })).toContainText("keeps working for 24 hours");
  await page.getByRole("button", { name: "Rotate secret", exact: true }).click();
  await expect(page.getByTestId("rotation-grace")).toContainText("signed with both");
  await expect(secret).toHaveText(/^whsec_/);
  expect(await secret.textContent()).not.toBe(before);
  await screenshot(page, "secret");

  // A private address is refused, in words.
  await page.getByLabel("Endpoint URL").fill("http://10.0.0.8/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("form", { name: "Add a webhook endpoint" }).getByRole("alert")).toContainText("private or local network address");

  await page.getByLabel("Endpoint URL").fill(ENDPOINT);
  await page.getByRole("checkbox", { name: /Completed/ }).check();
  await page.getByRole("checkbox", { name: /Progress/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const row = page.getByTestId("endpoints-list").locator("li", { hasText: ENDPOINT });
  await expect(row).toContainText("Enabled");
  await expect(row).toContainText("Completed, Progress");

  await row.getByRole("button", { name: "Send test" }).click();
  await expect(row).toContainText("Test message queued");
  const delivery = page.getByTestId("deliveries-list").locator("li[data-delivery]").first();
  await expect(delivery).toContainText("webhook.test");
  // The first attempt fails (the name does not resolve) and is logged; a retry is scheduled.
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(delivery).toContainText("1 attempt", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await delivery.getByRole("button", { name: /attempt/ }).click();
  await expect(delivery.getByRole("list", { name: "Attempts" })).toContainText("No response");
  await expect(delivery.getByRole("list", { name: "Attempts" })).toContainText("the host name does not resolve");
  await screenshot(page, "deliveries");

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: "Send test" })).toBeDisabled();
  await expect(row).toContainText("Disabled by the account");
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Enabled");

  await row.getByRole("button", { name: "Delete" }).click();
  await row.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByTestId("endpoints-list")).toContainText("No endpoints yet");
  // The delivery log keeps what was sent.
  await expect(page.getByTestId("deliveries-list")).toContainText("webhook.test");
  await screenshot(page, "after-delete");
});
