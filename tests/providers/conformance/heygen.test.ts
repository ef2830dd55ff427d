import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { heygenAdapter } from "@/lib/providers/heygen/adapter";
import { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID } from "@/lib/providers/heygen/transform";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { loadVendorContract, type VendorContract } from "../../helpers/openapi-contract";
import { contractProblems, declaredFields, startReplayVendor } from "../../helpers/replay-vendor";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

/**
 * HeyGen publishes no usable JavaScript client (its npm packages are the streaming-avatar SDK and an n8n node), so
 * the contract is HeyGen's v3 schema (tests/fixtures/vendors/heygen/, see SOURCE.md): what our adapter sends must
 * fit it, what our fake answers must fit it, and HeyGen's documented answers must parse with our adapter.
 */
const DIR = "tests/fixtures/vendors/heygen";
const responses = JSON.parse(fs.readFileSync(`${DIR}/responses.json`, "utf8")) as Record<string, { status: number; body: Record<string, unknown> }>;
const declared = declaredFields(`${DIR}/openapi.yaml`);
const reply = (name: string) => ({ status: responses[name].status, json: responses[name].body });

let contract: VendorContract;
let vendor: VendorHarness;
let audio: string;
let mp4: Buffer;

beforeAll(async () => {
  contract = await loadVendorContract(`${DIR}/openapi.yaml`);
  vendor = await startVendorFake(heygenAdapter);
  const speech = await renderPreview({ kind: "audio", prompt: "contract" });
  audio = `data:${speech.contentType};base64,${speech.bytes.toString("base64")}`;
  mp4 = (await renderPreview({ kind: "video", prompt: "documented", width: 320, height: 180, seconds: 1 })).bytes;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const options = {
  avatarId: DEFAULT_AVATAR_ID,
  avatarType: "avatar",
  avatarStyle: "normal",
  voice: DEFAULT_VOICE_ID,
  speed: 1.1,
  aspectRatio: "9:16",
  resolution: "1080p",
  caption: true,
  background: "#102030",
};

describe("HeyGen v3 contract: what we send", () => {
  it("every request of a script video, an uploaded-audio video and a callback video is a v3 operation with a valid body", async () => {
    vendor.fake.requests.length = 0;
    await runAdapter(heygenAdapter, testJob("AVATAR", "Hello from the contract test.", options), { baseUrl: vendor.url });
    await runAdapter(heygenAdapter, testJob("AVATAR", "performance", { ...options, duration: 30 }, { audio }), { baseUrl: vendor.url });
    await runAdapter(heygenAdapter, testJob("AVATAR", "called back", options), {
      baseUrl: vendor.url,
      callbackUrl: "https://doitong.example/api/providers/heygen/callback?generation=g&token=t",
    });
    const sent = vendor.fake.requests;
    expect(sent.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/, "{id}")}`)).toEqual(expect.arrayContaining(["POST /v3/videos", "GET /v3/videos/{id}", "POST /v3/assets"]));
    expect(await contractProblems(contract, sent, declared)).toEqual([]);
    for (const r of sent) if (!r.path.startsWith("/_files/")) expect(r.headers["x-api-key"]).toBe("sandbox-heygen-api-key");
  });

  it("the legacy v2 body would not pass (the check can fail)", async () => {
    const v2 = { video_inputs: [{ character: { type: "avatar", avatar_id: "a" } }], dimension: { width: 1280, height: 720 } };
    const problems = await contractProblems(
      contract,
      [{ method: "POST", path: "/v3/videos", query: {}, headers: { "content-type": "application/json" }, body: JSON.stringify(v2) }],
      declared,
    );
    expect(problems.join("\n")).toMatch(/required property 'type'|"video_inputs" is not in the vendor's schema/);
    expect(contract.operationFor("POST", "/v2/video/generate")).toBeUndefined();
  });
});

describe("HeyGen v3 contract: what our fake answers", () => {
  it("the fake's create, get and error bodies fit HeyGen's response schemas", async () => {
    const headers = { "x-api-key": "sandbox-heygen-api-key", "content-type": "application/json" };
    const created = await fetch(`${vendor.url}/v3/videos`, {
      method: "POST",
      headers,
      body: JSON.stringify({ type: "avatar", avatar_id: DEFAULT_AVATAR_ID, script: "hi", voice_id: DEFAULT_VOICE_ID }),
    });
    const createdBody = (await created.json()) as { data: { video_id: string } };
    expect(contract.responseErrors("createVideo", created.status, createdBody)).toEqual([]);
    const got = await fetch(`${vendor.url}/v3/videos/${createdBody.data.video_id}`, { headers });
    expect(contract.responseErrors("getVideo", 200, await got.json())).toEqual([]);
    const missing = await fetch(`${vendor.url}/v3/videos`, { method: "POST", headers, body: JSON.stringify({ type: "avatar", avatar_id: "nobody", script: "hi" }) });
    expect(missing.status).toBe(404);
    expect(contract.responseErrors("createVideo", 404, await missing.json())).toEqual([]);
  });
});

describe("HeyGen v3 contract: HeyGen's documented responses", () => {
  it("the fixtures themselves fit the schema", () => {
    expect(contract.responseErrors("createVideo", 200, responses.createVideo.body)).toEqual([]);
    for (const name of ["getVideo.processing", "getVideo.completed", "getVideo.failed"])
      expect([name, contract.responseErrors("getVideo", 200, responses[name].body)]).toEqual([name, []]);
    expect(contract.responseErrors("uploadAsset", 200, responses.uploadAsset.body)).toEqual([]);
    for (const name of Object.keys(responses).filter((n) => n.startsWith("error.")))
      expect([name, contract.responseErrors("createVideo", responses[name].status, responses[name].body)]).toEqual([name, []]);
  });

  it("a documented create → processing → completed run ends with the video stored", async () => {
    const docs = await startReplayVendor("HeyGen", {
      "POST /v3/videos": [reply("createVideo")],
      "POST /v3/assets": [reply("uploadAsset")],
      "GET /v3/videos/:id": (req, app) => {
        const polls = app.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v3/videos/")).length;
        if (polls < 2) return reply("getVideo.processing");
        const body = structuredClone(responses["getVideo.completed"].body) as { data: { video_url: string } };
        body.data.video_url = app.publish(req.origin, mp4, "video/mp4", 60_000); // the documented link points at HeyGen's CDN
        return { json: body };
      },
    });
    try {
      const out = await runAdapter(heygenAdapter, testJob("AVATAR", "documented", options), { baseUrl: docs.url });
      expect(out.task?.id).toBe("5f2a9c3e8b1d4e7fa0c6b2d9e4f1a3c7");
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      await docs.close();
    }
  });

  it.each([
    [
      "getVideo.failed",
      { code: "GENERATION_FAILED", message: expect.stringContaining("The avatar could not be rendered"), details: expect.objectContaining({ vendorCode: "avatar_render_error" }) },
    ],
    ["error.invalidParameter", { code: "INVALID_INPUT", details: expect.objectContaining({ field: "options.voice", vendorCode: "invalid_parameter" }) }],
    ["error.unauthorized", { code: "PROVIDER_UNAVAILABLE", retryable: false }],
    ["error.insufficientCredit", { code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("insufficient_credit") }],
  ])("documented %s is understood as %j", async (name, expected) => {
    const failure = name.startsWith("getVideo");
    const docs = await startReplayVendor("HeyGen", {
      "POST /v3/videos": [failure ? reply("createVideo") : reply(name)],
      "GET /v3/videos/:id": [reply(name)],
    });
    try {
      await expect(runAdapter(heygenAdapter, testJob("AVATAR", "documented", options), { baseUrl: docs.url })).rejects.toMatchObject(expected);
    } finally {
      await docs.close();
    }
  });

  it("a documented 429 is retried, then the video is made", async () => {
    const docs = await startReplayVendor("HeyGen", {
      "POST /v3/videos": [reply("error.rateLimited"), reply("createVideo")],
      "GET /v3/videos/:id": (req, app) => {
        const body = structuredClone(responses["getVideo.completed"].body) as { data: { video_url: string } };
        body.data.video_url = app.publish(req.origin, mp4, "video/mp4", 60_000);
        return { json: body };
      },
    });
    try {
      const out = await runAdapter(heygenAdapter, testJob("AVATAR", "documented", options), { baseUrl: docs.url });
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(docs.app.requests.filter((r) => r.method === "POST").length).toBe(2);
    } finally {
      await docs.close();
    }
  });
});
