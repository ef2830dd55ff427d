import type { Page } from "@playwright/test";
import { confirmationLink, type ReceivedMail } from "../../fakes/mailbox";

export const E2E_PASSWORD = "correct horse battery staple";

/**
 * A fresh signed-in person in this browser context, made through the real endpoints (sign-up API, the link from
 * the confirmation mail, next-auth's credentials callback), for specs whose subject is not the sign-in form itself.
 */
export async function signedInAsNewUser(page: Page): Promise<{ email: string; password: string }> {
  const { email, password } = await confirmedUser(page);
  const request = page.context().request;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signin = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  if (signin.status() >= 400) throw new Error(`sign-in failed: ${signin.status()}`);
  return { email, password };
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
