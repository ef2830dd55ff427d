import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationLink } from "../fakes/mailbox";
import { answerBeforeBodyEnds } from "../helpers/partial-body";
import { startServer, type TestServer } from "../helpers/server";
import { confirmationLinkFor, postCredentials, requestSignUp, signIn, signUpAndSignIn, TEST_PASSWORD } from "../helpers/session";

// Issue 15, items 4 (email confirmation before welcome credits; sign-up throttled per address and per email
// domain), 16 (the same answer for new and registered emails; no guessable passwords) and 6 (sign-up bodies
// capped at 16 KB). The app mails a real SMTP server in this process (tests/fakes/mailbox.ts).
//
// The server trusts one proxy (DOITONG_TRUST_PROXY=1), so each test can be a different client by the
// X-Forwarded-For our "proxy" appends; its throttles are low so they can be reached.
let server: TestServer;
let nextAddress = 10;
const fromNewAddress = () => ({ "x-forwarded-for": `198.51.100.${nextAddress++}` });
/** An address at a domain of its own, so the per-domain throttle counts only what a test means it to. */
const randomEmail = (prefix: string) => {
  const tag = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${tag}@${prefix}-${tag}.example`;
};

beforeAll(async () => {
  server = await startServer({ DOITONG_TRUST_PROXY: "1", DOITONG_SIGNUP_PER_IP_HOUR: "3", DOITONG_SIGNUP_PER_DOMAIN_HOUR: "4" });
});
afterAll(() => server?.stop());

async function me(cookie: string) {
  const res = await server.gql<{ me: { credits: { balance: number } } }>(`{ me { credits { balance } } }`, {}, { headers: { cookie, "x-doitong-csrf": "1" } });
  return res.body.data?.me;
}

async function welcomeEntries(cookie: string): Promise<number> {
  const res = await server.gql<{ creditLedger: { edges: { node: { kind: string; note: string | null } }[] } }>(
    `{ creditLedger(first: 50) { edges { node { kind note } } } }`,
    {},
    { headers: { cookie, "x-doitong-csrf": "1" } },
  );
  return res.body.data!.creditLedger.edges.filter((e) => e.node.note === "Welcome credits").length;
}

describe("sign-up is confirmed by email before the account and its credits exist (item 4)", () => {
  it("mails a link that expires in 24 hours; until it is opened nobody can sign in, after it the welcome credits are there once", async () => {
    const email = randomEmail("confirm");
    const since = Date.now();
    const res = await requestSignUp(server, { email, password: TEST_PASSWORD }, fromNewAddress());
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "check-email", email, delivery: "smtp", expiresInHours: 24 });

    const mail = await server.mail!.waitFor(email, { since });
    expect(mail.subject).toBe("Confirm your email to finish creating your Doitong account");
    expect(mail.text).toContain("expires in 24 hours");
    const link = confirmationLink(mail);
    expect(mail.html).toContain(`href="${link}"`);

    // Before the link: the right password gets no session, and says why.
    const early = await postCredentials(server, email, TEST_PASSWORD);
    expect(early.headers.getSetCookie().join()).not.toContain("next-auth.session-token=");
    expect(((await early.json()) as { url: string }).url).toContain("error=EmailNotConfirmed");

    const opened = await fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/signin?confirmed=confirmed");
    const cookie = await signIn(server, email, TEST_PASSWORD);
    expect(await me(cookie)).toEqual({ credits: { balance: 50 } });

    // The link works once; opening it again changes nothing.
    const again = await fetch(link, { redirect: "manual" });
    expect(again.headers.get("location")).toBe("/signin?confirmed=already-confirmed");
    expect(await me(cookie)).toEqual({ credits: { balance: 50 } });
    expect(await welcomeEntries(cookie)).toBe(1);
  });

  it("opened six times at once, the link creates one account with one grant of welcome credits", async () => {
    const email = randomEmail("race");
    const since = Date.now();
    expect((await requestSignUp(server, { email, password: TEST_PASSWORD }, fromNewAddress())).status).toBe(202);
    const link = await confirmationLinkFor(server, email, since);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => fetch(link, { redirect: "manual" }).then((r) => r.headers.get("location"))));
    expect(outcomes.filter((l) => l === "/signin?confirmed=confirmed")).toHaveLength(1);
    expect(outcomes.filter((l) => l === "/signin?confirmed=already-confirmed")).toHaveLength(5);
    const cookie = await signIn(server, email, TEST_PASSWORD);
    expect(await me(cookie)).toEqual({ credits: { balance: 50 } });
    expect(await welcomeEntries(cookie)).toBe(1);
  });

  it("a made-up or altered link creates nothing", async () => {
    for (const token of ["x".repeat(43), "not-a-token", ""]) {
      const res = await fetch(`${server.url}/verify-email?token=${token}`, { redirect: "manual" });
      expect(res.headers.get("location")).toBe("/signin?confirmed=invalid");
    }
  });

  it("throttles sign-ups per client address: the fourth in an hour is refused with Retry-After, other addresses go on", async () => {
    const address = fromNewAddress();
    for (let i = 0; i < 3; i++) expect((await requestSignUp(server, { email: randomEmail("ip"), password: TEST_PASSWORD }, address)).status).toBe(202);
    const refused = await requestSignUp(server, { email: randomEmail("ip"), password: TEST_PASSWORD }, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      error: { code: "RATE_LIMIT", message: expect.stringMatching(/^Too many sign-ups from your network right now\. Try again in \d+ (minutes?|hours?)\.$/) },
    });
    expect((await requestSignUp(server, { email: randomEmail("ip"), password: TEST_PASSWORD }, fromNewAddress())).status).toBe(202);
  });

  it("throttles sign-ups per email domain, whatever the addresses they come from", async () => {
    const domain = `farm-${Date.now()}.example`;
    for (let i = 0; i < 4; i++) expect((await requestSignUp(server, { email: `u${i}@${domain}`, password: TEST_PASSWORD }, fromNewAddress())).status).toBe(202);
    const refused = await requestSignUp(server, { email: `u9@${domain}`, password: TEST_PASSWORD }, fromNewAddress());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(`@${domain}`);
    expect((await requestSignUp(server, { email: randomEmail("other-domain"), password: TEST_PASSWORD }, fromNewAddress())).status).toBe(202);
  });
});

describe("sign-up never says which emails are registered (item 16)", () => {
  it("answers a registered email exactly as a new one, and the mail tells its owner what happened", async () => {
    const owner = await signUpAndSignIn(server, randomEmail("owner"));
    const newcomer = randomEmail("new");
    const since = Date.now();
    const registered = await requestSignUp(server, { email: owner.email, password: "another long one" }, fromNewAddress());
    const fresh = await requestSignUp(server, { email: newcomer, password: "another long one" }, fromNewAddress());
    expect(registered.status).toBe(fresh.status);
    const [a, b] = [(await registered.json()) as Record<string, unknown>, (await fresh.json()) as Record<string, unknown>];
    expect({ ...a, email: "" }).toEqual({ ...b, email: "" });

    const told = await server.mail!.waitFor(owner.email, { since });
    expect(told.subject).toBe("You already have a Doitong account");
    expect(told.text).toContain("nothing was created and nothing was changed");
    expect(told.text).not.toContain("/verify-email");
    expect((await server.mail!.waitFor(newcomer, { since })).subject).toMatch(/^Confirm your email/);
    // The registered account is untouched: the old password works, the new one does not.
    expect(await signIn(server, owner.email, owner.password)).toBeTruthy();
    await expect(signIn(server, owner.email, "another long one")).rejects.toThrow("sign-in failed");
  });

  it("refuses common and trivial passwords, saying why, and sends nothing", async () => {
    const email = randomEmail("weak");
    for (const password of ["aaaaaaaaaa", "1234567890", "password123!", "qwertyuiop1", email]) {
      const res = await requestSignUp(server, { email, password }, fromNewAddress());
      expect(res.status, password).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "password", message: expect.stringMatching(/too easy to guess|at least 10 characters/) } });
    }
    expect(server.mail!.messages.some((m) => m.to.includes(email))).toBe(false);
  });
});

describe("sign-up bodies (item 6)", () => {
  it("refuses a body announced over 16 KB with 413 before it has been sent", async () => {
    const res = await answerBeforeBodyEnds(`${server.url}/api/signup`, {
      headers: { "content-type": "application/json", origin: server.url },
      announce: 40 * 1024 * 1024,
      send: 1024,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses a chunked body as soon as it passes 16 KB, without waiting for its end", async () => {
    const res = await answerBeforeBodyEnds(`${server.url}/api/signup`, { headers: { "content-type": "application/json", origin: server.url }, send: 64 * 1024 });
    expect(res.status).toBe(413);
  });

  it("answers a foreign or opaque Origin with 400, not a server error", async () => {
    for (const origin of ["null", "https://evil.example", "not a url"]) {
      const res = await requestSignUp(server, { email: randomEmail("origin"), password: TEST_PASSWORD }, { origin });
      expect(res.status, origin).toBe(400);
    }
  });
});
