import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { klingAdapter } from "@/lib/providers/kling/adapter";
import { fluxFastAdapter } from "@/lib/providers/replicate/adapter";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { download, ffprobeBytes } from "../helpers/media";
import { startServer, type TestServer, waitForGeneration } from "../helpers/server";
import { liveVendorEnv, startVendorFake, type VendorHarness } from "../helpers/vendor";

// Several outputs (issue 14 item 4), with live keys over HTTP: the local preview and Flux Fast (Replicate's fake)
// make numOutputs as separate jobs, Kolors (Kling's fake) in one task with `n`; Kling video makes two clips. Each
// output is its own file with its own signed URL, priced per output and charged per output delivered; a partial
// failure charges only what was made. Webhooks, the event log and the SSE subscription carry every output.
let server: TestServer;
let kling: VendorHarness;
let runway: VendorHarness;
let replicate: VendorHarness;
let receiver: http.Server;
let hookUrl: string;
let apiKey: string;
const hooks: { type: string; data: { id: string; numOutputs: number; outputs: { index: number; metadata: { mimeType: string } }[] } }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      hooks.push(JSON.parse(body) as (typeof hooks)[number]);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  [kling, runway, replicate] = await Promise.all([startVendorFake(klingAdapter, 300), startVendorFake(runwayAdapter, 300), startVendorFake(fluxFastAdapter, 300)]);
  server = await startServer({
    ...liveVendorEnv(kling, runway),
    REPLICATE_API_TOKEN: "live-replicate-token",
    REPLICATE_BASE_URL: replicate.url,
    DOITONG_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
    DOITONG_WEBHOOK_SCHEDULE_SCALE: "0.001",
  });
  const created = await server.createAccount({ plan: "ENTERPRISE", credits: 1_000 });
  await server.setLimits(created.accountId, { rpm: 0, parallel: 0, daily: 0 });
  apiKey = created.apiKey;
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([kling?.close(), runway?.close(), replicate?.close(), new Promise((r) => receiver?.close(r))]);
});

interface Output {
  index: number;
  url: string;
  metadata: { width: number; height: number; mimeType: string; size: number; duration: number | null };
}
interface Done {
  id: string;
  status: string;
  url: string;
  creditCost: number;
  numOutputs: number;
  warnings: string[];
  warningDetails: { code: string; message: string; params: Record<string, number> | null }[];
  appliedOptions: Record<string, unknown>;
  outputs: Output[];
}

const GENERATE = `mutation($input: GenerateInput!) { generate(input: $input) { id creditCost numOutputs warnings } }`;
const RESULT = `query($id: ID!) { generation(id: $id) { id status url creditCost numOutputs warnings warningDetails { code message params } appliedOptions outputs { index url metadata { width height mimeType size duration } } } }`;
const ESTIMATE = `query($input: GenerateInput!) { estimate(input: $input) { provider creditCost numOutputs warnings } }`;
const BALANCE = `{ me { credits { balance reserved } } }`;
const LEDGER = `{ creditLedger(first: 100) { nodes { kind amount generationId note } } }`;

const balance = async () => (await server.gql<{ me: { credits: { balance: number; reserved: number } } }>(BALANCE, {}, { apiKey })).body.data!.me.credits;

async function ledgerOf(id: string) {
  const res = await server.gql<{ creditLedger: { nodes: { kind: string; amount: number; generationId: string; note: string | null }[] } }>(LEDGER, {}, { apiKey });
  return res.body.data!.creditLedger.nodes.filter((e) => e.generationId === id);
}

async function generate(input: Record<string, unknown>): Promise<Done> {
  const res = await server.gql<{ generate: { id: string } }>(GENERATE, { input: { ...input, webhookUrl: hookUrl } }, { apiKey });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const { id } = res.body.data!.generate;
  const final = await waitForGeneration(server, apiKey, id, 120_000);
  expect(final.status, JSON.stringify(final)).toBe("COMPLETED");
  const done = await server.gql<{ generation: Done }>(RESULT, { id }, { apiKey });
  return done.body.data!.generation;
}

async function estimate(input: Record<string, unknown>) {
  const res = await server.gql<{ estimate: { creditCost: number; numOutputs: number; warnings: string[] } }>(ESTIMATE, { input }, { apiKey });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.estimate;
}

