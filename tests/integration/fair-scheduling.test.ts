import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fluxDevAdapter } from "@/lib/providers/bfl/adapter";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { startVendorFake, type VendorHarness } from "../helpers/vendor";

// Fair scheduling as tenants notice it: one account's hanging or piled-up work does not hold up another's.
// One live work slot per instance (DOITONG_RUNNER_CONCURRENCY=1), the harshest setting: every live start competes
// for it. A live "vendor" (a BFL fake whose jobs run for an hour) and the sandbox's `[sandbox:timeout]` make jobs
// that hang.
let server: TestServer;
let bfl: VendorHarness;

beforeAll(async () => {
  bfl = await startVendorFake(fluxDevAdapter, 3_600_000);
  server = await startServer({
    DOITONG_DEMO_ACCOUNT: "off",
    DOITONG_RUNNER_CONCURRENCY: "1",
    // The sandbox at the vendors' own pace (BFL: a status query a second), so `[sandbox:timeout]` hangs for 5 minutes.
    DOITONG_SANDBOX_TIME_SCALE: "1",
    // Local videos render at real time at most: the blocker below holds the slot without spending its minutes on the CPU.
    DOITONG_LOCAL_RENDER_PACE: "1",
    BFL_API_KEY: "live-bfl-key",
    BFL_BASE_URL: bfl.url,
  });
});
afterAll(async () => {
  await server?.stop();
  await bfl?.close();
});

type Input = { type: string; provider?: string; input: { text: string }; options?: Record<string, unknown> };
type Row = { id: string; status: string; createdAt: string; startedAt: string | null; completedAt: string | null };

const localImage = (text: string): Input => ({ type: "IMAGE", provider: "local", input: { text }, options: { resolution: "480p" } });
const hangingVendorImage = (text: string): Input => ({ type: "IMAGE", provider: "flux-dev", input: { text } });

async function account(plan: string, keyMode: "live" | "test" = "live") {
  const created = await server.createAccount({ plan, credits: 100_000, keyMode });
  // No per-minute limit and room for every job at once: only the scheduler decides who goes when.
  await server.setLimits(created.accountId, { rpm: 0, parallel: 100 });
  return created.apiKey;
}

/** Accepts the inputs in one document: mutation fields run one after another, so they queue in this order. */
async function submit(apiKey: string, inputs: Input[]): Promise<string[]> {
  const fields = inputs.map((_, i) => `g${i}: generate(input: $i${i}) { id }`).join(" ");
  const vars = inputs.map((_, i) => `$i${i}: GenerateInput!`).join(", ");
  const res = await server.gql<Record<string, { id: string }>>(`mutation(${vars}) { ${fields} }`, Object.fromEntries(inputs.map((input, i) => [`i${i}`, input])), { apiKey });
  expect(res.body.errors).toBeUndefined();
  return inputs.map((_, i) => res.body.data![`g${i}`].id);
}

