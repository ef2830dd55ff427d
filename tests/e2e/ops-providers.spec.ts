import { expect, test, type APIRequestContext } from "@playwright/test";
import { saveScreenshot } from "./support/guards";
import { createOperator, createPerson, e2eDatabase, signInAsOperator } from "./support/ops";

// Issue 21, providers and system: an operator disables a provider in the console and automatic routing skips it;
// naming it answers PROVIDER_UNAVAILABLE with the operator's message; the catalog shows it unavailable. The
// system page shows the dependencies, queues and recent errors. Nobody else finds either page or action.
const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id provider routing { chosen candidates { provider score reason } } } }`;
const CATALOG = `{ providers(type: IMAGE) { id available unavailableReason } }`;

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function graphql(request: APIRequestContext, key: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  const response = await request.post("/graphql", { headers: { authorization: `Bearer ${key}` }, data: { query, variables } });
  return (await response.json()) as GraphQLAnswer;
}

async function testKey(): Promise<string> {
  const person = await createPerson();
  const { createApiKey } = await import("@/lib/auth/api-keys");
  return (await createApiKey(await e2eDatabase(), person.accountId, { name: "e2e providers", mode: "TEST" })).key;
}

const image = (provider?: string) => ({ input: { type: "IMAGE", input: { text: "A lighthouse at dawn" }, ...(provider ? { provider } : {}) } });

test("an operator disables a provider: automatic routing skips it, naming it is refused with the operator's message", async ({ page, request }) => {
  // Enrolment, sign-in, two switches through the page and five API calls: longer than one page's default minute.
  test.setTimeout(240_000);
  const operator = await createOperator();
  const key = await testKey();
  const first = await graphql(request, key, GENERATE, image());
  const chosen = (first.data?.generate as { provider: string }).provider;
  expect(chosen).toBeTruthy();

  await signInAsOperator(page, operator);
  await page.goto("/ops/providers");
  const card = page.getByTestId(`provider-${chosen}`);
  await expect(card.getByTestId("switch-state")).toHaveText(/Enabled|Включён/);
  await card.locator("summary").click();
  const form = card.getByTestId("switch-form");
  await form.locator("select[name=state]").selectOption("DISABLED");
  await form.locator("input[name=publicMessage]").fill("Planned vendor maintenance");
  // The reason is required: without one the form is not sent.
  await form.locator("button[type=submit]").click();
  await expect(page).not.toHaveURL(/notice=/);
  await form.locator("input[name=reason]").fill("vendor incident 42");
  await form.locator("button[type=submit]").click();
  await expect(page).toHaveURL(/notice=switched/);
  await expect(page.getByRole("status")).toBeVisible();
  await expect(page.getByTestId(`provider-${chosen}`).getByTestId("switch-state")).toHaveText(/Disabled|Отключён/);
  await saveScreenshot(page, "ops-providers");

  // Automatic routing skips it, and says why.
  const routed = (await graphql(request, key, GENERATE, image())).data?.generate as { provider: string; routing: { candidates: { provider: string; reason: string }[] } };
  expect(routed.provider).not.toBe(chosen);
  expect(routed.routing.candidates.find((c) => c.provider === chosen)?.reason).toContain("Planned vendor maintenance");
  // Naming it: PROVIDER_UNAVAILABLE with the operator's message.
  const named = await graphql(request, key, GENERATE, image(chosen));
  expect(named.errors?.[0]).toMatchObject({
    message: expect.stringContaining("Planned vendor maintenance"),
    extensions: { code: "PROVIDER_UNAVAILABLE", provider: chosen, switch: "DISABLED", operatorMessage: "Planned vendor maintenance" },
  });
  const catalog = (await graphql(request, key, CATALOG)).data?.providers as { id: string; available: boolean }[];
  expect(catalog.find((p) => p.id === chosen)?.available).toBe(false);

  // The audit log has it, with the operator and the reason.
  const audit = await (await e2eDatabase()).auditLogEntry.findFirst({ where: { action: "ops.provider_switched", targetId: chosen }, orderBy: { sequence: "desc" } });
  expect(audit).toMatchObject({ actorLabel: operator.email, reason: "vendor incident 42" });

  // Back on: routing may choose it again (the server is shared with the other specs).
  const again = page.getByTestId(`provider-${chosen}`);
  await again.locator("summary").click();
  await again.getByTestId("switch-form").locator("select[name=state]").selectOption("ENABLED");
  await again.getByTestId("switch-form").locator("input[name=reason]").fill("vendor recovered");
  await again.getByTestId("switch-form").locator("button[type=submit]").click();
  await expect(page.getByTestId(`provider-${chosen}`).getByTestId("switch-state")).toHaveText(/Enabled|Включён/);
  expect(((await graphql(request, key, GENERATE, image())).data?.generate as { provider: string }).provider).toBe(chosen);

  await page.goto("/ops/system");
  await expect(page.getByTestId("dependencies")).toBeVisible();
  await expect(page.getByTestId("queue-generations")).toBeVisible();
  await expect(page.getByTestId("recent-errors")).toBeVisible();
  await saveScreenshot(page, "ops-system");
});

test("anyone but an operator gets 404 from the providers and system pages and their actions", async ({ page, request }) => {
  for (const path of ["/ops/providers", "/ops/system"]) {
    expect((await page.goto(path))?.status()).toBe(404);
  }
  for (const path of ["/ops/api/providers/switch", "/ops/api/providers/circuit"]) {
    const response = await request.post(path, { form: { provider: "kling", state: "DISABLED", circuit: "FORCED_OPEN", reason: "x" } });
    expect(response.status()).toBe(404);
  }
});
