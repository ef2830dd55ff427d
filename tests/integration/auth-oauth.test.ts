import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github-oauth";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { randomEmail, signUpAndSignIn } from "../helpers/session";

// Issue 15, item 14: an OAuth sign-in may only reach an account through an email the provider has verified —
// never join an existing password account (or open a new one with welcome credits) on an unverified address.
// GitHub is a local fake (tests/fakes/github-oauth.ts), reached through GITHUB_URL as a GitHub Enterprise Server.
let server: TestServer;
let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub();
  // OAuth needs next-auth to know its own public URL (the redirect_uri it gives GitHub), as in production.
  const port = String(await freePort());
  server = await startServer({ PORT: port, NEXTAUTH_URL: `http://127.0.0.1:${port}`, GITHUB_ID: "Iv1.test", GITHUB_SECRET: "test-secret", GITHUB_URL: github.url });
});
afterAll(async () => {
  await server?.stop();
  await github?.close();
});

/** The browser's side of "Continue with GitHub", cookie by cookie: our sign-in → GitHub → our callback. */
async function continueWithGitHub(): Promise<{ session?: string; location: string }> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () =>
    [...jar]
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${server.url}/api/auth/signin/github`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/dashboard", json: "true" }),
  });
  keep(start);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${github.url}/login/oauth/authorize`)).toBe(true);
  const approved = await fetch(url, { redirect: "manual" });
  const callback = await fetch(approved.headers.get("location") ?? "", { redirect: "manual", headers: { cookie: cookie() } });
  keep(callback);
  const session = jar.get("next-auth.session-token");
  return { session: session ? `next-auth.session-token=${session}` : undefined, location: callback.headers.get("location") ?? "" };
}

async function me(cookie: string) {
  const res = await server.gql<{ me: { accountId: string; email: string; credits: { balance: number } } }>(
    `{ me { accountId email credits { balance } } }`,
    {},
    { headers: { cookie, "x-doitong-csrf": "1" } },
  );
  return res.body.data?.me;
}

describe("GitHub sign-in and existing password accounts", () => {
  it("does not join a password account through an address GitHub has not verified", async () => {
    const owner = await signUpAndSignIn(server);
    github.user = { id: 101, login: "mallory", name: "Mallory", email: null, emails: [{ email: owner.email, primary: true, verified: false }] };
    const attempt = await continueWithGitHub();
    expect(attempt.session).toBeUndefined();
    expect(attempt.location).toContain("error=OAuthEmailNotVerified");
  });

  it("joins it once GitHub has verified that the address is theirs", async () => {
    const owner = await signUpAndSignIn(server);
    const ownersAccount = (await me(owner.cookie))!.accountId;
    github.user = { id: 102, login: "owner", name: "Owner", email: null, emails: [{ email: owner.email, primary: true, verified: true }] };
    const attempt = await continueWithGitHub();
    expect(attempt.session).toBeTruthy();
    expect(await me(attempt.session!)).toMatchObject({ accountId: ownersAccount, email: owner.email });
  });

  it("looks only at the primary address: a verified secondary one does not vouch for an unverified primary", async () => {
    const owner = await signUpAndSignIn(server);
    github.user = {
      id: 103,
      login: "mixed",
      name: "Mixed",
      email: null,
      emails: [
        { email: owner.email, primary: true, verified: false },
        { email: randomEmail("other"), primary: false, verified: true },
      ],
    };
    expect((await continueWithGitHub()).session).toBeUndefined();
  });
});

describe("GitHub sign-in of a new person", () => {
  it("opens an account with the welcome credits only for a verified address", async () => {
    const email = randomEmail("octo");
    github.user = { id: 201, login: "newcomer", name: "New Comer", email: null, emails: [{ email, primary: true, verified: false }] };
    expect((await continueWithGitHub()).session).toBeUndefined();

    github.user.emails[0].verified = true;
    const attempt = await continueWithGitHub();
    expect(attempt.session).toBeTruthy();
    expect(await me(attempt.session!)).toMatchObject({ email, credits: { balance: 50 } });
  });
});
