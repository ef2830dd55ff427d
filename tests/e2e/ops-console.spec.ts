import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { forbidNonLocalRequests, saveScreenshot } from "./support/guards";
import { createPerson, e2eDatabase, freshTotpCode, grantOperatorLink, signInAsOperator, type TestOperator } from "./support/ops";
import { signedInAsNewUser } from "./support/session";

// The operator console (issue 21, items 1–2) in a browser on the built app: enrolment with the QR code's secret,
// password + TOTP sign-in, finding a customer by a generation id, a credit adjustment that the customer's balance,
// ledger and the audit log show, suspension that the customer's key feels at once — and a 404 for everyone else
// on every console page and operation.
const screenshot = (page: Page, name: string) => saveScreenshot(page, `ops-${name}`);
const network = forbidNonLocalRequests();
test.beforeEach(({ page }) => page.setViewportSize({ width: 1366, height: 900 }));

/** Every console page and operation, as a stranger would try them. */
const PAGES = [
  "/ops",
  "/ops/customers",
  "/ops/customers?q=gen_x",
  "/ops/customers/acct_x",
  "/ops/prices",
  "/ops/money",
  "/ops/providers",
  "/ops/system",
  "/ops/enrol",
  "/ops/enrol?token=forged",
];
const ACTIONS = ["adjust-credits", "refund", "set-limits", "suspend", "resume", "revoke-key"]
  .map((a) => `/ops/api/customers/${a}`)
  .concat(["/ops/api/customers/unknown", "/ops/api/signout"]);

