import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "../fakes/s3";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { signedInPerson } from "../helpers/session";

// Retention and deletion (issue 20 item 6), over HTTP against the built app, with the folder and with an S3 bucket
// (the local fake). DOITONG_RETENTION_TIME_SCALE=360 makes an hour of retention last ten seconds, so "1h" media
// is purged ten seconds after it is made (time enough to see it before, on a loaded machine too: at three seconds a
// CI run's generation was purged before the test had read its link), while "30d" media (two hours) stays for the
// whole test.
const SCALE = "360";
const GENERATE = `mutation($i: GenerateInput!) { generate(input: $i) { id retention } }`;
const RESULT = `query($id: ID!) { generation(id: $id) {
  id status url creditCost prompt retention mediaExpiresAt mediaExpiredAt deletedAt completedAt
  metadata { width height mimeType } outputs { index url }
} }`;

interface Result {
  id: string;
  status: string;
  url: string | null;
  creditCost: number;
  prompt: string;
  retention: string;
  mediaExpiresAt: string | null;
  mediaExpiredAt: string | null;
  deletedAt: string | null;
  completedAt: string | null;
  metadata: { width: number; height: number; mimeType: string } | null;
  outputs: { index: number; url: string }[];
}

const image = (text: string, extra: Record<string, unknown> = {}) => ({ type: "IMAGE", provider: "local", input: { text }, options: { resolution: "480p" }, ...extra });

async function generate(server: TestServer, apiKey: string, input: Record<string, unknown>): Promise<Result> {
  const res = await server.gql<{ generate: { id: string } }>(GENERATE, { i: input }, { apiKey });
  if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
  await waitForGeneration(server, apiKey, res.body.data.generate.id);
  return result(server, apiKey, res.body.data.generate.id);
}

async function result(server: TestServer, apiKey: string, id: string): Promise<Result> {
  const res = await server.gql<{ generation: Result }>(RESULT, { id }, { apiKey });
  return res.body.data!.generation;
}

