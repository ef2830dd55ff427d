import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { putStream } from "../helpers/large-media";
import { download } from "../helpers/media";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { signedInPerson } from "../helpers/session";

// Uploads on the embedded default (files in the data directory): createUpload hands out a signed PUT link on this
// server; the bytes are sniffed as they arrive; `upload_…` ids then stand for the file in `generate`, for their own
// account and key mode only, until they expire. Streaming and the bucket are in large-media.test.ts; the memory of a
// 200 MB upload is measured by `npm run bench:media`.
let server: TestServer;
let testKey: string;
let other: { apiKey: string };
let png: Buffer;

const CREATE = `mutation($t: String!, $s: Int!, $e: Int) { createUpload(contentType: $t, size: $s, expiresIn: $e) { uploadId url method headers urlExpiresAt upload { id status kind contentType mimeType size expiresAt } } }`;
const UPLOAD = `query($id: ID!) { upload(id: $id) { id status kind mimeType size } }`;
const GENERATE = `mutation($i: GenerateInput!) { generate(input: $i) { id status provider } }`;

interface Created {
  uploadId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  upload: { status: string; kind: string; expiresAt: string };
}

async function create(contentType: string, size: number, as: { apiKey?: string; headers?: Record<string, string> } = { apiKey: testKey }, expiresIn?: number) {
  return server.gql<{ createUpload: Created }>(CREATE, { t: contentType, s: size, e: expiresIn }, as);
}

async function upload(bytes: Buffer, contentType: string, apiKey = testKey, expiresIn?: number): Promise<Created> {
  const created = (await create(contentType, bytes.length, { apiKey }, expiresIn)).body.data!.createUpload;
  const put = await putStream(created.url, Readable.from([bytes]), { ...created.headers, "content-length": bytes.length });
  expect(put.status, put.text).toBe(200);
  return created;
}

