import fs from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { hedraAdapter } from "@/lib/providers/hedra/adapter";
import type { FakeApp, FakeReply, FakeRequest } from "@/lib/providers/sandbox/fake-app";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { loadVendorContract, type VendorContract } from "../../helpers/openapi-contract";
import { contractProblems, declaredFields, type Replies, startReplayVendor } from "../../helpers/replay-vendor";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

/**
 * Hedra publishes no JavaScript client (its CLI and SDK are Rust, generated from its OpenAPI 3.9.0), so the
 * contract is that OpenAPI file (tests/fixtures/vendors/hedra/, see SOURCE.md): what our adapter sends must
 * validate, what our fake answers must validate, and Hedra's documented answers must parse with our adapter.
 */
const DIR = "tests/fixtures/vendors/hedra";
const responses = JSON.parse(fs.readFileSync(`${DIR}/responses.json`, "utf8")) as Record<string, { status: number; body: Record<string, unknown> }>;
const declared = declaredFields(`${DIR}/openapi.yaml`);
const reply = (name: string): FakeReply => ({ status: responses[name].status, json: responses[name].body });

let contract: VendorContract;
let vendor: VendorHarness;
let image: string;
let audio: string;
let mp4: Buffer;

beforeAll(async () => {
  contract = await loadVendorContract(`${DIR}/openapi.yaml`);
  vendor = await startVendorFake(hedraAdapter);
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#cc8866" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
  const speech = await renderPreview({ kind: "audio", prompt: "contract" });
  audio = `data:${speech.contentType};base64,${speech.bytes.toString("base64")}`;
  mp4 = (await renderPreview({ kind: "video", prompt: "documented", width: 320, height: 320, seconds: 1 })).bytes;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (text: string, options: Record<string, string | number> = {}, input: Record<string, string> = {}) =>
  testJob("AVATAR", text, { model: "character-3", aspectRatio: "9:16", resolution: "1080p", ...options }, { image, ...input });

describe("Hedra v3 contract: what we send", () => {
  it("every request of a scripted clip, an audio clip and a webhook clip validates against Hedra's OpenAPI 3.9.0", async () => {
    vendor.fake.requests.length = 0;
    await runAdapter(hedraAdapter, job("Hello from the contract test."), { baseUrl: vendor.url });
    await runAdapter(hedraAdapter, job("nodding", { duration: 30, model: "avatar" }, { audio }), { baseUrl: vendor.url });
    await runAdapter(hedraAdapter, job("with a webhook"), { baseUrl: vendor.url, callbackUrl: "https://doitong.example/api/providers/hedra/callback?generation=g&token=t" });
    const sent = vendor.fake.requests;
    const operations = new Set(sent.filter((r) => !r.path.startsWith("/_files/")).map((r) => contract.operationFor(r.method, r.path)));
    expect([...operations].sort()).toEqual(
      ["files_upload", "jobs_get", "jobs_get_status", "models_list_voices", "submit_elevenlabs_multilingual_v2", "submit_hedra_avatar", "submit_hedra_character_3"].sort(),
    );
    expect(await contractProblems(contract, sent, declared)).toEqual([]);
    for (const r of sent) if (!r.path.startsWith("/_files/")) expect(r.headers.authorization).toMatch(/^Bearer /);
  });

  it("the legacy /web-app/public body would not pass (the check can fail)", async () => {
    const legacy = { type: "video", ai_model_id: "d1dd37a3", start_keyframe_id: "a", generated_video_inputs: { text_prompt: "x", resolution: "720p", aspect_ratio: "1:1" } };
    const problems = await contractProblems(
      contract,
      [{ method: "POST", path: "/models/hedra-character-3", query: {}, headers: { "content-type": "application/json" }, body: JSON.stringify(legacy) }],
      declared,
    );
    expect(problems.join("\n")).toMatch(/required property 'input'/);
    expect(contract.operationFor("POST", "/generations")).toBeUndefined();
    const seeded = {
      input: { prompt: "x", aspect_ratio: "1:1", resolution: "720p", start_image: { source: "url", url: "https://h/x" }, audio: { source: "asset", asset_id: "a" }, seed: 4 },
    };
    expect(contract.requestErrors({ method: "POST", path: "/models/hedra-character-3", body: seeded }).join("\n")).toMatch(/additional properties/);
  });
});

describe("Hedra v3 contract: what our fake answers", () => {
  it("the fake's ack, status, result, voices, upload and error bodies fit Hedra's schemas", async () => {
    const auth = { authorization: "Bearer sandbox-hedra-api-key" };
    const voices = await fetch(`${vendor.url}/models/elevenlabs-multilingual-v2/voices`, { headers: auth });
    expect(contract.responseErrors("models_list_voices", 200, await voices.json())).toEqual([]);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(Buffer.from(image.split(",")[1], "base64"))], { type: "image/png" }), "p.png");
    const uploaded = await fetch(`${vendor.url}/files`, { method: "POST", headers: auth, body: form });
    const handle = (await uploaded.json()) as { url: string };
    expect(contract.responseErrors("files_upload", uploaded.status, handle)).toEqual([]);
    const speech = await fetch(`${vendor.url}/models/elevenlabs-multilingual-v2`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ input: { text: "hi", voice_id: "voice_5f1c2a43-3c1e-4c3f-9a57-0f8e3b7d1a01" } }),
    });
    const ack = (await speech.json()) as { job_id: string };
    expect(contract.responseErrors("submit_elevenlabs_multilingual_v2", speech.status, ack)).toEqual([]);
    const status = await fetch(`${vendor.url}/jobs/${ack.job_id}/status`, { headers: auth });
    expect(contract.responseErrors("jobs_get_status", 200, await status.json())).toEqual([]);
    const result = await fetch(`${vendor.url}/jobs/${ack.job_id}`, { headers: auth });
    expect(contract.responseErrors("jobs_get", 200, await result.json())).toEqual([]);
    const bad = await fetch(`${vendor.url}/models/hedra-character-3`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        input: { prompt: "x", aspect_ratio: "2:1", resolution: "720p", start_image: { source: "url", url: handle.url }, audio: { source: "url", url: handle.url } },
      }),
    });
    expect(bad.status).toBe(400);
    expect(contract.responseErrors("submit_hedra_character_3", 400, await bad.json())).toEqual([]);
    const key = await fetch(`${vendor.url}/webhooks/public-key`, { headers: auth });
    expect(contract.responseErrors("webhooks_get_public_key", 200, await key.json())).toEqual([]);
  });
});

