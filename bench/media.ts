// npm run bench:media — the server's resident memory while large media pass through it (issue 22: large media never
// sit in memory). On the data directory and on a bucket (the S3 fake, which checks every signature): a 200 MB upload,
// the generation that uses it (Viggle, test key), a 500 MB vendor result (Luma, live keys against its fake, the file
// made on the fly) into storage, and the same file back out of /media whole and by a range. Each case is measured
// from /proc every 20 ms as growth over the resident memory before it began, after a warm-up of the same paths
// (route compilation, the vendors' code and fakes, the first S3 client), so one-time costs are not counted as the
// large files'. Prints a table, writes bench/results/media.json and exits 1 when a case grew by LIMIT_MIB or more.
// tests/integration/large-media.test.ts proves the same streaming by causality, with files of a few MB.
//   BENCH_UPLOAD_MB (200), BENCH_RESULT_MB (500): smaller files for a quick look.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { paddedMp4, putStream, startLargeMediaServer } from "../tests/helpers/large-media";
import { type TestServer, waitForGeneration } from "../tests/helpers/server";
import { type RssSample, sampleRss } from "./measure";

if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const MiB = 1024 ** 2;
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB ?? 200) * MiB;
const RESULT_BYTES = Number(process.env.BENCH_RESULT_MB ?? 500) * MiB;
/** Issue 22's ceiling on what one large file may add to the server's resident memory. */
const LIMIT_MIB = 64;
const CREATE = `mutation($t: String!, $s: Int!) { createUpload(contentType: $t, size: $s) { uploadId url headers } }`;
const GENERATE = `mutation($i: GenerateInput!) { generate(input: $i) { id } }`;
const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

interface Row {
  backend: "disk" | "s3";
  name: string;
  seconds: number;
  rss: RssSample;
}
const rows: Row[] = [];

const clip = (await renderPreview({ kind: "video", prompt: "dance", width: 144, height: 256, seconds: 2 })).bytes;
const png = await sharp({ create: { width: 64, height: 96, channels: 3, background: "#3399cc" } })
  .png()
  .toBuffer();
const portrait = `data:image/png;base64,${png.toString("base64")}`;

/** Runs `work` while sampling the server's memory; a case whose outcome is wrong stops the bench (no number for a failure). */
async function measured<T>(server: TestServer, backend: Row["backend"], name: string, work: () => Promise<T>, check: (result: T) => string | undefined): Promise<T> {
  const started = performance.now();
  const { result, rss } = await sampleRss(server, work);
  const wrong = check(result);
  if (wrong) throw new Error(`${backend}, ${name}: ${wrong}`);
  rows.push({ backend, name, seconds: Math.round((performance.now() - started) / 100) / 10, rss });
  console.log(`${backend}: ${name}: +${rss.growth} MiB (${rss.before} → ${rss.peak})`);
  return result;
}

async function upload(server: TestServer, apiKey: string, media: ReturnType<typeof paddedMp4>) {
  const created = await server.gql<{ createUpload: { uploadId: string; url: string; headers: Record<string, string> } }>(CREATE, { t: "video/mp4", s: media.size }, { apiKey });
  const { uploadId, url, headers } = created.body.data!.createUpload;
  return { uploadId, put: () => putStream(url, media.stream(), { ...headers, "content-length": media.size }) };
}

async function generate(server: TestServer, apiKey: string, input: Record<string, unknown>) {
  const res = await server.gql<{ generate: { id: string } }>(GENERATE, { i: input }, { apiKey });
  if (!res.body.data?.generate) throw new Error(`generate failed: ${JSON.stringify(res.body.errors)}`);
  return waitForGeneration(server, apiKey, res.body.data.generate.id, 600_000);
}

const dance = (video: string) => ({ type: "VIDEO", provider: "viggle", input: { text: "dance", image: portrait, video }, options: { duration: 2 } });
const take = { type: "VIDEO", provider: "luma", input: { text: "a very long take" }, options: { duration: 5 } };

