import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import type { FakeS3 } from "../fakes/s3";
import { holdingBackTheEnd, type LargeMediaSetup, paddedMp4, putStream, type serveWithBigResults, startLargeMediaServer } from "../helpers/large-media";
import { type TestServer, waitForGeneration } from "../helpers/server";

// Large media never sit in the server's memory (issue 22), shown by what a client or a vendor can see happen in
// order, not by a size or a stopwatch: an upload's first bytes are on the server's disk while the client still
// holds its last megabyte back, and a vendor result's first bytes are while the vendor (Luma, live keys against its
// fake) still holds its last megabyte back — neither could happen if the server read a whole body before writing
// it. The result then reaches storage (the data directory; or a bucket, the S3 fake, in 5 MB multipart parts) and
// comes back out with ranges. The memory those streams cost at 200 and 500 MB is measured by `npm run bench:media`
// (bench/media.ts), not here. The disk's own refusals and expiry of uploads are in uploads.test.ts.
const MiB = 1024 ** 2;
const UPLOAD_BYTES = 6 * MiB;
const RESULT_BYTES = 12 * MiB;
const HELD_BYTES = 1 * MiB;
const CREATE = `mutation($t: String!, $s: Int!) { createUpload(contentType: $t, size: $s) { uploadId url headers } }`;
const GENERATE = `mutation($i: GenerateInput!) { generate(input: $i) { id } }`;

let clip: Buffer;
let portrait: string;

beforeAll(async () => {
  clip = (await renderPreview({ kind: "video", prompt: "dance", width: 144, height: 256, seconds: 2 })).bytes;
  const png = await sharp({ create: { width: 64, height: 96, channels: 3, background: "#3399cc" } })
    .png()
    .toBuffer();
  portrait = `data:image/png;base64,${png.toString("base64")}`;
});

/** Bytes in the files of `dir` (a partial file included), once there are any. */
function bytesIn(dir: string): number | undefined {
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  const total = entries.filter((e) => e.isFile()).reduce((n, e) => n + fs.statSync(path.join(dir, e.name)).size, 0);
  return total > 0 ? total : undefined;
}