/** Every output downloads as a real file of the kind, from its own URL; returns the bytes. */
async function downloadAll(g: Done, kind: RegExp): Promise<Buffer[]> {
  expect(new Set(g.outputs.map((o) => o.url)).size).toBe(g.outputs.length);
  expect(g.url).toBe(g.outputs[0].url); // url stays the first output
  const files: Buffer[] = [];
  for (const o of g.outputs) {
    const file = await download(o.url);
    expect(file.status, o.url).toBe(200);
    expect(file.type).toMatch(kind);
    expect(file.bytes.length).toBe(o.metadata.size);
    files.push(file.bytes);
  }
  return files;
}

async function hookFor(id: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const hook = hooks.find((h) => h.type === "generation.completed" && h.data.id === id);
    if (hook) return hook;
    if (Date.now() > deadline) throw new Error(`no generation.completed webhook for ${id}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("numOutputs: 4 images", () => {
  const cases = [
    { provider: "local", options: { resolution: "480p", seed: 7 }, treatment: /approximated/ },
    { provider: "flux-fast", options: { seed: 7 }, treatment: /approximated/ },
    { provider: "kolors", options: {}, treatment: null }, // native: one Kling task with n = 4
  ];
  for (const { provider, options, treatment } of cases) {
    it(`${provider}: four files at four URLs, priced and charged per output, every output in the webhook`, async () => {
      const input = { type: "IMAGE", provider, input: { text: `Four lighthouses at dusk (${provider})` }, options: { ...options, numOutputs: 4 } };
      const one = await estimate({ ...input, options });
      const four = await estimate(input);
      expect(four).toMatchObject({ numOutputs: 4, creditCost: 4 * one.creditCost });
      if (treatment) expect(four.warnings.join(" ")).toMatch(/numOutputs is approximated/);
      else expect(four.warnings.join(" ")).not.toMatch(/numOutputs/);

      const before = await balance();
      const g = await generate(input);
      expect(g.outputs.map((o) => o.index)).toEqual([0, 1, 2, 3]);
      expect(g).toMatchObject({ numOutputs: 4, creditCost: four.creditCost });
      const files = await downloadAll(g, /^image\//);
      // Separate jobs run with seed, seed+1…: four different pictures. (Kling's fake serves one render n times.)
      if (treatment) expect(new Set(files.map((b) => b.toString("base64"))).size).toBe(4);
      if (provider === "kolors") expect(JSON.parse(kling.fake.last("POST", "/v1/images/generations")!.body)).toMatchObject({ n: 4 });

      const after = await balance();
      expect(before.balance - after.balance).toBe(four.creditCost);
      expect(after.reserved).toBe(before.reserved);
      const ledger = await ledgerOf(g.id);
      expect(ledger.map((e) => e.kind).sort()).toEqual(["CHARGE", "RESERVE"]);
      expect(ledger.find((e) => e.kind === "RESERVE")!.amount).toBe(-four.creditCost);

      const hook = await hookFor(g.id);
      expect(hook.data.numOutputs).toBe(4);
      expect(hook.data.outputs.map((o) => o.index)).toEqual([0, 1, 2, 3]);
      expect(hook.data.outputs.every((o) => /^image\//.test(o.metadata.mimeType))).toBe(true);
    });
  }
});

describe("numOutputs: 2 videos", () => {
  it("kling: two clips as two Kling tasks, each a real video, charged for both", async () => {
    const input = { type: "VIDEO", provider: "kling", input: { text: "Two takes of a paper boat on a stream" }, options: { duration: 5, numOutputs: 2 } };
    const price = await estimate(input);
    expect(price.numOutputs).toBe(2);
    expect(price.creditCost).toBe(2 * (await estimate({ ...input, options: { duration: 5 } })).creditCost);
    const submitsBefore = kling.fake.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/videos/")).length;
    const before = await balance();
    const g = await generate(input);
    expect(g.outputs).toHaveLength(2);
    for (const bytes of await downloadAll(g, /^video\//)) expect((await ffprobeBytes(bytes)).duration).toBeGreaterThan(1);
    const submits = kling.fake.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/videos/")).slice(submitsBefore);
    expect(submits).toHaveLength(2);
    // Each job carries its own reference, so Kling does not take the second for a retry of the first.
    expect(new Set(submits.map((r) => (JSON.parse(r.body) as { external_task_id: string }).external_task_id)).size).toBe(2);
    expect(before.balance - (await balance()).balance).toBe(price.creditCost);
  });
});

describe("a partial failure", () => {
  it("completes with the outputs made, charges only those and releases the rest, with a warning", async () => {
    const input = { type: "IMAGE", provider: "flux-fast", input: { text: "Every other job fails [sandbox:partial]" }, options: { numOutputs: 4 } };
    const { creditCost: reserved } = await estimate(input);
    const before = await balance();
    const g = await generate(input);
    expect(g.outputs).toHaveLength(2); // the fake fails the 2nd and 4th job with this prompt
    await downloadAll(g, /^image\//);
    expect(g.creditCost).toBe(reserved / 2);
    expect(g.warnings.join(" ")).toMatch(/2 of 4 outputs were made .*GENERATION_FAILED.*charged \d+ credits for them, \d+ released/);
    // The same, as data a client can word in its own language (issue 19): one detail per sentence, in order.
    expect(g.warningDetails.map((w) => w.message)).toEqual(g.warnings);
    expect(g.warningDetails.at(-1)).toMatchObject({ code: "PARTIAL_OUTPUTS", params: { made: 2, asked: 4, charged: reserved / 2, released: reserved / 2 } });

    const after = await balance();
    expect(before.balance - after.balance).toBe(reserved / 2);
    expect(after.reserved).toBe(before.reserved);
    const ledger = await ledgerOf(g.id);
    expect(Object.fromEntries(ledger.map((e) => [e.kind, e.amount]))).toEqual({ RESERVE: -reserved, CHARGE: 0, RELEASE: reserved / 2 });

    const hook = await hookFor(g.id);
    expect(hook.data.outputs).toHaveLength(2);
  });

  it("fails (nothing charged) when every job fails", async () => {
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { input: { type: "IMAGE", provider: "flux-fast", input: { text: "All fail [sandbox:fail]" }, options: { numOutputs: 3 } } },
      { apiKey },
    );
    const before = await balance();
    const final = await waitForGeneration(server, apiKey, res.body.data!.generate.id, 60_000);
    expect(final.status).toBe("FAILED");
    const ledger = await ledgerOf(String(final.id));
    expect(ledger.map((e) => e.kind).sort()).toEqual(["RELEASE", "RESERVE"]);
    expect((await balance()).balance).toBeGreaterThanOrEqual(before.balance);
  });
});

describe("the SSE stream", () => {
  it("pushes the completed generation with every output and its URL", async () => {
    const res = await server.gql<{ generate: { id: string } }>(
      GENERATE,
      { input: { type: "IMAGE", provider: "local", input: { text: "Pushed in threes" }, options: { resolution: "480p", numOutputs: 3 } } },
      { apiKey },
    );
    const id = res.body.data!.generate.id;
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { accept: "text/event-stream", "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: `subscription($id: ID!) { generationUpdated(id: $id) { id status outputs { index url } } }`, variables: { id } }),
      signal: controller.signal,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let completed: { status: string; outputs: { index: number; url: string }[] } | undefined;
    const deadline = Date.now() + 30_000;
    while (!completed && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (const line of buffer.split("\n").filter((l) => l.startsWith("data: "))) {
        const payload = JSON.parse(line.slice(6)) as { data?: { generationUpdated?: { status: string; outputs: { index: number; url: string }[] } } };
        if (payload.data?.generationUpdated?.status === "COMPLETED") completed = payload.data.generationUpdated;
      }
    }
    controller.abort();
    expect(completed?.outputs.map((o) => o.index)).toEqual([0, 1, 2]);
    for (const o of completed!.outputs) expect((await download(o.url)).type).toMatch(/^image\//);
  });
});

describe("validation", () => {
  it("refuses more outputs than the type allows, naming the field", async () => {
    const res = await server.gql(GENERATE, { input: { type: "VIDEO", provider: "local", input: { text: "Too many" }, options: { numOutputs: 3 } } }, { apiKey });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "options.numOutputs" });
    const strict = await server.gql(GENERATE, { input: { type: "IMAGE", provider: "local", input: { text: "Strict" }, options: { numOutputs: 2 }, strict: true } }, { apiKey });
    expect(strict.body.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", field: "options.numOutputs" });
  });
});
