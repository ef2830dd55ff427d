import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// A start deadline: a generation still queued behind the account's parallel limit when it passes is cancelled
// with DEADLINE_EXCEEDED and its reservation released; one that started in time is unaffected.
let server: TestServer;
let apiKey: string;

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id status creditCost deadline queuePosition estimatedTimeRemaining } }`;
const ME = `{ me { credits { balance reserved } } }`;

beforeAll(async () => {
  // Local videos render at real time at most, so the one below occupies the account's slot for its whole duration
  // however fast the machine, without spending that long on the CPU.
  server = await startServer({ DOITONG_LOCAL_RENDER_PACE: "1" });
  ({ apiKey } = await server.createAccount({ plan: "STARTER", credits: 500 }));
  const { accountId } = (await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, { apiKey })).body.data!.me;
  await server.setLimits(accountId, { parallel: 1 });
});
afterAll(() => server?.stop());

const credits = async () => (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(ME, {}, { apiKey })).body.data!.me.credits;

describe("start deadlines", () => {
  it("refuses a deadline in the past or not a date, naming the field", async () => {
    for (const deadline of [new Date(Date.now() - 60_000).toISOString(), "tomorrow-ish"]) {
      const res = await server.gql(GENERATE, { input: { type: "IMAGE", provider: "local", input: { text: "x" }, deadline } }, { apiKey });
      expect(res.body.errors?.[0].extensions, deadline).toMatchObject({ code: "INVALID_INPUT" });
      expect(JSON.stringify(res.body.errors?.[0])).toContain("deadline");
    }
  });

  it("cancels a generation still queued at its deadline, charging nothing, while the running one completes", async () => {
    const before = await credits();
    const long = await server.gql<{ generate: { id: string; creditCost: number } }>(
      GENERATE,
      // Running for at least 8 s, well past the next one's deadline (3 s).
      { input: { type: "VIDEO", provider: "local", input: { text: "A long slow pan" }, options: { duration: 8, resolution: "480p", fps: 12 } } },
      { apiKey },
    );
    const first = long.body.data!.generate;
    // In the future when the request arrives, even on a loaded machine.
    const deadline = new Date(Date.now() + 3_000).toISOString();
    const waiting = await server.gql<{ generate: { id: string; status: string; creditCost: number; deadline: string; queuePosition: number | null } }>(
      GENERATE,
      { input: { type: "IMAGE", provider: "local", input: { text: "Behind the queue" }, deadline } },
      { apiKey },
    );
    expect(waiting.body.errors).toBeUndefined();
    const second = waiting.body.data!.generate;
    expect(second).toMatchObject({ status: "QUEUED", deadline });
    expect(second.queuePosition).toBeGreaterThanOrEqual(1);

    const done = await waitForGeneration(server, apiKey, second.id, 30_000);
    expect(done).toMatchObject({ status: "CANCELLED", error: { code: "DEADLINE_EXCEEDED" } });
    const finished = await waitForGeneration(server, apiKey, first.id, 120_000);
    expect(finished.status).toBe("COMPLETED");
    const after = await credits();
    expect(after.reserved).toBe(before.reserved);
    expect(before.balance - after.balance).toBe(first.creditCost); // the cancelled one cost nothing
  });
});
