import { type Page, expect, test } from "@playwright/test";
import { invitationLink } from "../fakes/mailbox";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { mailTo, signedInAsNewUser } from "./support/session";

const screenshot = (page: Page, name: string) => saveScreenshot(page, `team-${name}`);
const network = forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1280, height: 800 }));

test("an owner invites a developer by mail; the developer accepts, makes a capped key but cannot open billing; the owner sees it all in the audit log", async ({
  page,
  browser,
}) => {
  const owner = await signedInAsNewUser(page);
  const devContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const devPage = await devContext.newPage();
  network.watch(devPage);
  const developer = await signedInAsNewUser(devPage);

  // The owner invites from the team page; the mail reaches the run's SMTP server.
  await page.goto("/dashboard/team");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
  await expect(page.locator(`[data-member="${owner.email}"]`)).toContainText("Owner");
  await page.getByLabel("Email").fill(developer.email);
  await page.getByLabel("Role").selectOption("DEVELOPER");
  const since = Date.now();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${developer.email}.`);
  await expect(page.getByTestId("invitations")).toContainText(developer.email);
  await screenshot(page, "invited");
  const mail = await mailTo(developer.email, since);
  expect(mail.subject).toBe(`${owner.email} invited you to a Doitong workspace`);

  // The developer opens the link, accepts, and lands in the owner's workspace with the developer's role.
  await devPage.goto(invitationLink(mail));
  await expect(devPage.getByTestId("invitation")).toContainText(`You are invited to the workspace ${owner.email} as Developer.`);
  await screenshot(devPage, "invitation");
  await devPage.getByRole("button", { name: "Accept and open it" }).click();
  await expect(devPage).toHaveURL(/\/dashboard$/);
  await expect(devPage.getByTestId("workspace-role")).toHaveText("Your role: Developer");
  await expect(devPage.getByLabel("Workspace")).toHaveValue(/^acct_/);
  const nav = devPage.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Credits & billing" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  // A developer makes keys…
  await devPage.goto("/dashboard/keys");
  await devPage.getByLabel("Name").fill("dev's key");
  await devPage.getByRole("button", { name: "Create key" }).click();
  await expect(devPage.getByTestId("new-key-value")).toHaveText(/^dk_live_/);
  await devPage.getByRole("button", { name: "I’ve saved it" }).click();
  // …and caps what one may spend.
  const keyRow = devPage.locator("li[data-key]").filter({ hasText: "dev's key" });
  await keyRow.getByRole("button", { name: "Edit limits" }).click();
  const limits = keyRow.getByRole("form", { name: "Limits of dev's key" });
  await limits.getByLabel("Spend cap (credits)").fill("30");
  await limits.getByLabel("Cap period").selectOption("DAY");
  await limits.getByRole("button", { name: "Save limits" }).click();
  await expect(keyRow.getByTestId("key-spend")).toContainText("Spent 0 of 30 credits today");
  // …but billing is not theirs to open, even by its address.
  await devPage.goto("/dashboard/billing");
  await expect(devPage.getByTestId("page-forbidden")).toContainText("Your role in this workspace is Developer");
  await screenshot(devPage, "billing-forbidden");

  // The owner sees the new member, and every step in the audit log: who, what, from where.
  await page.goto("/dashboard/team");
  await expect(page.locator(`[data-member="${developer.email}"] select`)).toHaveValue("DEVELOPER");
  await page.goto("/dashboard/audit");
  const log = page.getByTestId("audit-log");
  await expect(log.locator('tr[data-action="member.invited"]')).toContainText(`Member invited${owner.email}`);
  await expect(log.locator('tr[data-action="member.joined"]')).toContainText(`Member joined${developer.email}`);
  await expect(log.locator('tr[data-action="key.created"]').first()).toContainText(developer.email);
  await expect(log.locator('tr[data-action="key.created"]').first()).toContainText("dev's key");
  await expect(log.locator('tr[data-action="key.limits_changed"]').first()).toContainText(`API key limits changed${developer.email}`);
  await screenshot(page, "audit");

  // The developer switches back to their own workspace, where they are the owner.
  await devPage.goto("/dashboard");
  await devPage.getByLabel("Workspace").selectOption({ label: `${developer.email} (Owner)` });
  await expect(devPage.getByTestId("workspace-role")).toHaveText("Your role: Owner");
  await devContext.close();
});
