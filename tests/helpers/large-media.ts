import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import type { TestServer } from "./server";

/**
 * Large media for memory tests, made on the fly (nothing committed, nothing held whole in this process): a real,
 * short MP4 followed by a `free` box of zeros up to the size wanted. ffprobe reads it as the short clip it starts
 * with; to the server it is as large as any 200 MB upload or 500 MB vendor result.
 */
export function paddedMp4(clip: Buffer, totalBytes: number): { size: number; stream(): Readable } {
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

export interface RssSample {
  /** Resident memory (MiB) when sampling began. */
  before: number;
  /** The highest seen while `work` ran. */
  peak: number;
  /** peak − before. */
  growth: number;
}

/** Samples the server's resident memory every 20 ms while `work` runs. */
export async function sampleRss<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; rss: RssSample }> {
  const before = server.rssMiB();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 20);
  try {
    const result = await work();
    peak = Math.max(peak, server.rssMiB());
    return { result, rss: { before: round(before), peak: round(peak), growth: round(peak - before) } };
  } finally {
    clearInterval(timer);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A vendor fake whose result links can serve a file of any size made on the fly: while `bigResult` is set, every
 * `/_files/…` link (FakeApp.publish) answers with it instead of the fake's small preview.
 */
export async function serveWithBigResults(fake: FakeApp): Promise<{ url: string; bigResult?: { size: number; stream(): Readable }; served: number; close(): Promise<void> }> {
  const state = {
    url: "",
    bigResult: undefined as { size: number; stream(): Readable } | undefined,
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
