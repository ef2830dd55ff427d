import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";

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
