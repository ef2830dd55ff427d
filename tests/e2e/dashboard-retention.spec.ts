import fs from "node:fs";
import { type Page, expect, test } from "@playwright/test";
import { forbidNonLocalRequests } from "./support/guards";
import { signedInAsNewUser } from "./support/session";

forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 800 }));

/** A dashboard call with this browser's session, as the dashboard's own client makes it. */
async function asDashboard<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await page.context().request.post("/graphql", { headers: { "x-doitong-csrf": "1" }, data: { query, variables } });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

test("an owner sets the retention default, exports the workspace, deletes a generation and then the workspace", async ({ page }) => {
  const { email } = await signedInAsNewUser(page);
  await page.goto("/dashboard/data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data & retention");
  const settings = page.getByTestId("retention-settings");
  await expect(settings).toContainText("New generations keep their media for 7d.");
  await settings.getByLabel("Workspace default").fill("30d");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("alert")).toHaveText("That is longer than your plan allows.");
  await settings.getByLabel("Workspace default").fill("2d");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved.");
  await expect(settings).toContainText("New generations keep their media for 2d.");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download export" }).click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), "utf8")) as { account: { email: string; retentionDefault: string } };
  expect(exported.account).toMatchObject({ email, retentionDefault: "2d" });

  const { generate } = await asDashboard<{ generate: { id: string } }>(
    page,
    `mutation { generate(input: { type: IMAGE, provider: "local", input: { text: "A lighthouse" }, options: { resolution: "480p" } }) { id } }`,
  );
  await page.goto(`/dashboard/history/${generate.id}`);
  await expect(page.getByTestId("media-retention")).toContainText("Media kept until", { timeout: 30_000 });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("media-retention")).toContainText("Deleted on");

  await page.goto("/dashboard/data");
  const danger = page.getByTestId("workspace-delete");
  await danger.getByLabel("Type the workspace's email to confirm").fill("someone@else.com");
  await danger.getByRole("button", { name: "Delete workspace" }).click();
  await expect(danger.getByRole("alert")).toHaveText("That is not this workspace's email.");
  await danger.getByLabel("Type the workspace's email to confirm").fill(email);
  await danger.getByRole("button", { name: "Delete workspace" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});
