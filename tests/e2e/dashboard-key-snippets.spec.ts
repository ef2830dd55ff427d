import { expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

// A new key is shown once, with first calls for the TypeScript SDK, the Python SDK and the CLI that have it (and
// this server's address) filled in, so pasting one is the whole setup.
forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 800 }));

test("the new key box shows TypeScript, Python and CLI snippets with the new key and this server filled in", async ({ page, baseURL }) => {
  await signedInAsNewUser(page);
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill("Snippets");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent()) ?? "";
  expect(key).toMatch(/^dk_live_/);
  const origin = new URL(baseURL!).origin;

  const snippets = page.getByTestId("key-snippets");
  await expect(snippets.getByTestId("snippet-typescript")).toContainText(`new Doitong({ apiKey: "${key}", baseUrl: "${origin}" })`);
  await saveScreenshot(page, "dashboard-key-snippets");

  await snippets.getByRole("tab", { name: "Python" }).click();
  await expect(snippets.getByRole("tab", { name: "Python" })).toHaveAttribute("aria-selected", "true");
  await expect(snippets.getByTestId("snippet-python")).toContainText(`Doitong(api_key="${key}", base_url="${origin}")`);

  await snippets.getByRole("tab", { name: "CLI" }).click();
  const cli = snippets.getByTestId("snippet-cli");
  await expect(cli).toContainText(`export DOITONG_API_KEY=${key}`);
  await expect(cli).toContainText(`export DOITONG_URL=${origin}`);
  await expect(cli).toContainText('npx doitong generate image "A lighthouse at dawn, watercolor" --out lighthouse.png');

  // Dismissed, the key and its snippets are gone for good.
  await page.getByRole("button", { name: "I’ve saved it" }).click();
  await expect(page.getByTestId("key-snippets")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(key);
});