const errorOf = (res: { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0];

beforeAll(async () => {
  server = await startServer({ DOITONG_DEMO_ACCOUNT: "off" });
  [{ apiKey: testKey }, other] = await Promise.all([server.createAccount({ keyMode: "test" }), server.createAccount({ keyMode: "test" })]);
  png = await sharp({ create: { width: 320, height: 320, channels: 3, background: "#3a6ea5" } })
    .png()
    .toBuffer();
});

afterAll(async () => {
  await server?.stop();
});

describe("createUpload and the PUT", () => {
  it("takes the bytes at a signed link on this server, sniffs them, and makes the upload usable as a portrait", async () => {
    const created = await upload(png, "image/png");
    expect(created).toMatchObject({ uploadId: expect.stringMatching(/^upload_[0-9A-Za-z]{22}$/), method: "PUT", headers: { "content-type": "image/png" } });
    expect(new URL(created.url).origin).toBe(server.url);
    expect(Date.parse(created.upload.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const read = await server.gql<{ upload: Record<string, unknown> }>(UPLOAD, { id: created.uploadId }, { apiKey: testKey });
    expect(read.body.data!.upload).toEqual({ id: created.uploadId, status: "READY", kind: "IMAGE", mimeType: "image/png", size: png.length });

    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { i: { type: "AVATAR", provider: "local", input: { text: "Hello from my upload", image: created.uploadId }, options: { resolution: "480p", aspectRatio: "1:1" } } },
      { apiKey: testKey },
    );
    expect(res.body.errors).toBeUndefined();
    const g = await waitForGeneration(server, testKey, res.body.data!.generate.id);
    expect(g.status).toBe("COMPLETED");
    expect((await download(String(g.url))).status).toBe(200);
  });

  it("hands a URL-taking vendor (Luma keyframes, test key) a link to the upload", async () => {
    const created = await upload(png, "image/png");
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { i: { type: "VIDEO", provider: "luma", input: { text: "my photo, moving", image: created.uploadId }, options: { duration: 5 } } },
      { apiKey: testKey },
    );
    expect(res.body.errors).toBeUndefined();
    expect((await waitForGeneration(server, testKey, res.body.data!.generate.id)).status).toBe("COMPLETED");
  });

  it("works from the dashboard session too (a live-mode upload)", async () => {
    const { cookie } = await signedInPerson(server);
    const session = { headers: { cookie, "x-doitong-csrf": "1" } };
    const res = await create("video/mp4", 1_000_000, session);
    expect(res.body.data!.createUpload.upload).toMatchObject({ status: "PENDING", kind: "VIDEO", contentType: "video/mp4" });
    // A test key of another account cannot see it, nor can a test key see the session's live uploads.
    const seen = await server.gql(UPLOAD, { id: res.body.data!.createUpload.uploadId }, { apiKey: testKey });
    expect(errorOf(seen)?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("who can use an upload", () => {
  it("is NOT_FOUND for another account, in generate and in upload(id)", async () => {
    const mine = await upload(png, "image/png");
    const res = await server.gql(GENERATE, { i: { type: "AVATAR", provider: "local", input: { text: "not yours", image: mine.uploadId } } }, { apiKey: other.apiKey });
    expect(errorOf(res)?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.image" });
    expect(errorOf(await server.gql(UPLOAD, { id: mine.uploadId }, { apiKey: other.apiKey }))?.extensions?.code).toBe("NOT_FOUND");
    expect(errorOf(await server.gql(UPLOAD, { id: "upload_0000000000000000000000" }, { apiKey: testKey }))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("belongs to its key mode: a test key's upload is not a live key's", async () => {
    const { cookie } = await signedInPerson(server);
    const session = { headers: { cookie, "x-doitong-csrf": "1" } };
    const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "sandbox", mode: TEST) { key } }`, {}, session);
    const sandboxKey = key.body.data!.createApiKey.key;
    const fromTest = await upload(png, "image/png", sandboxKey);
    // Same account, signed in (live): not found, and not usable in a live generation.
    expect(errorOf(await server.gql(UPLOAD, { id: fromTest.uploadId }, session))?.extensions?.code).toBe("NOT_FOUND");
    const live = await server.gql(GENERATE, { i: { type: "AVATAR", provider: "local", input: { text: "live", image: fromTest.uploadId } } }, session);
    expect(errorOf(live)?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.image" });
  });
});

describe("refusals", () => {
  it.each([
    ["image/png", 30 * 1024 ** 2 + 1, "size", /at most 30 MB/],
    ["audio/mpeg", 50 * 1024 ** 2 + 1, "size", /at most 50 MB/],
    ["video/mp4", 200 * 1024 ** 2 + 1, "size", /at most 200 MB/],
    ["image/svg+xml", 1000, "contentType", /SVG/],
    ["text/html", 1000, "contentType", /not accepted/],
    ["image/png", 0, "size", /at least 1 byte/],
  ])("createUpload(%s, %i) → INVALID_INPUT on %s", async (type, size, field, message) => {
    const res = await create(type, size);
    expect(errorOf(res)?.extensions).toMatchObject({ code: "INVALID_INPUT", field });
    expect(errorOf(res)?.message).toMatch(message);
  });

  it("refuses bytes that are not what was declared (SVG, a video as an image, unknown), and the upload stays unusable", async () => {
    const svg = Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`);
    const mp4 = (await renderPreview({ kind: "video", prompt: "clip", width: 64, height: 64, seconds: 1 })).bytes;
    for (const [bytes, message] of [
      [svg, /SVG/],
      [mp4, /video\/mp4 \(video\), but the upload was declared as image\/png/],
      [Buffer.alloc(2048, 7), /not a format we accept/],
    ] as const) {
      const created = (await create("image/png", bytes.length)).body.data!.createUpload;
      const put = await putStream(created.url, Readable.from([bytes]), { ...created.headers, "content-length": bytes.length });
      expect(put.status).toBe(415);
      expect(JSON.parse(put.text).error.message).toMatch(message);
      const use = await server.gql(GENERATE, { i: { type: "AVATAR", provider: "local", input: { text: "x", image: created.uploadId } } }, { apiKey: testKey });
      expect(errorOf(use)?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "input.image" });
      expect(errorOf(use)?.message).toMatch(/no file yet/);
    }
  });

  it("refuses a body longer or shorter than declared, a second PUT, and a tampered link", async () => {
    const created = (await create("image/png", png.length)).body.data!.createUpload;
    const longer = await putStream(created.url, Readable.from([png, Buffer.alloc(10)]), { ...created.headers, "transfer-encoding": "chunked" });
    expect(longer.status).toBe(413);
    const shorter = await putStream(created.url, Readable.from([png.subarray(0, 100)]), { ...created.headers, "content-length": 100 });
    expect(shorter.status).toBe(400);
    const tampered = created.url.replace(/sig=.{4}/, "sig=AAAA");
    expect((await putStream(tampered, Readable.from([png]), { ...created.headers, "content-length": png.length })).status).toBe(403);
    expect((await putStream(created.url, Readable.from([png]), { ...created.headers, "content-length": png.length })).status).toBe(200);
    expect((await putStream(created.url, Readable.from([png]), { ...created.headers, "content-length": png.length })).status).toBe(409);
  });

  it("refuses an upload in a field of another kind", async () => {
    const image = await upload(png, "image/png");
    const res = await server.gql(
      GENERATE,
      { i: { type: "VIDEO", provider: "viggle", input: { text: "x", image: image.uploadId, video: image.uploadId }, options: { duration: 2 } } },
      { apiKey: testKey },
    );
    expect(errorOf(res)?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "input.video" });
    expect(errorOf(res)?.message).toMatch(/takes a video; upload .* is image\/png/);
  });
});

describe("expiry", () => {
  it("stops an expired upload from being used, and deletes it and its file without being asked", async () => {
    const created = await upload(png, "image/png", testKey, 2);
    const file = path.join(server.dataDir, "media", "uploads", created.uploadId, "input.png");
    expect(fs.existsSync(file)).toBe(true);
    await new Promise((r) => setTimeout(r, 2_100));
    const res = await server.gql(GENERATE, { i: { type: "AVATAR", provider: "local", input: { text: "too late", image: created.uploadId } } }, { apiKey: testKey });
    // NOT_FOUND whether the sweeper has already deleted it ("not found") or not yet ("expired").
    expect(errorOf(res)?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.image" });
    expect(errorOf(res)?.message).toMatch(/expired at|was not found/);
    // The sweeper wakes at the upload's expiry: the file and its folder go.
    const deadline = Date.now() + 10_000;
    while (fs.existsSync(path.dirname(file)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    expect(errorOf(await server.gql(UPLOAD, { id: created.uploadId }, { apiKey: testKey }))?.message).toMatch(/was not found/);
  });
});
