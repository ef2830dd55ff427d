import type { Page } from "@playwright/test";
import { confirmationLink, type ReceivedMail } from "../../fakes/mailbox";
import { serverDatabase } from "../../helpers/server-db";

export const E2E_PASSWORD = "correct horse battery staple";

/**
 * A fresh signed-in person in this browser context, for specs whose subject is not sign-up or the sign-in form:
 * the account is made through lib/ as a confirmed sign-up makes it (createPerson), then next-auth's credentials
 * callback signs in, as the form does. The sign-up pages, the mail and its link are walked in the browser by
 * dashboard-account, dashboard-walk and i18n; repeating them over HTTP for every other test cost a bcrypt hash,
 * a mail round trip and three requests each.
 */
export async function signedInAsNewUser(page: Page): Promise<{ email: string; password: string }> {
  const { email, password } = await createPerson(newEmail(), E2E_PASSWORD);
  const request = page.context().request;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signin = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  if (signin.status() >= 400) throw new Error(`sign-in failed: ${signin.status()}`);
  return { email, password };
}

let serverDb: ReturnType<typeof serverDatabase> | undefined;

/** The test process's client on the server's database (global-setup exports where it is). */
export async function e2eDatabase() {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("global-setup did not export E2E_DATA_DIR");
  serverDb ??= serverDatabase(dataDir, process.env.E2E_DATABASE_URL);
  return serverDb.client();
}

// One bcrypt hash per password for the whole worker: at the app's 12 rounds each costs about 0.3 CPU-s (more on a
// loaded machine), and what a test proves does not depend on its person's salt.
const hashes = new Map<string, Promise<string>>();

/** A person with a login (as a confirmed sign-up makes one, welcome credits included), not signed in. */
export async function createPerson(email = newEmail("person"), password = E2E_PASSWORD): Promise<{ email: string; password: string; accountId: string }> {
  const [{ hashPassword }, { createUserAccount }] = await Promise.all([import("@/lib/auth/passwords"), import("@/lib/auth/create-user-account")]);
  const client = await e2eDatabase();
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const passwordHash = await hashes.get(password)!;
  const made = await client.$transaction((tx) => createUserAccount(tx, { email, passwordHash }));
  return { email, password, accountId: made.accountId };
}

/** A person whose sign-up is confirmed (the account exists), not signed in. */
export async function confirmedUser(page: Page, email = newEmail()): Promise<{ email: string; password: string }> {
  const request = page.context().request;
  const since = Date.now();
  const signup = await request.post("/api/signup", { data: { email, password: E2E_PASSWORD }, headers: { origin: process.env.E2E_BASE_URL ?? "" } });
  if (signup.status() !== 202) throw new Error(`sign-up failed: ${signup.status()} ${await signup.text()}`);
  const opened = await request.get(confirmationLink(await mailTo(email, since)), { maxRedirects: 0 });
  if (!opened.headers().location?.includes("confirmed=confirmed")) throw new Error(`confirmation failed: ${opened.status()}`);
  return { email, password: E2E_PASSWORD };
}

export function newEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** The first mail to `email` received after `since`, from the run's SMTP server (global-setup.ts). */
export async function mailTo(email: string, since = 0, timeoutMs = 15_000): Promise<ReceivedMail> {
  const mailbox = process.env.E2E_MAILBOX_URL;
  if (!mailbox) throw new Error("global-setup did not export E2E_MAILBOX_URL");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await (await fetch(`${mailbox}/messages?to=${encodeURIComponent(email)}`)).json()) as ReceivedMail[];
    const found = mails.find((m) => m.receivedAt >= since);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
