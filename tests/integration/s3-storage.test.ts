import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "../fakes/s3";
import { download, ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";

// Media in an S3-compatible bucket (S3_BUCKET): results are uploaded there, never to the data directory, and a
// media link — still ours, still signed and expiring — redirects to a presigned URL of the object. The bucket is a
// local fake that checks every SigV4 signature with AWS's own signer.
let s3: FakeS3;
let server: TestServer;
let apiKey: string;
let accountId: string;

const SECRET = randomBytes(32).toString("hex");
const GENERATE = `mutation($i: GenerateInput!) { generate(input: $i) { id } }`;

async function generate(input: Record<string, unknown>) {
  const res = await server.gql<{ generate: { id: string } }>(GENERATE, { i: input }, { apiKey });
  const id = res.body.data!.generate.id;
  return Object.assign(await waitForGeneration(server, apiKey, id), { id });
}

const bucketEnv = (fake: FakeS3, secret = fake.secretAccessKey) => ({
  S3_BUCKET: fake.bucket,
  S3_REGION: fake.region,
  S3_ENDPOINT: fake.url,
  S3_ACCESS_KEY_ID: fake.accessKeyId,
  S3_SECRET_ACCESS_KEY: secret,
});

beforeAll(async () => {
  s3 = await startFakeS3();
  server = await startServer({ ...bucketEnv(s3), DOITONG_DEMO_ACCOUNT: "off", DOITONG_SECRET: SECRET });
  ({ apiKey, accountId } = await server.createAccount({ credits: 1_000 }));
});

afterAll(async () => {
  await server?.stop();
  await s3?.close();
});

describe("media in an S3-compatible bucket", () => {
  it("uploads the result to the bucket and serves its link by redirect to a presigned URL", async () => {
    const g = await generate({ type: "IMAGE", provider: "local", input: { text: "a bucket of light" }, options: { aspectRatio: "16:9", resolution: "480p" } });
    expect(g.status).toBe("COMPLETED");
    const key = `${accountId}/${g.id}/output.png`;
    expect(s3.objects.get(key)?.contentType).toBe("image/png");
    expect(fs.existsSync(path.join(server.dataDir, "media"))).toBe(false);

    const link = String(g.url);
    expect(link.startsWith(`${server.url}/media/`)).toBe(true);
    const hop = await fetch(link, { redirect: "manual" });
    expect(hop.status).toBe(302);
    const location = new URL(hop.headers.get("location")!);
    expect(`${location.origin}${decodeURIComponent(location.pathname)}`).toBe(`${s3.url}/${s3.bucket}/${key}`);
    // The presigned URL lives as long as our link, no longer.
    const linkExpires = Number(new URL(link).searchParams.get("expires"));
    const presignedUntil =
      Date.parse(location.searchParams.get("X-Amz-Date")!.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, "$1-$2-$3T$4:$5:$6Z")) / 1000 +
      Number(location.searchParams.get("X-Amz-Expires"));
    expect(Math.abs(presignedUntil - linkExpires)).toBeLessThanOrEqual(2);

    const file = await download(link);
    expect(file).toMatchObject({ status: 200, type: "image/png" });
    expect(file.bytes.equals(s3.objects.get(key)!.body)).toBe(true);
    expect(await ffprobeBytes(file.bytes)).toMatchObject({ width: g.metadata && (g.metadata as { width: number }).width });
  });

  it("seeks in a video through the redirect (Range) and refuses a tampered presigned URL", async () => {
    const g = await generate({ type: "VIDEO", provider: "local", input: { text: "waves" }, options: { duration: 1, resolution: "480p" } });
    const ranged = await fetch(String(g.url), { headers: { range: "bytes=100-199" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 100-199/${s3.objects.get(`${accountId}/${g.id}/output.mp4`)!.body.length}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);

    const location = (await fetch(String(g.url), { redirect: "manual" })).headers.get("location")!;
    const tampered = await fetch(location.replace("output.mp4", "output.mp3"));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("SignatureDoesNotMatch");
  });

  it("answers a forged or expired link itself, without presigning anything", async () => {
    const g = await generate({ type: "IMAGE", provider: "local", input: { text: "forged" }, options: { resolution: "480p" } });
    const link = new URL(String(g.url));
    link.searchParams.set("sig", "A".repeat(43));
    const forged = await fetch(link, { redirect: "manual" });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("location")).toBeNull();
    // Correctly signed, but expired: refused on the expiry alone (the same signing with a future expiry redirects).
    const key = decodeURIComponent(link.pathname.replace(/^\/media\//, ""));
    const signed = (expires: number) => {
      const u = new URL(link);
      u.searchParams.set("expires", String(expires));
      u.searchParams.set("sig", createHmac("sha256", SECRET).update(`${key}\n${expires}`).digest("base64url"));
      return u;
    };
    const expired = await fetch(signed(Math.floor(Date.now() / 1000) - 60), { redirect: "manual" });
    expect(expired.status).toBe(403);
    expect(expired.headers.get("location")).toBeNull();
    expect((await fetch(signed(Math.floor(Date.now() / 1000) + 60), { redirect: "manual" })).status).toBe(302);
  });

  it("retries a throttled bucket (503 SlowDown) and still completes, uploading once", async () => {
    s3.throttle(2);
    const before = s3.requests.length;
    const g = await generate({ type: "AUDIO", provider: "local", input: { text: "patience" } });
    expect(g.status).toBe("COMPLETED");
    const puts = s3.requests.slice(before).filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.status)).toEqual([503, 503, 200]);
    expect((await download(String(g.url))).status).toBe(200);
  });
});

describe("a bucket that refuses our credentials", () => {
  let refused: TestServer;

  beforeAll(async () => {
    // Failed runs are retried 1, 2, 4, 8 s apart by default before the generation fails; a tenth of that here.
    refused = await startServer({ ...bucketEnv(s3, "not-the-secret"), DOITONG_DEMO_ACCOUNT: "off", DOITONG_RETRY_BACKOFF_MS: "100" });
  });

  afterAll(async () => {
    await refused?.stop();
  });

  it("fails the generation without charging, and stores nothing anywhere", async () => {
    const account = await refused.createAccount({ credits: 100 });
    const res = await refused.gql<{ generate: { id: string } }>(GENERATE, { i: { type: "IMAGE", provider: "local", input: { text: "x" } } }, { apiKey: account.apiKey });
    const g = await waitForGeneration(refused, account.apiKey, res.body.data!.generate.id);
    expect(g).toMatchObject({ status: "FAILED", errorCode: "GENERATION_FAILED" });
    expect(g.url).toBeNull();
    const me = await refused.gql<{ me: { credits: { balance: number; reserved: number } } }>(`{ me { credits { balance reserved } } }`, {}, { apiKey: account.apiKey });
    expect(me.body.data!.me.credits).toEqual({ balance: 100, reserved: 0 });
    expect([...s3.objects.keys()].some((k) => k.startsWith(account.accountId))).toBe(false);
    expect(refused.output()).not.toContain("not-the-secret");
  });
});