/** Reads a response to its end, counting bytes and keeping none. */
async function drain(url: string, range?: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url, { headers: range ? { range } : {} });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.length;
  return { status: res.status, bytes };
}

async function bench(backend: Row["backend"]) {
  const setup = await startLargeMediaServer(backend);
  const { server: srv, luma } = setup;
  try {
    const [{ apiKey: testKey }, { apiKey: liveKey }] = await Promise.all([srv.createAccount({ keyMode: "test" }), srv.createAccount({ credits: 10_000 })]);

    // The warm-up: every path below once with small files.
    const small = await upload(srv, testKey, paddedMp4(clip, clip.length + 1024));
    await small.put();
    const warm = await Promise.all([generate(srv, testKey, dance(small.uploadId)), generate(srv, liveKey, take)]);
    if (warm.some((g) => g.status !== "COMPLETED")) throw new Error(`the warm-up failed: ${JSON.stringify(warm)}`);
    await drain(String(warm[1].url));
    await drain(String(warm[1].url), "bytes=100-");

    const video = await upload(srv, testKey, paddedMp4(clip, UPLOAD_BYTES));
    const where = backend === "s3" ? "straight to the bucket" : "through the server";
    await measured(srv, backend, `upload ${mb(UPLOAD_BYTES)} (${where})`, video.put, (r) => (r.status === 200 ? undefined : `HTTP ${r.status} ${r.text}`));
    await measured(
      srv,
      backend,
      `generation using the ${mb(UPLOAD_BYTES)} upload`,
      () => generate(srv, testKey, dance(video.uploadId)),
      (g) => (g.status === "COMPLETED" ? undefined : JSON.stringify(g)),
    );

    luma.bigResult = paddedMp4(clip, RESULT_BYTES);
    const result = await measured(
      srv,
      backend,
      `vendor result ${mb(RESULT_BYTES)} into storage`,
      () => generate(srv, liveKey, take),
      (g) => (g.status === "COMPLETED" && (g.metadata as { size?: number } | null)?.size === RESULT_BYTES ? undefined : JSON.stringify(g)),
    );
    luma.bigResult = undefined;
    const link = String(result.url);
    const from = backend === "s3" ? "redirected to the bucket" : "from the server";
    await measured(
      srv,
      backend,
      `download ${mb(RESULT_BYTES)} (${from})`,
      () => drain(link),
      (r) => (r.status === 200 && r.bytes === RESULT_BYTES ? undefined : `HTTP ${r.status}, ${r.bytes} bytes`),
    );
    await measured(
      srv,
      backend,
      `ranged download bytes=${MiB}- (${from})`,
      () => drain(link, `bytes=${MiB}-`),
      (r) => (r.status === 206 && r.bytes === RESULT_BYTES - MiB ? undefined : `HTTP ${r.status}, ${r.bytes} bytes`),
    );
  } finally {
    await setup.stop();
  }
}

await bench("disk");
await bench("s3");

console.log(`\nResident memory of the server per case (MiB; limit: growth < ${LIMIT_MIB})\n`);
console.log("| storage | case | seconds | before | peak | growth | |\n|---|---|---|---|---|---|---|");
for (const r of rows) {
  const storage = r.backend === "disk" ? "data directory" : "S3 bucket (fake)";
  console.log(`| ${storage} | ${r.name} | ${r.seconds} | ${r.rss.before} | ${r.rss.peak} | +${r.rss.growth} | ${r.rss.growth < LIMIT_MIB ? "ok" : "OVER"} |`);
}
const over = rows.filter((r) => r.rss.growth >= LIMIT_MIB);
console.log(over.length ? `\n${over.length} case(s) over ${LIMIT_MIB} MiB of growth.` : `\nEvery case under ${LIMIT_MIB} MiB of growth.`);
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync(path.join("bench/results", "media.json"), JSON.stringify({ uploadBytes: UPLOAD_BYTES, resultBytes: RESULT_BYTES, limitMiB: LIMIT_MIB, rows }, null, 2));
process.exit(over.length ? 1 : 0);