/** Polls until `probe` gives a value; the deadline only bounds a failure, it is no speed target. */
async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never saw ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function suite(backend: "disk" | "s3") {
  describe(`on ${backend === "disk" ? "the data directory" : "an S3 bucket"}`, () => {
    let server: TestServer;
    let s3: FakeS3 | undefined;
    let luma: Awaited<ReturnType<typeof serveWithBigResults>>;
    let testKey: string;
    let liveKey: string;
    let liveAccount: string;

    let setup: LargeMediaSetup | undefined;

    beforeAll(async () => {
      setup = await startLargeMediaServer(backend);
      ({ server, luma, s3 } = setup);
      [{ apiKey: testKey }, { apiKey: liveKey, accountId: liveAccount }] = await Promise.all([
        server.createAccount({ keyMode: "test" }),
        server.createAccount({ credits: 10_000 }),
      ]);
    });

    afterAll(() => setup?.stop());

    it("stores an upload as it arrives and dances to it with a test key", async () => {
      const video = paddedMp4(clip, UPLOAD_BYTES);
      const created = await server.gql<{ createUpload: { uploadId: string; url: string; headers: Record<string, string> } }>(
        CREATE,
        { t: "video/mp4", s: video.size },
        { apiKey: testKey },
      );
      const { uploadId, url, headers } = created.body.data!.createUpload;
      if (s3) {
        // A presigned PUT straight to the bucket: the bytes never pass through the server.
        expect(new URL(url).origin).toBe(s3.url);
        expect((await putStream(url, video.stream(), { ...headers, "content-length": video.size })).status).toBe(200);
        expect(s3.objects.get(`uploads/${uploadId}/input.mp4`)?.size).toBe(UPLOAD_BYTES);
      } else {
        expect(new URL(url).origin).toBe(server.url);
        const body = holdingBackTheEnd(video, HELD_BYTES);
        const put = putStream(url, body.stream(), { ...headers, "content-length": body.size });
        const folder = path.join(server.dataDir, "media", "uploads", uploadId);
        try {
          const stored = await until("the upload's first bytes on disk", () => bytesIn(folder));
          expect(stored).toBeLessThanOrEqual(UPLOAD_BYTES - HELD_BYTES);
        } finally {
          body.release();
        }
        const done = await put;
        expect(done.status, done.text).toBe(200);
        expect(fs.statSync(path.join(folder, "input.mp4")).size).toBe(UPLOAD_BYTES);
      }

      const res = await server.gql<{ generate: { id: string } }>(
        GENERATE,
        { i: { type: "VIDEO", provider: "viggle", input: { text: "dance", image: portrait, video: uploadId }, options: { duration: 2 } } },
        { apiKey: testKey },
      );
      expect(res.body.errors).toBeUndefined();
      expect(await waitForGeneration(server, testKey, res.body.data!.generate.id, 120_000)).toMatchObject({ status: "COMPLETED" });
    });

    it("stores a vendor result as it downloads, puts it in storage and serves it back with ranges", async () => {
      const result = paddedMp4(clip, RESULT_BYTES);
      const expected = await buffer(result.stream());
      const body = holdingBackTheEnd(result, HELD_BYTES);
      luma.bigResult = body;
      let done: Record<string, unknown>;
      try {
        const res = await server.gql<{ generate: { id: string } }>(
          GENERATE,
          { i: { type: "VIDEO", provider: "luma", input: { text: "a long take" }, options: { duration: 5 } } },
          { apiKey: liveKey },
        );
        expect(res.body.errors).toBeUndefined();
        const id = res.body.data!.generate.id;
        // The work directory of the generation, where results download before they are checked and stored.
        const stored = await until("the result's first bytes on disk", () => bytesIn(path.join(server.dataDir, "work", id)));
        expect(stored).toBeLessThanOrEqual(RESULT_BYTES - HELD_BYTES);
        body.release();
        done = await waitForGeneration(server, liveKey, id, 120_000);
      } finally {
        body.release();
        luma.bigResult = undefined;
      }
      expect(done, JSON.stringify(done)).toMatchObject({ status: "COMPLETED", metadata: { size: RESULT_BYTES, format: "mp4" } });
      const key = `${liveAccount}/${done.id as string}/output.mp4`;
      if (s3) {
        expect(s3.objects.get(key)?.size).toBe(RESULT_BYTES);
        expect(s3.requests.filter((r) => r.key === key && r.multipart === "part" && r.status === 200).length).toBe(Math.ceil(RESULT_BYTES / (5 * MiB)));
        expect(s3.openMultipartUploads()).toBe(0);
      } else {
        expect(fs.statSync(path.join(server.dataDir, "media", key)).size).toBe(RESULT_BYTES);
      }

      // Through the link (a redirect to the bucket there), as a video player seeks.
      const get = async (range?: string) => {
        const res = await fetch(String(done.url), { headers: range ? { range } : {} });
        return { status: res.status, range: res.headers.get("content-range"), bytes: Buffer.from(await res.arrayBuffer()) };
      };
      const whole = await get();
      expect(whole.status).toBe(200);
      expect(whole.bytes.equals(expected)).toBe(true);
      expect(await get("bytes=0-99")).toEqual({ status: 206, range: `bytes 0-99/${RESULT_BYTES}`, bytes: expected.subarray(0, 100) });
      const [from, to] = [clip.length - 50, clip.length + 49]; // from the clip into the padding
      expect(await get(`bytes=${from}-${to}`)).toEqual({ status: 206, range: `bytes ${from}-${to}/${RESULT_BYTES}`, bytes: expected.subarray(from, to + 1) });
      expect(await get("bytes=-100")).toEqual({ status: 206, range: `bytes ${RESULT_BYTES - 100}-${RESULT_BYTES - 1}/${RESULT_BYTES}`, bytes: expected.subarray(-100) });
      expect((await get(`bytes=${RESULT_BYTES}-`)).status).toBe(416);
    });

    if (backend === "s3") {
      it("checks a bucket upload's bytes when it is first used: SVG refused and deleted, a wrong length refused by the bucket", async () => {
        const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`.padEnd(600, " "));
        const created = await server.gql<{ createUpload: { uploadId: string; url: string; headers: Record<string, string> } }>(
          CREATE,
          { t: "image/png", s: svg.length },
          { apiKey: testKey },
        );
        const { uploadId, url, headers } = created.body.data!.createUpload;
        const short = await putStream(url, Readable.from([svg.subarray(0, 100)]), { ...headers, "content-length": 100 });
        expect(short.status).toBe(403); // content-length is a signed header of the presigned PUT
        expect((await putStream(url, Readable.from([svg]), { ...headers, "content-length": svg.length })).status).toBe(200);
        const key = `uploads/${uploadId}/input.png`;
        expect(s3!.objects.has(key)).toBe(true);
        const res = await server.gql(GENERATE, { i: { type: "AVATAR", provider: "local", input: { text: "x", image: uploadId } } }, { apiKey: testKey });
        expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/SVG/), extensions: { code: "INVALID_INPUT", field: "input.image" } });
        expect(s3!.objects.has(key)).toBe(false);
      });

      it("deletes an expired upload's object from the bucket", async () => {
        const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
          .png()
          .toBuffer();
        const created = await server.gql<{ createUpload: { uploadId: string; url: string; headers: Record<string, string> } }>(
          `mutation($s: Int!) { createUpload(contentType: "image/png", size: $s, expiresIn: 2) { uploadId url headers } }`,
          { s: png.length },
          { apiKey: testKey },
        );
        const { uploadId, url, headers } = created.body.data!.createUpload;
        expect((await putStream(url, Readable.from([png]), { ...headers, "content-length": png.length })).status).toBe(200);
        const key = `uploads/${uploadId}/input.png`;
        expect(s3!.objects.has(key)).toBe(true);
        const deadline = Date.now() + 15_000;
        while (s3!.objects.has(key) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(s3!.objects.has(key)).toBe(false);
        expect(s3!.requests.some((r) => r.method === "DELETE" && r.key === key && r.status === 204)).toBe(true);
      });
    }
  });
}

suite("disk");
suite("s3");