/** Polls until the purge has run on the generation (its media is marked expired). */
async function waitForPurge(server: TestServer, apiKey: string, id: string): Promise<Result> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const g = await result(server, apiKey, id);
    if (g.mediaExpiredAt) return g;
    if (Date.now() > deadline) throw new Error(`media of ${id} was not purged: ${JSON.stringify(g)}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const errorOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions;
const asUser = (cookie: string) => ({ headers: { cookie, "x-doitong-csrf": "1" } });

describe("media in the data folder", () => {
  let server: TestServer;
  let apiKey: string;
  let proKey: string;
  let accountId: string;

  beforeAll(async () => {
    server = await startServer({ DOITONG_DEMO_ACCOUNT: "off", DOITONG_RETENTION_TIME_SCALE: SCALE });
    // Enterprise for its 600 requests a minute (the test polls); a Pro account where the plan's maximum matters.
    ({ apiKey, accountId } = await server.createAccount({ plan: "ENTERPRISE", credits: 1_000 }));
    proKey = (await server.createAccount({ plan: "PRO", credits: 1_000 })).apiKey;
  });
  afterAll(() => server?.stop());

  it("deletes media past its retention from disk, keeps the record, and the old link answers 410", async () => {
    const short = await generate(server, apiKey, image("Gone in an hour", { retention: "1h" }));
    const file = path.join(server.dataDir, "media", accountId, short.id, "output.png");
    expect(fs.existsSync(file)).toBe(true);
    expect(short.status).toBe("COMPLETED");
    expect(short.retention).toBe("1h");
    expect(Date.parse(short.mediaExpiresAt!) - Date.parse(short.completedAt!)).toBe(10_000);
    const link = short.url!;
    const kept = await generate(server, apiKey, image("Kept a month", { retention: "30d" }));
    const keptFile = path.join(server.dataDir, "media", accountId, kept.id, "output.png");

    const purged = await waitForPurge(server, apiKey, short.id);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    expect(purged).toMatchObject({ status: "COMPLETED", url: null, outputs: [], creditCost: short.creditCost, prompt: "Gone in an hour", metadata: short.metadata });
    const gone = await fetch(link);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { code: "MEDIA_EXPIRED" } });

    expect(fs.existsSync(keptFile)).toBe(true);
    const still = await fetch((await result(server, apiKey, kept.id)).url!);
    expect(still.status).toBe(200);
    expect(still.headers.get("content-type")).toBe("image/png");
  });

  it("refuses a retention that is malformed, too short or above the plan's maximum, naming the field", async () => {
    for (const [retention, reason] of [
      ["two weeks", "format"],
      ["30m", "too-short"],
      ["91d", "over-plan-maximum"],
      ["forever", "over-plan-maximum"],
    ]) {
      const res = await server.gql(GENERATE, { i: image("Bad retention", { retention }) }, { apiKey: proKey });
      expect(errorOf(res), retention).toMatchObject({ code: "INVALID_INPUT", field: "retention", reason });
    }
    const setting = await server.gql(`mutation { setRetentionDefault(retention: "1y") { default } }`, {}, { apiKey: proKey });
    expect(errorOf(setting)).toMatchObject({ code: "INVALID_INPUT", field: "retention", reason: "format" });
  });

  it("uses the workspace default when a request names none, within the plan's maximum", async () => {
    const plans = await server.gql<{ plans: { id: string; maxRetention: string }[] }>(`{ plans { id maxRetention } }`, {}, { apiKey: proKey });
    expect(Object.fromEntries(plans.body.data!.plans.map((p) => [p.id, p.maxRetention]))).toEqual({ FREE: "7d", STARTER: "30d", PRO: "90d", ENTERPRISE: "forever" });
    const me = await server.gql<{ me: { retention: Record<string, unknown> } }>(`{ me { retention { default effective planMaximum } } }`, {}, { apiKey: proKey });
    expect(me.body.data!.me.retention).toEqual({ default: null, effective: "90d", planMaximum: "90d" });
    const set = await server.gql<{ setRetentionDefault: Record<string, unknown> }>(
      `mutation { setRetentionDefault(retention: "3d") { default effective planMaximum } }`,
      {},
      { apiKey: proKey },
    );
    expect(set.body.data!.setRetentionDefault).toEqual({ default: "3d", effective: "3d", planMaximum: "90d" });
    const g = await server.gql<{ generate: { retention: string } }>(GENERATE, { i: image("Default retention") }, { apiKey: proKey });
    expect(g.body.data!.generate.retention).toBe("3d");
    // The change is in the audit log, with before and after.
    const audit = await server.gql<{ auditLog: { nodes: { action: string; before: unknown; after: unknown }[] } }>(
      `{ auditLog(action: "retention.changed") { nodes { action before after } } }`,
      {},
      { apiKey: proKey },
    );
    expect(audit.body.data!.auditLog.nodes[0]).toEqual({ action: "retention.changed", before: { retentionDefault: null }, after: { retentionDefault: "3d" } });
    const cleared = await server.gql<{ setRetentionDefault: { default: string | null } }>(`mutation { setRetentionDefault(retention: null) { default } }`, {}, { apiKey: proKey });
    expect(cleared.body.data!.setRetentionDefault.default).toBeNull();
  });
});

describe("media in an S3 bucket", () => {
  let s3: FakeS3;
  let server: TestServer;
  let apiKey: string;
  let accountId: string;
  const objectsOf = (prefix: string) => [...s3.objects.keys()].filter((k) => k.startsWith(prefix));

  beforeAll(async () => {
    s3 = await startFakeS3();
    server = await startServer({
      DOITONG_DEMO_ACCOUNT: "off",
      DOITONG_RETENTION_TIME_SCALE: SCALE,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    ({ apiKey, accountId } = await server.createAccount({ plan: "ENTERPRISE", credits: 1_000 }));
  });
  afterAll(async () => {
    await server?.stop();
    await s3?.close();
  });

  it("purges every output of an expired generation from the bucket; its link answers 410", async () => {
    const g = await generate(server, apiKey, image("Three for an hour", { retention: "1h", options: { resolution: "480p", numOutputs: 3 } }));
    expect(g.outputs).toHaveLength(3);
    expect(objectsOf(`${accountId}/${g.id}/`)).toHaveLength(3);
    const purged = await waitForPurge(server, apiKey, g.id);
    expect(objectsOf(`${accountId}/${g.id}/`)).toEqual([]);
    expect(purged).toMatchObject({ status: "COMPLETED", url: null, outputs: [], creditCost: g.creditCost });
    const hop = await fetch(g.outputs[2].url, { redirect: "manual" });
    expect(hop.status).toBe(410);
  });

  it("deleteGeneration deletes the bucket objects at once, erases the prompt and keeps the accounting", async () => {
    const g = await generate(server, apiKey, image("Private prompt", { retention: "30d", webhookUrl: "https://example.com/hook" }));
    expect(objectsOf(`${accountId}/${g.id}/`)).toHaveLength(1);
    const res = await server.gql<{ deleteGeneration: Result }>(
      `mutation($id: ID!) { deleteGeneration(id: $id) { id status url prompt deletedAt creditCost outputs { url } } }`,
      { id: g.id },
      { apiKey },
    );
    expect(res.body.data!.deleteGeneration).toMatchObject({ status: "COMPLETED", url: null, prompt: "", creditCost: g.creditCost, outputs: [] });
    expect(res.body.data!.deleteGeneration.deletedAt).toBeTruthy();
    expect(objectsOf(`${accountId}/${g.id}/`)).toEqual([]);
    expect((await fetch(g.url!, { redirect: "manual" })).status).toBe(410);

    const row = await (await server.database()).generation.findUniqueOrThrow({ where: { id: g.id } });
    expect(row).toMatchObject({ input: {}, webhookUrl: null, creditCost: g.creditCost });
    const ledger = await server.gql<{ creditLedger: { nodes: { kind: string; generationId: string }[] } }>(
      `{ creditLedger(first: 50) { nodes { kind generationId } } }`,
      {},
      { apiKey },
    );
    expect(
      ledger.body
        .data!.creditLedger.nodes.filter((e) => e.generationId === g.id)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(["CHARGE", "RESERVE"]);

    const other = await server.createAccount({ credits: 10 });
    expect(errorOf(await server.gql(`mutation($id: ID!) { deleteGeneration(id: $id) { id } }`, { id: g.id }, { apiKey: other.apiKey }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("deleteUpload deletes the upload's object at once", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3a6ea5" } })
      .png()
      .toBuffer();
    const created = await server.gql<{ createUpload: { uploadId: string; url: string; headers: Record<string, string> } }>(
      `mutation($size: Int!) { createUpload(contentType: "image/png", size: $size) { uploadId url headers } }`,
      { size: png.length },
      { apiKey },
    );
    const { uploadId, url, headers } = created.body.data!.createUpload;
    expect((await fetch(url, { method: "PUT", headers, body: png })).status).toBe(200);
    expect(objectsOf(`uploads/${uploadId}/`)).toHaveLength(1);
    const res = await server.gql<{ deleteUpload: boolean }>(`mutation($id: ID!) { deleteUpload(id: $id) }`, { id: uploadId }, { apiKey });
    expect(res.body.data!.deleteUpload).toBe(true);
    expect(objectsOf(`uploads/${uploadId}/`)).toEqual([]);
  });

  it("an owner exports the workspace, then deletes it: files, people and keys go, the ledger's amounts stay", async () => {
    const { email, cookie } = await signedInPerson(server);
    const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "ci") { key } }`, {}, asUser(cookie));
    const ownKey = key.body.data!.createApiKey.key;
    const me = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, { apiKey: ownKey });
    const ownAccount = me.body.data!.me.accountId;
    // A new sign-up is on the Free plan, 10 requests a minute, and waiting for a generation polls it: on a loaded CI
    // machine the polls used the minute up before the next request (2026-12-07). What is tested here is not the limit.
    await server.setLimits(ownAccount, { rpm: 0 });
    const g = await generate(server, ownKey, image("Exported then deleted"));
    expect(objectsOf(`${ownAccount}/`)).toHaveLength(1);

    const download = await fetch(`${server.url}/api/workspace/export`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="doitong-acct_/);
    const exported = (await download.json()) as {
      account: { id: string; email: string; credits: { balance: number } };
      users: { email: string }[];
      apiKeys: { name: string }[];
      generations: { id: string; input: { text: string }; creditCost: number; outputs: { url: string }[] }[];
      ledger: { kind: string; amount: number; balanceAfter: number }[];
    };
    expect(exported.account).toMatchObject({ id: ownAccount, email });
    expect(exported.users.map((u) => u.email)).toEqual([email]);
    expect(exported.apiKeys.map((k) => k.name)).toContain("ci");
    expect(JSON.stringify(exported)).not.toContain(ownKey);
    expect(exported.generations).toMatchObject([{ id: g.id, input: { text: "Exported then deleted" }, creditCost: g.creditCost }]);
    const media = await fetch(exported.generations[0].outputs[0].url);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/png");
    // The ledger explains the balance: opening credits, the reservation, the charge.
    expect(exported.ledger.reduce((sum, e) => sum + e.amount, 0)).toBe(exported.account.credits.balance);

    const wrong = await server.gql(`mutation { deleteWorkspace(confirmEmail: "someone@else.com") }`, {}, asUser(cookie));
    expect(errorOf(wrong)).toMatchObject({ code: "INVALID_INPUT", field: "confirmEmail" });
    expect(errorOf(await server.gql(`mutation($e: String!) { deleteWorkspace(confirmEmail: $e) }`, { e: email }, { apiKey: ownKey }))).toMatchObject({ code: "UNAUTHENTICATED" });
    const deleted = await server.gql<{ deleteWorkspace: boolean }>(`mutation($e: String!) { deleteWorkspace(confirmEmail: $e) }`, { e: email }, asUser(cookie));
    expect(deleted.body.data!.deleteWorkspace).toBe(true);

    expect(objectsOf(`${ownAccount}/`)).toEqual([]);
    expect((await fetch(exported.generations[0].outputs[0].url, { redirect: "manual" })).status).toBe(410);
    expect((await server.gql(`{ me { accountId } }`, {}, { apiKey: ownKey })).status).toBe(401);
    expect(errorOf(await server.gql(`{ me { accountId } }`, {}, asUser(cookie)))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await fetch(`${server.url}/api/workspace/export`, { headers: { cookie } })).status).toBe(401);

    const db = await server.database();
    const account = await db.account.findUniqueOrThrow({ where: { id: ownAccount } });
    expect(account.email).toBe(`deleted+${ownAccount}@deleted.invalid`);
    expect(account.deletedAt).toBeTruthy();
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.generation.count({ where: { accountId: ownAccount } })).toBe(0);
    expect(await db.apiKey.count({ where: { accountId: ownAccount } })).toBe(0);
    // Accounting stays: every ledger entry with its amount, no longer linked to a generation.
    const ledger = await db.creditLedgerEntry.findMany({ where: { accountId: ownAccount }, orderBy: { id: "asc" } });
    expect(ledger.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual(exported.ledger.map((e) => [e.kind, e.amount, e.balanceAfter]));
    expect(ledger.every((e) => e.generationId === null)).toBe(true);
    expect(account.creditBalance).toBe(exported.account.credits.balance);
  });
});