async function rows(apiKey: string): Promise<Row[]> {
  const res = await server.gql<{ generations: { nodes: Row[] } }>(`{ generations(first: 100) { nodes { id status createdAt startedAt completedAt } } }`, {}, { apiKey });
  return res.body.data!.generations.nodes;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A local video that holds the one live slot while the backlog under test is queued behind it, until `release` cancels
 * it (paced, it would render for 20 s): the backlog then starts in the order the scheduler chooses.
 */
async function occupyTheSlot(apiKey: string): Promise<{ release(): Promise<void> }> {
  const [id] = await submit(apiKey, [{ type: "VIDEO", provider: "local", input: { text: "blocker" }, options: { duration: 20, resolution: "480p", fps: 12 } }]);
  await until(async () => (await rows(apiKey)).some((r) => r.status === "PROCESSING"), "the blocker started");
  return {
    async release() {
      const res = await server.gql<{ cancelGeneration: boolean }>(`mutation($id: ID!) { cancelGeneration(id: $id) }`, { id }, { apiKey });
      expect(res.body.data?.cancelGeneration).toBe(true);
    },
  };
}

/** Which account each started generation belongs to, in the order they started. */
async function startOrder(accounts: Record<string, string>): Promise<string[]> {
  const all: { who: string; startedAt: number }[] = [];
  for (const [who, apiKey] of Object.entries(accounts)) {
    await until(async () => (await rows(apiKey)).every((r) => r.status === "COMPLETED"), `${who}'s generations completed`);
    for (const r of await rows(apiKey)) all.push({ who, startedAt: Date.parse(r.startedAt!) });
  }
  return all.sort((a, b) => a.startedAt - b.startedAt).map((s) => s.who);
}

describe("accounts with queued work", () => {
  it("take turns at the slot: two same-plan accounts' backlogs run interleaved, not one whole backlog first", async () => {
    const [blocker, first, second] = await Promise.all([account("FREE"), account("FREE"), account("FREE")]);
    const slot = await occupyTheSlot(blocker);
    // `first` queues its whole backlog before `second` queues anything: oldest-first would run all of it first.
    await submit(
      first,
      Array.from({ length: 4 }, (_, i) => localImage(`first ${i}`)),
    );
    await submit(
      second,
      Array.from({ length: 4 }, (_, i) => localImage(`second ${i}`)),
    );
    await slot.release();
    expect(await startOrder({ first, second })).toEqual(["first", "second", "first", "second", "first", "second", "first", "second"]);
  }, 180_000);

  it("take turns weighted by plan: a Pro account starts three for each one of a Free account's", async () => {
    const [blocker, pro, free] = await Promise.all([account("FREE"), account("PRO"), account("FREE")]);
    const slot = await occupyTheSlot(blocker);
    await submit(
      pro,
      Array.from({ length: 6 }, (_, i) => localImage(`pro ${i}`)),
    );
    await submit(
      free,
      Array.from({ length: 3 }, (_, i) => localImage(`free ${i}`)),
    );
    await slot.release();
    expect(await startOrder({ pro, free })).toEqual(["pro", "pro", "pro", "free", "pro", "pro", "pro", "free", "free"]);
  }, 180_000);
});

// Last: its 40 hanging jobs are followed (a status query a second each) until the server stops.
describe("an account with hanging jobs", () => {
  it("does not delay another account's local image: it completes in seconds while they hang for minutes", async () => {
    const [testHog, liveHog, victim] = await Promise.all([account("ENTERPRISE", "test"), account("ENTERPRISE"), account("FREE")]);
    await submit(
      testHog,
      Array.from({ length: 20 }, (_, i) => hangingVendorImage(`stuck ${i} [sandbox:timeout]`)),
    );
    await submit(
      liveHog,
      Array.from({ length: 20 }, (_, i) => hangingVendorImage(`never done ${i}`)),
    );
    // All 40 are with their vendors, which will not finish them for minutes (live: an hour).
    for (const hog of [testHog, liveHog]) {
      await until(async () => (await rows(hog)).filter((r) => r.status === "PROCESSING").length === 20, "the hog's 20 jobs were with the vendor");
    }

    const [id] = await submit(victim, [localImage("a quick picture")]);
    expect(await waitForGeneration(server, victim, id, 30_000)).toMatchObject({ status: "COMPLETED" });
    const done = (await rows(victim)).find((r) => r.id === id)!;
    // The generation's own timestamps, not the test's clock: accepted → completed. Behind the hogs it would wait
    // minutes (their jobs hang for that long); 15 s leaves a loaded machine room to render (CI's missed 2 s).
    expect(Date.parse(done.completedAt!) - Date.parse(done.createdAt)).toBeLessThan(15_000);

    // And the hogs' jobs were still hanging all along.
    for (const hog of [testHog, liveHog]) expect((await rows(hog)).filter((r) => r.status === "PROCESSING")).toHaveLength(20);
  }, 300_000); // queueing 40 jobs with vendors takes a while on a loaded machine; what is asserted is the timestamps
});
