import { confirmationLink } from "../fakes/mailbox";
import type { TestServer } from "./server";

export const TEST_PASSWORD = "correct horse battery";

/**
 * A confirmed, signed-in person, made through the real endpoints: sign-up, the link from the mail (read from the
 * test SMTP server, or from the server's log when the test runs without SMTP), next-auth's credentials sign-in.
 * Returns the session cookie header.
 */
export async function signUpAndSignIn(server: TestServer, email = randomEmail(), password = TEST_PASSWORD) {
  await signUpAndConfirm(server, email, password);
  return { email, password, cookie: await signIn(server, email, password) };
}

/**
 * A confirmed, signed-in person for tests whose subject is not sign-up: the login and its workspace are made through
 * lib/ in the server's database, as opening a confirmation link makes them (createUserAccount: FREE plan, welcome
 * credits), then next-auth's credentials callback signs in, as the form does. Walking sign-up, the mail and its link
 * over HTTP is what auth-sign-up.test.ts proves (and signUpAndSignIn still does); here it would cost each person a
 * sign-up request, a mail round trip and a confirmation. (tests/e2e/support/session.ts does the same in the browser.)
 */
export async function signedInPerson(server: TestServer, email = randomEmail(), password = TEST_PASSWORD) {
  const [{ default: bcrypt }, { createUserAccount }] = await Promise.all([import("bcryptjs"), import("@/lib/auth/create-user-account")]);
  // Hashed at the cost the server itself hashes at (DOITONG_BCRYPT_ROUNDS, tests/helpers/server.ts).
  const passwordHash = await bcrypt.hash(password, Number(server.env.DOITONG_BCRYPT_ROUNDS) || 12);
  const client = await server.database();
  const made = await client.$transaction((tx) => createUserAccount(tx, { email, passwordHash }));
  return { email, password, accountId: made.accountId, cookie: await signIn(server, email, password) };
}

export function randomEmail(prefix = "person"): string {
  return `${prefix}-${Math.random().toString(36).slice(2)}@example.com`;
}

/** POST /api/signup as the sign-up page does it. */
export async function requestSignUp(server: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, ...headers },
    body: JSON.stringify(body),
  });
}

/** Signs up and opens the confirmation link once; the account exists afterwards. */
export async function signUpAndConfirm(server: TestServer, email: string, password = TEST_PASSWORD): Promise<void> {
  const since = Date.now();
  const signup = await requestSignUp(server, { email, password });
  if (signup.status !== 202) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const opened = await fetch(await confirmationLinkFor(server, email, since), { redirect: "manual" });
  const location = opened.headers.get("location") ?? "";
  if (!location.includes("confirmed=confirmed")) throw new Error(`confirmation failed: ${opened.status} ${location}`);
}

/** The confirmation link mailed to `email` after `since`: from the test SMTP server, or from the log without one. */
export async function confirmationLinkFor(server: TestServer, email: string, since = 0): Promise<string> {
  if (server.mail) return confirmationLink(await server.mail.waitFor(email, { subject: /Confirm your email/, since }));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const printed = mailsInLog(server).find((m) => m.to === email && m.kind === "confirm-sign-up");
    if (printed) return confirmationLink(printed);
    if (Date.now() > deadline) throw new Error(`no confirmation mail for ${email} in the server's log`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Mails the app printed to its log because it has no SMTP_URL (lib/mail/send-mail.ts). */
export function mailsInLog(server: TestServer): { to: string; kind: string; subject: string; text: string }[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"component":"mail"'))
    .map((line) => JSON.parse(line) as { to: string; kind: string; subject: string; text: string })
    .filter((entry) => typeof entry.text === "string");
}

export async function signIn(server: TestServer, email: string, password: string): Promise<string> {
  const res = await postCredentials(server, email, password);
  const session = cookiesOf(res)
    .split("; ")
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return session;
}

/** One password sign-in attempt through next-auth's credentials callback, as the sign-in form sends it. */
export async function postCredentials(server: TestServer, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf), ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
}

export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/**
 * Makes a session act in another workspace, as the dashboard's switcher does (next-auth's session update with its
 * CSRF token). Returns the new session cookie (the old one still names the previous workspace).
 */
export async function switchWorkspace(server: TestServer, cookie: string, accountId: string): Promise<string> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${server.url}/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `${cookie}; ${cookiesOf(csrf)}`, origin: server.url },
    body: JSON.stringify({ csrfToken, data: { accountId } }),
  });
  const session = cookiesOf(res)
    .split("; ")
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`switching workspace failed: ${res.status}`);
  return session;
}
