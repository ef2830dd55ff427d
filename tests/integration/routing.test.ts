import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { klingAdapter } from "@/lib/providers/kling/adapter";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { liveVendorEnv, startVendorFake, type VendorHarness } from "../helpers/vendor";

// Live keys against two vendor fakes (Kling, Runway) at their *_BASE_URL, with faults injected into Kling: the
// router skips a refusing vendor, falls back after a confirmed failure, charges once, and trips and resets the
// circuit breaker. Vendor waits are scaled down (DOITONG_VENDOR_TIME_SCALE); the cool-down is 2 s.
let server: TestServer;
let kling: VendorHarness;
let runway: VendorHarness;
let apiKey: string;
let image: string;

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id provider creditCost routing { priority chosen reason candidates { provider score reason } } } }`;
const DETAIL = `query($id: ID!) { generation(id: $id) { status provider creditCost error { code message } routing { chosen reason candidates { provider score reason } } attempts { provider status errorCode startedAt endedAt } } }`;
const ME = `{ me { credits { balance reserved } } }`;
const HEALTH = `{ providers(type: VIDEO) { id health { circuit faultRate recentCalls p50Seconds completedRuns retryAt } } }`;

const refuseSubmits = (fake: FakeApp) => {
  fake.intercept = (req) => (req.method === "POST" ? { status: 503, json: { code: 5001, message: "Service temporarily unavailable", request_id: "r1" } } : undefined);
};

beforeAll(async () => {
  [kling, runway] = await Promise.all([startVendorFake(klingAdapter, 300), startVendorFake(runwayAdapter, 300)]);
  server = await startServer({
    ...liveVendorEnv(kling, runway),
    DOITONG_CIRCUIT_COOLDOWN_MS: "2000",
  });
  ({ apiKey } = await server.createAccount({ plan: "ENTERPRISE", credits: 1_000 }));
  const png = await sharp({ create: { width: 512, height: 512, channels: 3, background: "#8a5a44" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([kling?.close(), runway?.close()]);
});

interface Candidate {
  provider: string;
  score: number | null;
  reason: string | null;
}
interface Routing {
  priority?: string;
  chosen: string;
  reason: string;
  candidates: Candidate[];
}
interface Detail {
  status: string;
  provider: string;
  creditCost: number;
  routing: Routing;
  attempts: { provider: string; status: string; errorCode: string | null }[];
}
interface ProviderHealth {
  id: string;
  health: { circuit: string; faultRate: number; retryAt: string | null };
}

const credits = async () => (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(ME, {}, { apiKey })).body.data!.me.credits;
const detail = async (id: string) => (await server.gql<{ generation: Detail }>(DETAIL, { id }, { apiKey })).body.data!.generation;
async function generate(input: Record<string, unknown>) {
  const res = await server.gql<{ generate: { id: string; provider: string; creditCost: number; routing: Routing } }>(GENERATE, { input }, { apiKey });
  return res.body;
}
const auto = (text: string) => ({ type: "VIDEO", priority: "QUALITY", input: { text, image } });

describe("smart routing with fallback", () => {
  it("explains the choice: every candidate with a score or the reason it was excluded", async () => {
    const body = await generate(auto("a calm lake"));
    const { routing, provider } = body.data!.generate;
    expect(provider).toBe("kling"); // QUALITY: Kling 90 > Runway 86 among the configured ones
    expect(routing).toMatchObject({ priority: "QUALITY", chosen: "kling", reason: expect.stringContaining("highest QUALITY score") });
    const byId = Object.fromEntries(routing.candidates.map((c) => [c.provider, c]));
    expect(byId.runway.score).toBeGreaterThan(0);
    expect(byId.veo).toMatchObject({ score: null, reason: expect.stringContaining("GOOGLE_VERTEX_PROJECT") });
    expect(byId.local).toMatchObject({ score: null, reason: expect.stringContaining("preview") });
    expect((await waitForGeneration(server, apiKey, body.data!.generate.id)).status).toBe("COMPLETED");
  });

  it("skips a vendor that answers 503 before accepting, records why, and charges only the one that delivered", async () => {
    refuseSubmits(kling.fake);
    const before = await credits();
    const body = await generate(auto("a windy field"));
    expect(body.errors).toBeUndefined();
    const accepted = body.data!.generate;
    expect(accepted).toMatchObject({ provider: "kling" });
    const done = await waitForGeneration(server, apiKey, accepted.id);
    expect(done.status).toBe("COMPLETED");
    const g = await detail(accepted.id);
    expect(g.provider).toBe("runway");
    expect(g.attempts).toEqual([
      expect.objectContaining({ provider: "kling", status: "refused", errorCode: "PROVIDER_UNAVAILABLE" }),
      expect.objectContaining({ provider: "runway", status: "succeeded", errorCode: null }),
    ]);
    expect(g.routing.reason).toMatch(/fell back to runway .* after kling refused with PROVIDER_UNAVAILABLE/);
    const after = await credits();
    expect(after.reserved).toBe(before.reserved);
    expect(before.balance - after.balance).toBe(g.creditCost); // Runway's price, not Kling's higher reservation
    kling.fake.intercept = undefined;
  });

  it("falls back after a vendor accepted the job and then failed it for good, charging once", async () => {
    kling.fake.intercept = (req) =>
      req.method === "GET" && req.path.startsWith("/v1/videos/image2video/")
        ? {
            json: {
              code: 0,
              message: "SUCCEED",
              request_id: "r2",
              data: { task_id: req.path.split("/").pop(), task_status: "failed", task_status_msg: "Task failed, please try again later", created_at: 1, updated_at: 2 },
            },
          }
        : undefined;
    const before = await credits();
    const { data } = await generate(auto("a quiet harbour"));
    const done = await waitForGeneration(server, apiKey, data!.generate.id);
    expect(done.status).toBe("COMPLETED");
    const g = await detail(data!.generate.id);
    expect(g.attempts.map((a) => [a.provider, a.status])).toEqual([
      ["kling", "failed"],
      ["runway", "succeeded"],
    ]);
    const after = await credits();
    expect(before.balance - after.balance).toBe(g.creditCost);
    expect(after.reserved).toBe(before.reserved);
    kling.fake.intercept = undefined;
  });

  it("opens Kling's circuit after repeated 503s, refuses it by name at once without charging, routes around it, and recovers", async () => {
    refuseSubmits(kling.fake);
    for (let i = 0; i < 5; i++) {
      const { data } = await generate({ type: "VIDEO", provider: "kling", input: { text: `attempt ${i}`, image } });
      const done = await waitForGeneration(server, apiKey, data!.generate.id);
      expect(done).toMatchObject({ status: "FAILED", error: { code: "PROVIDER_UNAVAILABLE" } });
    }
    const health = (await server.gql<{ providers: ProviderHealth[] }>(HEALTH, {}, { apiKey })).body.data!.providers.find((p) => p.id === "kling")!.health;
    expect(health).toMatchObject({ circuit: "open", retryAt: expect.any(String) });
    expect(health.faultRate).toBeGreaterThan(0);

    const before = await credits();
    const named = await generate({ type: "VIDEO", provider: "kling", input: { text: "now?", image } });
    expect(named.errors?.[0]).toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" }, message: expect.stringContaining("circuit open") });
    expect(await credits()).toEqual(before);

    const routed = (await generate(auto("around it"))).data!.generate;
    expect(routed.provider).toBe("runway");
    expect(routed.routing.candidates.find((c) => c.provider === "kling")!.reason).toContain("circuit open");
    await waitForGeneration(server, apiKey, routed.id);

    kling.fake.intercept = undefined;
    await new Promise((r) => setTimeout(r, 2_100)); // the cool-down; the next generation is the probe
    // Estimates only look: they see Kling as available again, and leave the one trial request to a generation.
    for (let i = 0; i < 3; i++) {
      const estimate = await server.gql<{ estimate: { provider: string } }>(
        `query($i: GenerateInput!) { estimate(input: $i) { provider } }`,
        { i: { type: "VIDEO", provider: "kling", input: { text: "how much?", image } } },
        { apiKey },
      );
      expect(estimate.body.errors).toBeUndefined();
    }
    const probe = await generate({ type: "VIDEO", provider: "kling", input: { text: "are you back?", image } });
    expect(probe.errors).toBeUndefined();
    expect((await waitForGeneration(server, apiKey, probe.data!.generate.id)).status).toBe("COMPLETED");
    const healed = (await server.gql<{ providers: ProviderHealth[] }>(HEALTH, {}, { apiKey })).body.data!.providers.find((p) => p.id === "kling")!.health;
    expect(healed.circuit).toBe("closed");
  });
});
