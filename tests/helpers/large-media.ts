import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { lumaAdapter } from "@/lib/providers/luma/adapter";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import { type FakeS3, startFakeS3 } from "../fakes/s3";
import { startServer, type TestServer } from "./server";

/** A file made on the fly: its size, and a fresh stream of its bytes at each call. */
export interface Media {
  size: number;
  stream(): Readable;
}

/**
 * Large media for the streaming tests and the memory benchmark (bench/media.ts), made on the fly (nothing committed,
 * nothing held whole in this process): a real, short MP4 followed by a `free` box of zeros up to the size wanted.
 * ffprobe reads it as the short clip it starts with; to the server it is as large as any 200 MB upload or 500 MB
 * vendor result.
 */
export function paddedMp4(clip: Buffer, totalBytes: number): Media {
  const padding = totalBytes - clip.length;
  if (padding < 8) throw new Error("the clip is larger than the size asked for");
  return {
    size: totalBytes,
    stream: () =>
      Readable.from(
        (function* () {
          yield clip;
          const header = Buffer.alloc(8);
          header.writeUInt32BE(padding, 0);
          header.write("free", 4, "latin1");
          yield header;
          const zeros = Buffer.alloc(1024 ** 2);
          for (let left = padding - 8; left > 0; left -= zeros.length) yield left >= zeros.length ? zeros : zeros.subarray(0, left);
        })(),
      ),
  };
}

/**
 * `media` sent as a client or a vendor would, except that its last `heldBytes` wait until `release()`. Whatever
 * reached storage before the release was stored while the body was still arriving — impossible for a server that
 * reads a whole body before writing it anywhere. Every stream() waits on the same release.
 */
export function holdingBackTheEnd(media: Media, heldBytes: number): Media & { release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sendFreely = media.size - heldBytes;
  return {
    size: media.size,
    release,
    stream: () =>
      Readable.from(
        (async function* () {
          let sent = 0;
          for await (const chunk of media.stream() as AsyncIterable<Buffer>) {
            const free = sendFreely - sent;
            if (free >= 0 && free < chunk.length) {
              if (free > 0) yield chunk.subarray(0, free);
              await released;
              yield chunk.subarray(free);
            } else yield chunk;
            sent += chunk.length;
          }
        })(),
      ),
  };
}

/** PUTs a stream with node:http (fetch cannot send a signed Content-Length with a streamed body). */
export function putStream(url: string, body: Readable, headers: Record<string, string | number>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "PUT", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // A server that answers early (refusing the upload) may close the connection while we still send.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    body.on("error", reject);
    body.pipe(req);
  });
}

/**
 * A vendor fake whose result links can serve a file of any size made on the fly: while `bigResult` is set, every
 * `/_files/…` link (FakeApp.publish) answers with it instead of the fake's small preview.
 */
export async function serveWithBigResults(fake: FakeApp): Promise<{ url: string; bigResult?: Media; served: number; close(): Promise<void> }> {
  const state = {
    url: "",
    bigResult: undefined as Media | undefined,
    served: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    if (state.bigResult && req.url?.startsWith("/_files/")) {
      state.served += 1;
      res.writeHead(200, { "content-type": "video/mp4", "content-length": state.bigResult.size });
      state.bigResult.stream().pipe(res);
      return;
    }
    void fake.handle(req, res, "", state.url).catch((error) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export interface LargeMediaSetup {
  server: TestServer;
  /** The Luma fake the live key's generations go to (set `bigResult` for a large result). */
  luma: Awaited<ReturnType<typeof serveWithBigResults>>;
  /** The bucket, when the backend is "s3". */
  s3: FakeS3 | undefined;
  stop(): Promise<void>;
}

/**
 * The set-up the streaming tests and the memory benchmark share: a server whose live keys reach a Luma fake with
 * big results, and whose media live in the data directory ("disk") or in a fake S3 bucket ("s3").
 */
export async function startLargeMediaServer(backend: "disk" | "s3"): Promise<LargeMediaSetup> {
  const fake = lumaAdapter.createFake?.();
  if (!fake) throw new Error("the Luma adapter has no fake");
  fake.taskMs = 300;
  const luma = await serveWithBigResults(fake);
  const s3 = backend === "s3" ? await startFakeS3() : undefined;
  const server = await startServer({
    DOITONG_DEMO_ACCOUNT: "off",
    LUMAAI_API_KEY: "live-luma-key",
    LUMA_BASE_URL: luma.url,
    DOITONG_VENDOR_TIME_SCALE: "0.01",
    DOITONG_SANDBOX_TASK_MS: "300",
    ...(s3 ? { S3_BUCKET: s3.bucket, S3_REGION: s3.region, S3_ENDPOINT: s3.url, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey } : {}),
  }).catch(async (error: unknown) => {
    await Promise.all([luma.close(), s3?.close()]);
    throw error;
  });
  return {
    server,
    luma,
    s3,
    async stop() {
      await server.stop();
      await luma.close();
      await s3?.close();
    },
  };
}