/** Hedra as its documentation describes it: the given reply per route, the video link made local. */
function documented(overrides: Partial<Record<string, Replies>> = {}): Record<string, Replies> {
  const isSpeech = (req: FakeRequest) => req.params.id === (responses.speechSubmit.body.job_id as string);
  const withLocalVideo = (req: FakeRequest, app: FakeApp): FakeReply => {
    const body = structuredClone(responses["result.completed"].body) as { outputs: { url: string }[] };
    body.outputs[0].url = app.publish(req.origin, mp4, "video/mp4", 60_000);
    return { json: body };
  };
  return {
    "GET /models/:model/voices": [reply("voices")],
    "POST /files": [reply("upload")],
    "POST /models/:model": (req) => (req.params.model === "elevenlabs-multilingual-v2" ? reply("speechSubmit") : reply("submit")),
    "GET /jobs/:id/status": (req, app) => {
      if (isSpeech(req)) return reply("status.completed");
      const polls = app.requests.filter((r) => r.path === `/jobs/${req.params.id}/status`).length;
      return polls < 2 ? reply("status.inProgress") : reply("status.completed");
    },
    "GET /jobs/:id": (req, app) => (isSpeech(req) ? reply("speechResult") : withLocalVideo(req, app)),
    ...overrides,
  };
}

