import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBeforeBodyEnds } from "../helpers/partial-body";
import { startServer, type TestServer } from "../helpers/server";
import { cookiesOf, randomEmail, signUpAndConfirm, TEST_PASSWORD } from "../helpers/session";

// Issue 15, items 5 (sign-in throttled per account and per address with exponential back-off, a clear message and
// Retry-After, never a permanent lock) and 6 (sign-in bodies capped at 16 KB).
//
// The server trusts one proxy (DOITONG_TRUST_PROXY=1): the client address is the last X-Forwarded-For entry, the
// one the proxy appends. Each test plays a client at its own address; the clients also put made-up addresses in
// front, which must change nothing. Failures per address before its back-off: 12 here (default 50).
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ DOITONG_TRUST_PROXY: "1", DOITONG_SIGNIN_FAILURES_PER_IP: "12" });
});
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let claimed = 0;

/** A password sign-in as the form sends it, through our "proxy" at `address`. */
async function attempt(email: string, password: string, address: string): Promise<Response> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf), "x-forwarded-for": `10.9.${claimed++ % 250}.1, ${address}` },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
}

const signedIn = (res: Response) => res.headers.getSetCookie().some((c) => /^next-auth\.session-token=[^;]+/.test(c));

async function expectThrottled(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  const body = (await res.json()) as { url: string; error: { code: string; message: string; retryAfter: number } };
  expect(body.error).toEqual({ code: "RATE_LIMIT", retryAfter, message: `Too many sign-in attempts. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.` });
  // next-auth's own client reads ?error= from `url`.
  expect(body.url).toContain("error=TooManyAttempts");
  return retryAfter;
}

describe("password sign-in back-off per account (item 5)", () => {
  // Sequential bcrypt comparisons and real waits: allow for a loaded machine.
  it("after five wrong passwords, tries are spaced ever further apart — the right password too — and then it works again", { timeout: 180_000 }, async () => {
    const victim = randomEmail("victim");
    await signUpAndConfirm(server, victim);
    const address = "192.0.2.50";
    for (let i = 0; i < 5; i++) expect((await attempt(victim, "wrong password!", address)).status).toBe(401);

    // Three guesses at once, twice: each time one goes through and opens a wait, the others are refused with it.
    // The waits are announced as the window opens, so they do not depend on how long a guess takes: 1 s, then 2 s.
    const first = await guessesAtOnce(victim, address);
    expect(first.waits).toEqual([1, 1]);
    await sleep(1_100);
    let refusedRight: Response | undefined;
    const second = await guessesAtOnce(victim, address, async () => {
      // During a wait the right password is refused as well, before any password is compared.
      refusedRight = await attempt(victim, TEST_PASSWORD, address);
    });
    expect(second.waits).toEqual([2, 2]);
    const wait = await expectThrottled(refusedRight!);
    // Other accounts and addresses are not slowed down.
    expect((await attempt(randomEmail("bystander"), "wrong password!", "192.0.2.77")).status).toBe(401);

    // The wait ends: the right password signs in, and that clears the series.
    await sleep(wait * 1000 + 100);
    const ok = await attempt(victim, TEST_PASSWORD, address);
    expect(ok.status).toBe(200);
    expect(signedIn(ok)).toBe(true);
    expect((await attempt(victim, "wrong password!", address)).status).toBe(401);
  });
});

/**
 * Three wrong guesses sent together: expects one to go through (401) and two to be refused, and returns the waits
 * they announced. `whileRefused` runs as soon as the first refusal arrives — while the wait it announced is on.
 */
async function guessesAtOnce(email: string, address: string, whileRefused?: () => Promise<void>): Promise<{ waits: number[] }> {
  const guesses = Array.from({ length: 3 }, () => attempt(email, "wrong password!", address));
  let during: Promise<void> | undefined;
  if (whileRefused) {
    await Promise.any(guesses.map(async (g) => ((await g).status === 429 ? undefined : Promise.reject(new Error("went through")))));
    during = whileRefused();
  }
  const answers = await Promise.all(guesses);
  await during;
  expect(answers.map((a) => a.status).sort()).toEqual([401, 429, 429]);
  const waits = [];
  for (const answer of answers.filter((a) => a.status === 429)) waits.push(await expectThrottled(answer));
  return { waits };
}

describe("password sign-in back-off per address (item 5)", () => {
  it("one address failing against many accounts is slowed down after its allowance, whichever account it tries", { timeout: 180_000 }, async () => {
    const address = "192.0.2.90";
    for (let i = 0; i < 12; i++) expect((await attempt(randomEmail("stuffed"), "Summer2024!", address)).status).toBe(401);
    const burst = await Promise.all(Array.from({ length: 4 }, () => attempt(randomEmail("stuffed"), "Summer2024!", address)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(1);
    const throttled = burst.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(3);
    for (const res of throttled) await expectThrottled(res);
  });
});

describe("sign-in bodies (item 6)", () => {
  const headers = { "content-type": "application/x-www-form-urlencoded" };

  it("refuses a body announced over 16 KB with 413 before it has been sent", async () => {
    const res = await answerBeforeBodyEnds(`${server.url}/api/auth/callback/credentials`, { headers, announce: 40 * 1024 * 1024, send: 1024 });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses a chunked body as soon as it passes 16 KB, on every next-auth POST", async () => {
    for (const path of ["callback/credentials", "signin/credentials", "signout"]) {
      const res = await answerBeforeBodyEnds(`${server.url}/api/auth/${path}`, { headers, send: 64 * 1024 });
      expect(res.status, path).toBe(413);
    }
  });
});
