import { expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

// The fake Stripe runs on 127.0.0.1 too, so the checkout round trip stays local.
forbidNonLocalRequests();

// Buying credits end to end: the dashboard → the fake Stripe's hosted Checkout page (started by global-setup, with
// the app pointed at it) → Pay → the signed webhook credits the account → back on the billing page.
test("buys a credit pack through Checkout and sees the top-up", async ({ page }) => {
  // global-setup always starts the fake Stripe; without it this walk cannot happen, so that is a failure.
  expect(process.env.E2E_FAKE_STRIPE_URL, "global-setup did not start the fake Stripe").toBeTruthy();
  await signedInAsNewUser(page);
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("billing-balance")).toContainText("50");
  await expect(page.getByRole("row").filter({ hasText: "Welcome credits" })).toBeVisible();

  await page
    .getByTestId("pack-pack_500")
    .getByRole("button", { name: /Buy 500 credits/ })
    .click();
  await page.waitForURL(`${process.env.E2E_FAKE_STRIPE_URL}/pay/**`);
  await expect(page.getByRole("heading", { name: "Pay 5.00 USD" })).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  await page.waitForURL("**/dashboard/billing?checkout=success");
  await expect(page.getByTestId("checkout-banner")).toContainText("Payment received");
  await expect(page.getByTestId("billing-balance")).toContainText("550");
  const topUp = page.locator('tr[data-kind="TOP_UP"]').filter({ hasText: "Stripe checkout cs_test_" });
  await expect(topUp).toContainText("+500");
  await expect(topUp).toContainText("550");
  await saveScreenshot(page, "dashboard-billing");

  // Stripe's receipt of the card charge, linked from the top-up; it opens in a new tab.
  const receiptLink = topUp.getByRole("link", { name: "Receipt" });
  await receiptLink.scrollIntoViewIfNeeded();
  await expect(receiptLink).toBeInViewport({ ratio: 1 }); // beside the truncated note, not cut off by it
  await expect(receiptLink).toHaveAttribute("href", new RegExp(`^${process.env.E2E_FAKE_STRIPE_URL}/receipts/payment/ch_test_`));
  await expect(page.locator('tr[data-kind="TOP_UP"]').filter({ hasText: "Welcome credits" }).getByRole("link", { name: "Receipt" })).toHaveCount(0);
  const [receipt] = await Promise.all([page.context().waitForEvent("page"), receiptLink.click()]);
  await expect(receipt.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(receipt.getByText("Amount paid: 5.00 USD")).toBeVisible();
});

test("shows the plan table the API enforces, with the current plan highlighted", async ({ page }) => {
  await signedInAsNewUser(page);
  await page.goto("/dashboard/plans");
  const free = page.getByTestId("plan-FREE");
  await expect(free).toHaveAttribute("data-current", "true");
  await expect(free).toContainText("Current plan");
  await expect(free).toContainText("100"); // 100 generations a day on Free (lib/limits/plans.ts)
  await expect(page.getByTestId("plan-PRO")).toContainText("10,000");
  await expect(page.getByTestId("plan-ENTERPRISE")).toContainText("Contact sales");
  await saveScreenshot(page, "dashboard-plans");
});

// Changing plan as a paying customer: the first paid plan through Checkout; then the SAME subscription changes price
// (the card on file pays the prorated difference, after a confirmation that says so); Free cancels it.
test("changes plan: Checkout once, then the same subscription in place, then back to Free", async ({ page }) => {
  expect(process.env.E2E_FAKE_STRIPE_URL, "global-setup did not start the fake Stripe").toBeTruthy();
  await signedInAsNewUser(page);
  await page.goto("/dashboard/plans");
  const starter = page.getByTestId("plan-STARTER");
  const pro = page.getByTestId("plan-PRO");
  const free = page.getByTestId("plan-FREE");
  await expect(starter).toContainText("You pay on Stripe Checkout");
  await starter.getByRole("button", { name: "Upgrade to Starter" }).click();
  await page.waitForURL(`${process.env.E2E_FAKE_STRIPE_URL}/pay/**`);
  await expect(page.getByText("(subscription)")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL("**/dashboard/plans?checkout=success");
  await expect(starter).toHaveAttribute("data-current", "true");

  // Subscribed now: Pro is not another Checkout but a confirmed change, and the page says what it costs.
  await pro.getByRole("button", { name: "Upgrade to Pro" }).click();
  const confirm = pro.getByRole("group", { name: "Confirm: Upgrade to Pro" });
  await expect(confirm).toContainText("Your card on file will be charged the prorated difference");
  await confirm.getByRole("button", { name: "Keep my plan" }).click();
  await expect(confirm).toBeHidden();
  await pro.getByRole("button", { name: "Upgrade to Pro" }).click();
  await saveScreenshot(page, "dashboard-plans-confirm");
  await confirm.getByRole("button", { name: "Confirm upgrade to Pro" }).click();
  await page.waitForURL("**/dashboard/plans?change=PRO&from=STARTER");
  const banner = page.getByTestId("plan-change-banner");
  await expect(banner).toContainText("You’re on Pro now");
  await expect(pro).toHaveAttribute("data-current", "true");
  await saveScreenshot(page, "dashboard-plans-changed");

  // Free cancels the subscription; afterwards a paid plan is a Checkout again.
  await free.getByRole("button", { name: "Downgrade to Free" }).click();
  await expect(free.getByRole("group", { name: "Confirm: Downgrade to Free" })).toContainText("cancelled now and nothing more is charged");
  await free.getByRole("button", { name: "Cancel subscription" }).click();
  await page.waitForURL("**/dashboard/plans?change=FREE&from=PRO");
  await expect(banner).toContainText("You’re on Free now");
  await expect(free).toHaveAttribute("data-current", "true");
  await expect(starter).toContainText("You pay on Stripe Checkout");
});