async function gql(request: APIRequestContext, key: string, query: string) {
  const res = await request.post("/graphql", { headers: { Authorization: `Bearer ${key}` }, data: { query } });
  return { status: res.status(), body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}

async function expectEverything404(request: APIRequestContext, accountId: string) {
  const origin = process.env.E2E_BASE_URL ?? "";
  for (const path of [...PAGES, `/ops/customers/${accountId}`]) expect((await request.get(path, { maxRedirects: 0 })).status(), `GET ${path}`).toBe(404);
  for (const path of ACTIONS) {
    const form = { accountId, amount: "1000", reason: "let me in", back: `/ops/customers/${accountId}` };
    expect((await request.post(path, { form, headers: { origin }, maxRedirects: 0 })).status(), `POST ${path}`).toBe(404);
    expect((await request.get(path, { maxRedirects: 0 })).status(), `GET ${path}`).toBe(404);
  }
}

test("an operator enrols TOTP, signs in, finds a customer by a generation id, adjusts credits with a reason, and suspends the workspace", async ({ page, request, browser }) => {
  // Two bcrypt sign-ins, an enrolment and several full page loads: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  // A customer with a live key and one generation.
  const { createAccount } = await import("@/lib/accounts/create-account");
  const customerEmail = `customer-${Date.now()}@example.com`;
  const customer = await createAccount({ email: customerEmail, plan: "PRO", credits: 500 }, await e2eDatabase());
  const made = await gql(request, customer.apiKey, `mutation { generate(input: { type: IMAGE, provider: "local", input: { text: "A lighthouse" } }) { id } }`);
  const generationId = (made.body.data?.generate as { id: string }).id;
  expect(generationId).toMatch(/^gen_/);

  // Enrolment: the link grant-operator prints, a QR code and the key typed by hand, then password + code.
  const person = await createPerson();
  await page.goto(await grantOperatorLink(person.email));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up your authenticator");
  await expect(page.getByTestId("ops-totp-qr")).toBeVisible();
  const totpSecret = (await page.getByTestId("ops-totp-secret").textContent()) ?? "";
  const op: TestOperator = { email: person.email, password: person.password, totpSecret };
  await screenshot(page, "enrol");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByLabel("Authenticator code").fill(await freshTotpCode({ ...op, email: "enrol-wrong" }));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("ops-enrol-error")).toContainText("That did not work");
  await page.getByLabel("Password").fill(op.password);
  await page.getByLabel("Authenticator code").fill(await freshTotpCode({ ...op, email: "enrol" }));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("ops-enrolled")).toBeVisible();

  // A wrong code is the same refusal a stranger gets; then the right one signs in.
  await page.locator("#email").fill(op.email);
  await page.locator("#password").fill(op.password);
  await page.locator("#code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("ops-signin-error")).toHaveText("Those details did not sign you in. Check them and try again with a fresh code.");
  await screenshot(page, "signin-refused");
  await signInAsOperator(page, op);
  await expect(page.getByTestId("ops-operator")).toHaveText(op.email);

  // Find the customer by the generation id.
  await page.getByRole("search").getByRole("textbox").fill(generationId);
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByTestId("ops-search-results");
  await expect(results).toContainText(customerEmail);
  await expect(results).toContainText("generation id");
  await screenshot(page, "search");
  await results.getByRole("link", { name: customerEmail }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(customerEmail);
  await expect(page.getByTestId("ops-generations")).toContainText(generationId);
  const before = (await gql(request, customer.apiKey, "{ me { credits { balance reserved } } }")).body.data?.me as { credits: { balance: number; reserved: number } };

  // Adjust credits with a reason: balance, ledger and audit log show it; the customer's API balance too.
  const adjust = page.getByTestId("ops-adjust");
  await adjust.getByLabel("Credits (+ to add, − to remove)").fill("250");
  await adjust.getByLabel("Reason (required, kept in the audit log)").fill("Goodwill for the outage of 5 Dec");
  await adjust.getByRole("button", { name: "Adjust balance" }).click();
  await expect(page.getByTestId("ops-notice")).toContainText("Balance adjusted");
  await expect(page.getByTestId("ops-balance")).toHaveText(`${before.credits.balance + 250} credits`);
  await expect(page.getByTestId("ops-ledger").locator("tbody tr").first()).toContainText("ADJUSTMENT");
  await expect(page.getByTestId("ops-ledger").locator("tbody tr").first()).toContainText("+250");
  const auditRow = page.getByTestId("ops-audit").locator("tbody tr").first();
  await expect(auditRow).toContainText("Credits adjusted by an operator");
  await expect(auditRow).toContainText(op.email);
  await expect(auditRow).toContainText("Goodwill for the outage of 5 Dec");
  const after = (await gql(request, customer.apiKey, "{ me { credits { balance } } }")).body.data?.me as { credits: { balance: number } };
  expect(after.credits.balance).toBe(before.credits.balance + 250);
  await screenshot(page, "workspace");

  // Suspend: the customer's key gets the suspended error from the API at once.
  const suspension = page.getByTestId("ops-suspension");
  await suspension.getByLabel("Reason (required, kept in the audit log)").fill("Chargeback under review");
  await suspension.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("ops-suspended")).toBeVisible();
  const refused = await gql(request, customer.apiKey, "{ me { credits { balance } } }");
  expect(refused.status).toBe(403);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe("WORKSPACE_SUSPENDED");
  await expect(page.getByTestId("ops-audit").locator("tbody tr").first()).toContainText("Workspace suspended");
  await screenshot(page, "workspace-suspended");

  // A member of the customer's workspace still signs in, and its dashboard says why everything there is refused,
  // with their own workspace one click away (the sidebar's switcher is one of the refused API calls).
  const memberContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const memberPage = await memberContext.newPage();
  network.watch(memberPage);
  const member = await signedInAsNewUser(memberPage);
  const database = await e2eDatabase();
  const memberUser = await database.user.findUniqueOrThrow({ where: { email: member.email }, select: { id: true } });
  await database.membership.create({ data: { accountId: customer.accountId, userId: memberUser.id, role: "DEVELOPER" } });
  // Acting in the customer's workspace: next-auth's session update, as the switcher sends it.
  const { csrfToken } = (await (await memberContext.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await memberContext.request.post("/api/auth/session", { data: { csrfToken, data: { accountId: customer.accountId } } });
  await memberPage.goto("/dashboard");
  const banner = memberPage.getByTestId("workspace-suspended");
  await expect(banner).toContainText("This workspace is suspended");
  await expect(banner).toContainText("WORKSPACE_SUSPENDED");
  await screenshot(memberPage, "customer-dashboard-suspended");
  await banner.getByRole("button", { name: `Switch to ${member.email}` }).click();
  await expect(memberPage.getByTestId("workspace-switcher")).toBeVisible();
  await expect(memberPage.getByTestId("workspace-suspended")).toHaveCount(0);
  await memberContext.close();

  // Sign out ends the session on the server: the same cookie opens nothing any more.
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/ops\/signin$/);
  await page.context().addCookies(cookies);
  expect((await page.request.get("/ops/customers", { maxRedirects: 0 })).status()).toBe(404);
});

test("a signed-in customer and an anonymous visitor get 404 on every console page and operation; the sign-in form refuses a customer like anyone", async ({ page, request }) => {
  const { accountId } = await createPerson();
  await expectEverything404(request, accountId);

  const customer = await signedInAsNewUser(page);
  await expectEverything404(page.request, accountId);
  // The customer's own password with a guessed code: the same words as for any wrong detail.
  await page.goto("/ops/signin");
  await page.locator("#email").fill(customer.email);
  await page.locator("#password").fill(customer.password);
  await page.locator("#code").fill("123456");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("ops-signin-error")).toHaveText("Those details did not sign you in. Check them and try again with a fresh code.");
  expect((await page.request.get("/ops/customers", { maxRedirects: 0 })).status()).toBe(404);
});
