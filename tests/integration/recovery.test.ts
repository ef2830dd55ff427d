import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// Durability of the embedded set-up: the admin command beside a running app, and a generation that survives
// the app being killed mid-render.
let server: TestServer;

beforeAll(async () => {
  // Local videos render at twice real time at most, so the one below is under way long enough to be killed
  // however fast the machine, without burning CPU on 1080p frames to make it last.
  // On PostgreSQL a killed server's leases lapse before the restarted one takes its work over: 10 s, not 30.
  server = await startServer({ DOITONG_DEMO_ACCOUNT: "on", DOITONG_LOCAL_RENDER_PACE: "2", DOITONG_RUN_LEASE_SECONDS: "10" });
});
afterAll(() => server?.stop());

type Me = { me: { accountId: string; credits: { balance: number; reserved: number } } };

describe("first start", () => {
  it("creates a demo account and prints a working key", async () => {
    const key = server.output().match(/API key\s+(dk_live_\S+)/)?.[1];
    expect(key).toBeDefined();
    const res = await server.gql<{ me: { email: string; credits: { balance: number } } }>(`{ me { email credits { balance } } }`, {}, { apiKey: key });
    expect(res.body.data?.me).toMatchObject({ email: "demo@doitong.local", credits: { balance: 1000 } });
  });
});

describe("admin command while the app runs", () => {
  it("creates accounts concurrently with API traffic, without locking anyone out", async () => {
    const { apiKey } = await server.createAccount({ plan: "PRO", credits: 5 });
    const traffic = Array.from({ length: 20 }, () => server.gql<Me>(`{ me { accountId credits { balance reserved } } }`, {}, { apiKey }));
    // The command itself, a process of its own joining the app's embedded database (not the test's lib/ shortcut).
    const created = (email: string, credits: number) =>
      server.admin("create-account", "--email", email, "--credits", String(credits)) as Promise<{ accountId: string; apiKey: string }>;
    const [a, b, ...responses] = await Promise.all([created("admin-a@example.com", 7), created("admin-b@example.com", 9), ...traffic]);
    expect(responses.every((r) => r.status === 200 && r.body.data?.me.credits.balance === 5)).toBe(true);
    const meA = await server.gql<Me>(`{ me { accountId credits { balance reserved } } }`, {}, { apiKey: a.apiKey });
    const meB = await server.gql<Me>(`{ me { accountId credits { balance reserved } } }`, {}, { apiKey: b.apiKey });
    expect(meA.body.data?.me).toEqual({ accountId: a.accountId, credits: { balance: 7, reserved: 0 } });
    expect(meB.body.data?.me).toEqual({ accountId: b.accountId, credits: { balance: 9, reserved: 0 } });
  });

  it("reports bad arguments as one JSON error line", async () => {
    await expect(server.admin("create-account", "--email", "not-an-email")).rejects.toMatchObject({
      stderr: expect.stringContaining('"code":"INVALID_INPUT"'),
    });
  });
});

describe("kill -9 mid-generation", () => {
  it("finishes the generation after restart and charges it exactly once", async () => {
    const { apiKey } = await server.createAccount({ plan: "ENTERPRISE", credits: 100 });
    const started = await server.gql<{ generate: { id: string; creditCost: number } }>(
      `mutation($input: GenerateInput!) { generate(input: $input) { id creditCost } }`,
      // Long enough to be caught under way (progress > 0) and killed (4 s at the server's pace), rendered twice.
      { input: { type: "VIDEO", input: { text: "Survives a crash" }, options: { duration: 8, resolution: "480p", fps: 12 } } },
      { apiKey },
    );
    const { id, creditCost } = started.body.data!.generate;

    // Wait until the render is visibly under way, then kill the server without any chance to clean up.
    for (let i = 0; ; i++) {
      const res = await server.gql<{ generation: { status: string; progress: number } }>(`query($id: ID!) { generation(id: $id) { status progress } }`, { id }, { apiKey });
      const g = res.body.data!.generation;
      if (g.status === "PROCESSING" && g.progress > 0) break;
      expect(g.status).not.toBe("COMPLETED");
      if (i > 200) throw new Error("render never started");
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.kill("SIGKILL");
    await server.restart();

    const done = await waitForGeneration(server, apiKey, id, 90_000);
    expect(done.status).toBe("COMPLETED");
    const probe = await ffprobeBytes((await download(String(done.url))).bytes);
    expect(Math.abs(probe.duration - 8)).toBeLessThan(0.15);
    const me = await server.gql<Me>(`{ me { accountId credits { balance reserved } } }`, {}, { apiKey });
    expect(me.body.data?.me.credits).toEqual({ balance: 100 - creditCost, reserved: 0 });
  });
});
