import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { requestSignUp, signIn, signUpAndSignIn, TEST_PASSWORD } from "../helpers/session";

// The dashboard's server side over HTTP: sign-up, sign-in, session-authenticated GraphQL with its CSRF guard,
// and API keys managed from a session.
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const asUser = (cookie: string, csrf = true) => ({ headers: { cookie, ...(csrf ? { "x-doitong-csrf": "1" } : {}) } });

describe("dashboard sessions", () => {
  it("signs a new person up on FREE with starter credits and signs them in", async () => {
    const { cookie } = await signUpAndSignIn(server);
    const res = await server.gql<{ me: { plan: string; credits: { balance: number } } }>(`{ me { plan credits { balance } } }`, {}, asUser(cookie));
    expect(res.body.data?.me).toEqual({ plan: "FREE", credits: { balance: 50 } });
  });

  it("refuses a wrong password, and a second sign-up of a registered email creates nothing", async () => {
    const { email, cookie } = await signUpAndSignIn(server);
    await expect(signIn(server, email, "wrong password!")).rejects.toThrow("sign-in failed");
    const again = await requestSignUp(server, { email, password: "another long one" });
    expect(again.status).toBe(202);
    // The first password still works and the account is the same one.
    const me = await server.gql<{ me: { credits: { balance: number } } }>(`{ me { credits { balance } } }`, {}, asUser(await signIn(server, email, TEST_PASSWORD)));
    expect(me.body.data?.me.credits.balance).toBe(50);
    await expect(signIn(server, email, "another long one")).rejects.toThrow("sign-in failed");
    expect(cookie).toBeTruthy();
  });

  it("needs the CSRF header for cookie-authenticated GraphQL", async () => {
    const { cookie } = await signUpAndSignIn(server);
    const res = await server.gql(`{ me { plan } }`, {}, asUser(cookie, false));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a cross-site sign-up", async () => {
    const res = await fetch(`${server.url}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: "x@example.com", password: "long enough password" }),
    });
    expect(res.status).toBe(400);
  });
});

describe("API keys from the dashboard", () => {
  it("creates a key shown once, lists it by prefix, and revokes it at once", async () => {
    const { cookie } = await signUpAndSignIn(server);
    const created = await server.gql<{ createApiKey: { key: string; apiKey: { id: string; prefix: string; mode: string } } }>(
      `mutation { createApiKey(name: "CI", mode: TEST) { key apiKey { id prefix mode } } }`,
      {},
      asUser(cookie),
    );
    const { key, apiKey } = created.body.data!.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.mode).toBe("TEST");
    const list = await server.gql<{ apiKeys: Record<string, unknown>[] }>(`{ apiKeys { id name prefix revokedAt } }`, {}, asUser(cookie));
    expect(list.body.data!.apiKeys).toEqual([{ id: apiKey.id, name: "CI", prefix: apiKey.prefix, revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(key);

    expect((await server.gql(`{ me { plan } }`, {}, { apiKey: key })).status).toBe(200);
    await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id }, asUser(cookie));
    const refused = await server.gql(`{ me { plan } }`, {}, { apiKey: key });
    expect(refused.status).toBe(401);
  });

  it("keeps keys to their own account and to the dashboard", async () => {
    const alice = await signUpAndSignIn(server);
    const bob = await signUpAndSignIn(server);
    const created = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(name: "mine") { key apiKey { id } } }`,
      {},
      asUser(alice.cookie),
    );
    const { key, apiKey } = created.body.data!.createApiKey;
    const bobsList = await server.gql<{ apiKeys: unknown[] }>(`{ apiKeys { id } }`, {}, asUser(bob.cookie));
    expect(bobsList.body.data!.apiKeys).toEqual([]);
    const bobRevokes = await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id }, asUser(bob.cookie));
    expect(bobRevokes.body.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    // An API key cannot mint or list keys: that needs a signed-in person.
    const viaKey = await server.gql(`{ apiKeys { id } }`, {}, { apiKey: key });
    expect(viaKey.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("signed-in pages", () => {
  it("sends a signed-out visitor to the sign-in page", async () => {
    const res = await fetch(`${server.url}/dashboard`, { redirect: "manual" });
    expect([302, 303, 307]).toContain(res.status);
    expect(res.headers.get("location")).toContain("/signin?callbackUrl=");
  });
});