describe("Hedra v3 contract: Hedra's documented responses", () => {
  it("the fixtures themselves fit the schema", () => {
    const checks: [string, string][] = [
      ["voices", "models_list_voices"],
      ["upload", "files_upload"],
      ["submit", "submit_hedra_character_3"],
      ["speechSubmit", "submit_elevenlabs_multilingual_v2"],
      ["status.inProgress", "jobs_get_status"],
      ["status.completed", "jobs_get_status"],
      ["status.failed", "jobs_get_status"],
      ["speechResult", "jobs_get"],
      ["result.completed", "jobs_get"],
      ["result.moderated", "jobs_get"],
      ...Object.keys(responses)
        .filter((n) => n.startsWith("error."))
        .map((n): [string, string] => [n, "submit_hedra_character_3"]),
    ];
    for (const [name, operation] of checks) expect([name, contract.responseErrors(operation, responses[name].status, responses[name].body)]).toEqual([name, []]);
  });

  it("a documented scripted run (voices → upload → speech job → avatar job → poll → result) ends with the video stored", async () => {
    const docs = await startReplayVendor("Hedra", documented());
    try {
      const out = await runAdapter(hedraAdapter, job("documented script"), { baseUrl: docs.url });
      expect(out.task?.id).toBe("job_3f6c1e2a-8b4d-4f7e-9a0c-5d2e1b3a4c6f");
      expect((await probeMedia(out.file)).format).toBe("mp4");
      const avatar = JSON.parse(docs.app.last("POST", "/models/hedra-character-3")!.body);
      expect(avatar.input.audio).toEqual({ source: "asset", asset_id: "asset_aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" });
      expect(avatar.input.start_image).toEqual({ source: "url", url: "https://files.hedra.example/u/9c1e?X-Amz-Signature=abc" });
      expect(out.progress).toContain(42);
    } finally {
      await docs.close();
    }
  });

  it.each([
    [
      "result.moderated",
      { code: "GENERATION_FAILED", message: expect.stringContaining("content moderation"), details: expect.objectContaining({ vendorCode: "MODERATION_FAILED" }) },
    ],
    ["error.invalidArgument", { code: "INVALID_INPUT", details: expect.objectContaining({ field: "options.resolution", vendorCode: "INVALID_ARGUMENT" }) }],
    ["error.unauthorized", { code: "PROVIDER_UNAVAILABLE", retryable: false }],
    ["error.insufficientBalance", { code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("INSUFFICIENT_BALANCE") }],
    ["error.moderation", { code: "GENERATION_FAILED", message: expect.stringContaining("moderation") }],
  ])("documented %s is understood as %j", async (name, expected) => {
    const failedJob = name.startsWith("result.");
    const docs = await startReplayVendor(
      "Hedra",
      documented(
        failedJob
          ? { "GET /jobs/:id/status": [reply("status.failed")], "GET /jobs/:id": [reply(name)] }
          : { "POST /models/:model": (req) => (req.params.model === "elevenlabs-multilingual-v2" ? reply("speechSubmit") : reply(name)) },
      ),
    );
    try {
      await expect(runAdapter(hedraAdapter, job("documented", { duration: 30 }, { audio }), { baseUrl: docs.url })).rejects.toMatchObject(expected);
    } finally {
      await docs.close();
    }
  });

  it("a documented 429 with retry_after is waited out, then the job is made", async () => {
    const docs = await startReplayVendor("Hedra", documented({ "POST /models/:model": [reply("error.rateLimited"), reply("submit")] }));
    try {
      const out = await runAdapter(hedraAdapter, job("documented", { duration: 30 }, { audio }), { baseUrl: docs.url });
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(docs.app.requests.filter((r) => r.method === "POST" && r.path.startsWith("/models/")).length).toBe(2);
    } finally {
      await docs.close();
    }
  });
});
