import { expect, test } from "@playwright/test";
import { startServer, type TestServer } from "../helpers/server";
import { confirmationLinkFor } from "../helpers/session";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { confirmedUser, E2E_PASSWORD, newEmail } from "./support/session";

// Issue 15, item 7 (no open redirect after sign-in) and item 4 in the browser without a mail server (the link is
// printed to the server's log and the page says so).

const network = forbidNonLocalRequests();

test.describe("after sign-in, callbackUrl only leads to this site (item 7)", () => {
  // Each is a path to a browser — it starts with "/" — but would leave the site: tab and line feed are dropped by
  // browsers, "\" counts as "/", and the rest are plainly elsewhere.
  const OFF_SITE = ["/%09/evil.example/", "/%0a/evil.example/", "/%0d/evil.example/", "/%5Cevil.example/", "//evil.example/", "https://evil.example/"];

  test("a crafted callbackUrl falls back to the dashboard, a real path is kept", async ({ page, baseURL }) => {
    test.setTimeout(180_000); // seven sign-ins, each a bcrypt comparison
    let leftTheSite = false;
    await page.route(
      (url) => url.hostname === "evil.example",
      (route) => {
        leftTheSite = true;
        return route.fulfill({ status: 200, body: "evil" });
      },
    );
    const { email } = await confirmedUser(page);
    for (const callbackUrl of OFF_SITE) {
      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup?callbackUrl=%2Fdashboard");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, callbackUrl).toHaveURL(`${baseURL}/dashboard`);
      expect(leftTheSite, callbackUrl).toBe(false);
    }
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("/dashboard/keys?from=signin")}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard/keys?from=signin`);
  });
});

test.describe("sign-up without a mail server (item 4)", () => {
  let own: TestServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // The embedded default: no SMTP_URL.
    own = await startServer({ SMTP_URL: undefined });
  });
  test.afterAll(async () => {
    await own?.stop();
  });

  test("the page says the link is in the server's log; that link creates the account with its welcome credits", async ({ page }) => {
    test.setTimeout(120_000);
    network.watch(page);
    const email = newEmail("no-smtp");
    await page.goto(`${own.url}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    // A fresh server's first sign-up also loads the password word lists: allow it time.
    await expect(page.getByTestId("check-email")).toContainText(`We sent a message to ${email}`, { timeout: 30_000 });
    await expect(page.getByTestId("mail-in-log")).toContainText("printed to the server’s log");
    await saveScreenshot(page, "signup-no-smtp");

    await page.goto(await confirmationLinkFor(own, email));
    await expect(page.getByTestId("sign-in-notice")).toContainText("50 welcome credits");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${own.url}/dashboard`);
    await expect(page.getByTestId("stat-balance")).toContainText("50 credits");
  });
});
