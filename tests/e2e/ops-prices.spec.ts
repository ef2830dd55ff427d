import { type APIRequestContext, expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { createOperator, e2eDatabase, signInAsOperator } from "./support/ops";
import { newEmail } from "./support/session";

// Prices without deploys (issue 21): an operator changes a model's price in the console, with a preview and a
// reason; the next `estimate` shows it, and a generation accepted before keeps its price. The money view shows
// what was charged against what it cost.
const network = forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 900 }));

const REQUEST = `{ type: IMAGE, provider: "local", input: { text: "A price tag on a gift" } }`;

async function api<T>(request: APIRequestContext, key: string, query: string): Promise<T> {
  const res = await request.post("/graphql", { headers: { Authorization: `Bearer ${key}` }, data: { query } });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

test("an operator changes a model's price: the next estimate shows it, a generation accepted before keeps its own", async ({ page, request }) => {
  network.watch(page);
  const { createAccount } = await import("@/lib/accounts/create-account");
  const { apiKey } = await createAccount({ email: newEmail("prices"), plan: "ENTERPRISE", credits: 1_000 }, await e2eDatabase());
  const estimate = async () => (await api<{ estimate: { creditCost: number } }>(request, apiKey, `{ estimate(input: ${REQUEST}) { creditCost } }`)).estimate.creditCost;
  const before = await estimate();
  const accepted = (await api<{ generate: { id: string; creditCost: number } }>(request, apiKey, `mutation { generate(input: ${REQUEST}) { id creditCost } }`)).generate;
  expect(accepted.creditCost).toBe(before);

  const operator = await createOperator();
  await signInAsOperator(page, operator);
  await page.goto("/ops/prices");
  const row = page.getByTestId("price-local-IMAGE");
  await expect(row).toContainText("v1");
  await saveScreenshot(page, "ops-prices");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/ops\/prices\/local\/IMAGE$/);

  // Preview first: 3 cents at markup 2 is 6 credits for the default request, nothing saved yet.
  await page.locator("input[name='rate.perImage']").fill("3");
  await page.locator("input[name='markup']").fill("2");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("price-preview").locator("tbody tr").first()).toContainText("6 credits");
  expect(await estimate()).toBe(before);
  await saveScreenshot(page, "ops-prices-preview");

  // Saving without a reason is refused; with one it is the new version, in force at once.
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("ops-error")).toContainText("Give a reason");
  await page.locator("input[name='rate.perImage']").fill("3");
  await page.locator("input[name='markup']").fill("2");
  await page.locator("input[name='reason']").fill("Preview renders cost more to serve");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("ops-notice")).toBeVisible();
  await expect(page.getByTestId("price-history").locator("tbody tr").first()).toContainText("Preview renders cost more to serve");
  await expect(page.getByTestId("price-history").locator("tbody tr").first()).toContainText(operator.email);

  expect(await estimate()).toBe(6);
  const kept = await api<{ generation: { creditCost: number } }>(request, apiKey, `{ generation(id: "${accepted.id}") { creditCost } }`);
  expect(kept.generation.creditCost).toBe(before);
  await saveScreenshot(page, "ops-price-history");

  await page.goto("/ops/money");
  await expect(page.getByTestId("money-totals")).toBeVisible();
  await saveScreenshot(page, "ops-money");

  // Back to the first price, so the other specs on this server see the seeded list's prices.
  await page.goto("/ops/prices/local/IMAGE");
  await page.locator("input[name='rate.perImage']").fill("1");
  await page.locator("input[name='markup']").fill("1");
  await page.locator("input[name='reason']").fill("End of the e2e price test");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("ops-notice")).toBeVisible();
  expect(await estimate()).toBe(before);
});

test("a non-operator gets 404 on the price and money pages and on the price change", async ({ page, request }) => {
  for (const path of ["/ops/prices", "/ops/prices/local/IMAGE", "/ops/money"]) expect((await page.goto(path))?.status(), path).toBe(404);
  const post = await request.post("/ops/api/prices", { form: { providerId: "local", type: "IMAGE", "rate.perImage": "0", markup: "1", reason: "x" } });
  expect(post.status()).toBe(404);
});
