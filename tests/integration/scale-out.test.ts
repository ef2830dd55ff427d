import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "../fakes/s3";
import { download } from "../helpers/media";
import { createTestDatabase, type TestDatabase } from "../helpers/pg";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// Two app instances on one PostgreSQL, one Redis and one bucket, as in production: limits and idempotency hold
// across them, and either serves what the other stored.
// Needs TEST_DATABASE_URL and TEST_REDIS_URL (CI sets both); runs once, in the pglite project's pass.
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL && process.env.DOITONG_TEST_DB !== "postgres");

describe.runIf(enabled)("two instances behind one PostgreSQL and Redis", () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let s3: FakeS3;

  beforeAll(async () => {
    database = await createTestDatabase("scale");
    s3 = await startFakeS3();
    const shared = {
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      DOITONG_REDIS_PREFIX: `test-${randomBytes(4).toString("hex")}`,
      DOITONG_SECRET: randomBytes(32).toString("hex"),
      DOITONG_DEMO_ACCOUNT: "on",
    };
    // Started together, as a deploy starts its instances: the migrations' advisory lock lets one apply them while
    // the other waits (lib/db/migrate.ts).
    [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    await s3?.close();
  });

  it("brings both first starts on one empty database up, with one demo account between them", async () => {
    // Started together, both may count no account: the unique email lets one make it and the other start without.
    const client = await a.database();
    expect(await client.account.count({ where: { email: "demo@doitong.local" } })).toBe(1);
    const created = [a, b].filter((server) => server.output().includes("created a demo account"));
    expect(created).toHaveLength(1);
  });

  it("keeps a FREE account within 10 requests a minute across both", async () => {
    const { apiKey } = await a.createAccount({ plan: "FREE", credits: 0 });
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).gql(`{ me { plan } }`, {}, { apiKey })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(6);
  });

  it("turns 20 duplicates split over both instances into one generation", async () => {
    const { apiKey } = await b.createAccount({ credits: 100 });
    const headers = { "Idempotency-Key": "two-instances" };
    const input = { type: "IMAGE", input: { text: "once across instances" }, options: { resolution: "480p" } };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).gql<{ generate: { id: string } }>(`mutation($input: GenerateInput!) { generate(input: $input) { id } }`, { input }, { apiKey, headers }),
      ),
    );
    expect(new Set(results.map((r) => r.body.data?.generate.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    const ledger = await a.gql<{ creditLedger: { nodes: { kind: string }[] } }>(`{ creditLedger { nodes { kind } } }`, {}, { apiKey });
    expect(ledger.body.data!.creditLedger.nodes.filter((e) => e.kind === "RESERVE")).toHaveLength(1);
  });

  it("serves a result from either instance, whichever runner made it", async () => {
    const { apiKey } = await a.createAccount({ credits: 100 });
    const made = await a.gql<{ generate: { id: string } }>(`mutation { generate(input: { type: IMAGE, provider: "local", input: { text: "shared" } }) { id } }`, {}, { apiKey });
    const id = made.body.data!.generate.id;
    const fromA = await waitForGeneration(a, apiKey, id);
    const fromB = await waitForGeneration(b, apiKey, id);
    const stored = [...s3.objects].find(([key]) => key.endsWith(`/${id}/output.png`));
    expect(stored).toBeDefined();
    for (const link of [String(fromA.url), String(fromB.url)]) {
      const file = await download(link);
      expect(file).toMatchObject({ status: 200, type: "image/png" });
      expect(file.bytes.equals(stored![1].body)).toBe(true);
    }
  });

  it("runs a 1-slot account's generations one at a time although both runners work", async () => {
    const created = await a.createAccount({ credits: 1_000 });
    await a.setLimits(created.accountId, { parallel: 1, rpm: 0 });
    const apiKey = created.apiKey;
    for (let i = 0; i < 4; i++) {
      await (i % 2 ? a : b).gql(
        `mutation($input: GenerateInput!) { generate(input: $input) { id } }`,
        { input: { type: "VIDEO", input: { text: `slot ${i}` }, options: { duration: 1, resolution: "480p" } } },
        { apiKey },
      );
    }
    let maxRunning = 0;
    for (let polls = 0; ; polls++) {
      const res = await a.gql<{ me: { usage: { running: number; queued: number } } }>(`{ me { usage { running queued } } }`, {}, { apiKey });
      const usage = res.body.data!.me.usage;
      maxRunning = Math.max(maxRunning, usage.running);
      if (usage.running + usage.queued === 0) break;
      if (polls > 600) throw new Error("generations did not finish");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(maxRunning).toBe(1);
  });
});
