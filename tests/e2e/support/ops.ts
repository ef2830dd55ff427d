import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { createPerson, e2eDatabase, newEmail } from "./session";

/**
 * Operators for the console specs. createOperator makes a person (a login with a password) in the server's
 * database through lib/, grants operator rights as `npm run admin -- grant-operator` does, and enrols their TOTP
 * authenticator through the enrolment link's own page and form, as a person with an authenticator app would.
 * signInAsOperator fills /ops/signin with the password and a current code.
 */
export interface TestOperator {
  email: string;
  password: string;
  totpSecret: string;
}

const PASSWORD = "operator horse battery staple";

// People and the test process's database client live in session.ts (signedInAsNewUser makes its people there too).
export { createPerson, e2eDatabase };

function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("global-setup did not export E2E_BASE_URL");
  return url;
}

/** The enrolment link grant-operator prints, for an existing person. */
export async function grantOperatorLink(email: string): Promise<string> {
  const { grantOperator } = await import("@/lib/ops/grant-operator");
  const granted = await grantOperator(email, await e2eDatabase());
  if (granted.kind !== "enrol") throw new Error(`${email} is already an enrolled operator`);
  return granted.enrolPath;
}

export async function createOperator(opts: { email?: string; password?: string } = {}): Promise<TestOperator> {
  const person = await createPerson(opts.email ?? newEmail("operator"), opts.password ?? PASSWORD);
  const link = await grantOperatorLink(person.email);
  const page = await fetch(`${baseUrl()}${link}`);
  const secret = /data-testid="ops-totp-secret"[^>]*>([A-Z2-7]+)</.exec(await page.text())?.[1];
  if (!secret) throw new Error(`the enrolment page showed no secret (${page.status})`);
  const token = new URL(link, baseUrl()).searchParams.get("token") ?? "";
  const { currentTotpCode } = await import("@/lib/ops/totp");
  const confirmed = await fetch(`${baseUrl()}/ops/api/enrol`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl() },
    body: new URLSearchParams({ token, password: person.password, code: currentTotpCode(secret) }),
  });
  if (!confirmed.headers.get("location")?.includes("/ops/signin?enrolled=1")) throw new Error(`enrolment failed: ${confirmed.headers.get("location")}`);
  return { email: person.email, password: person.password, totpSecret: secret };
}

/** Each code signs in once: a second sign-in within the same 30 seconds waits for the next code, as a person would. */
const lastStep = new Map<string, number>();

/** A code for a step no sign-in of this operator has used yet (waiting for the next one when needed). */
export async function freshTotpCode(op: TestOperator): Promise<string> {
  const { currentTotpCode } = await import("@/lib/ops/totp");
  let step = Math.floor(Date.now() / 30_000);
  if ((lastStep.get(op.email) ?? -1) >= step) {
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - Date.now() + 50));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep.set(op.email, step);
  return currentTotpCode(op.totpSecret, step * 30_000 + 1_000);
}

export async function signInAsOperator(page: Page, op: TestOperator): Promise<void> {
  await page.goto("/ops/signin");
  await page.locator("#email").fill(op.email);
  await page.locator("#password").fill(op.password);
  await page.locator("#code").fill(await freshTotpCode(op));
  await page.locator("form[action='/ops/api/signin'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/ops\/customers/);
}
