import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

// A key with a spend cap, spent through the API, seen on the keys page against its cap and on the usage page (by
// key, and by member: the key's work is its creator's), whose CSV export carries the same numbers.
forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 900 }));

test("caps a key's spend, shows the spend against the cap, and exports usage as CSV", async ({ page }) => {
  test.slow(); // a sign-up, a generation and two downloads: more than the default minute on a loaded machine
  const { email } = await signedInAsNewUser(page);
  await page.goto("/dashboard/keys");
  await page.getByLabel("Name").fill("Capped");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent()) ?? "";
  await page.getByRole("button", { name: "I’ve saved it" }).click();

  const row = page.locator("li[data-key]").filter({ hasText: "Capped" });
  await expect(row.getByTestId("key-limits")).toContainText("No spend cap");
  await row.getByRole("button", { name: "Edit limits" }).click();
  const form = row.getByRole("form", { name: "Limits of Capped" });
  await form.getByLabel("Spend cap (credits)").fill("30");
  await form.getByLabel("Cap period").selectOption("DAY");
  await form.getByRole("button", { name: "Save limits" }).click();
  await expect(row.getByTestId("key-spend")).toContainText("Spent 0 of 30 credits today");

  // One image through the API with the key: its price is what the key has spent.
  const generate = await page.request.post("/graphql", {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: { query: `mutation { generate(input: { type: IMAGE, input: { text: "A coin" }, options: { resolution: "480p" } }) { id creditCost } }` },
  });
  const { data } = (await generate.json()) as { data: { generate: { creditCost: number } } };
  const cost = data.generate.creditCost;
  await page.reload();
  await expect(row.getByTestId("key-spend")).toContainText(`Spent ${cost} of 30 credits today`);
  await expect(row.getByRole("meter")).toHaveAttribute("aria-valuenow", String(cost));
  await saveScreenshot(page, "dashboard-key-limits");

  await page.goto("/dashboard/usage");
  await page.getByLabel("Group by").selectOption("KEY");
  const table = page.getByTestId("usage-table");
  await expect(table.locator("tr").filter({ hasText: "Capped" })).toContainText(String(cost));
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await saveScreenshot(page, "dashboard-usage");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-csv").click()]);
  const csv = fs
    .readFileSync(await download.path(), "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("group,label,generations,outputs,credits,output_seconds,output_megapixels,failure_rate,p50_seconds");
  expect(
    csv
      .find((line) => line.includes(",Capped,"))!
      .split(",")
      .slice(1, 3),
  ).toEqual(["Capped", "1"]);
  expect(csv.at(-1)!.split(",").slice(0, 3)).toEqual(["total", "total", "1"]);

  // The key was made by the signed-in person, so its generation is theirs.
  await page.getByLabel("Group by").selectOption("MEMBER");
  const mine = table.locator("tr").filter({ hasText: email });
  await expect(mine).toContainText(String(cost));
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await saveScreenshot(page, "dashboard-usage-members");
  const [byMember] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-csv").click()]);
  const memberLine = fs
    .readFileSync(await byMember.path(), "utf8")
    .split("\r\n")
    .find((line) => line.includes(`,${email},`));
  expect(memberLine?.split(",").slice(1, 3)).toEqual([email, "1"]);
});
