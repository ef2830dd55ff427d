import fs from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import type { FakeReply } from "@/lib/providers/sandbox/fake-app";
import { renderPreview } from "@/lib/providers/sandbox/preview-media";
import { viggleAdapter } from "@/lib/providers/viggle/adapter";
import { loadVendorContract, type VendorContract } from "../../helpers/openapi-contract";
import { contractProblems, declaredFields, startReplayVendor } from "../../helpers/replay-vendor";
import { cleanupWorkDirs, runAdapter, startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

/**
 * Viggle publishes no JavaScript client; the contract is its API reference (tests/fixtures/vendors/viggle/, see
 * SOURCE.md): what our adapter sends must fit it and Viggle's documented answers must parse with our adapter.
 */
const DIR = "tests/fixtures/vendors/viggle";
const responses = JSON.parse(fs.readFileSync(`${DIR}/responses.json`, "utf8")) as Record<string, { status: number; body: Record<string, unknown> }>;
const declared = declaredFields(`${DIR}/openapi.yaml`);
const reply = (name: string): FakeReply => ({ status: responses[name].status, json: responses[name].body });

let contract: VendorContract;
let vendor: VendorHarness;
let image: string;
let dance: string;
let mp4: Buffer;

beforeAll(async () => {
  contract = await loadVendorContract(`${DIR}/openapi.yaml`);
  vendor = await startVendorFake(viggleAdapter);
  const png = await sharp({ create: { width: 64, height: 96, channels: 3, background: "#884422" } })
    .png()
    .toBuffer();
  image = `data:image/png;base64,${png.toString("base64")}`;
  mp4 = (await renderPreview({ kind: "video", prompt: "dance", width: 144, height: 256, seconds: 2 })).bytes;
  dance = `data:video/mp4;base64,${mp4.toString("base64")}`;
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

const job = (options: Record<string, string | number> = {}) =>
  testJob("VIDEO", "a dance", { model: "v4", mode: "standard", background: "original", duration: 2, ...options }, { image, video: dance });

describe("Viggle contract: what we send", () => {
  it("renders in each model, background and speed fit Viggle's documented form fields", async () => {
    vendor.fake.requests.length = 0;
    const cases: Record<string, string>[] = [{}, { model: "v3", background: "green", mode: "fast" }, { background: "transparent" }, { background: "white" }];
    for (const options of cases) {
      await runAdapter(viggleAdapter, job(options), { baseUrl: vendor.url });
    }
    const sent = vendor.fake.requests.filter((r) => r.method !== "GET" || r.path.startsWith("/api/"));
    expect(sent.some((r) => r.method === "GET" && r.path.startsWith("/api/render/"))).toBe(true);
    expect(await contractProblems(contract, sent, declared)).toEqual([]);
  });

  it("a field Viggle does not take, or bg_color in the wrong form, would not pass (the check can fail)", async () => {
    const f = new FormData();
    f.append("background_mode", "solid");
    f.append("bg_color", "#00ff00");
    f.append("prompt", "dance");
    const res = new Response(f);
    const problems = await contractProblems(
      contract,
      [{ method: "POST", path: "/api/render", query: {}, headers: { "content-type": res.headers.get("content-type") ?? "" }, body: await res.text() }],
      declared,
    );
    expect(problems).toEqual([expect.stringContaining("bg_color"), expect.stringContaining('field "prompt" is not in the vendor\'s schema')]);
  });
});

describe("Viggle contract: Viggle's documented responses", () => {
  it("the fixtures fit the documented shapes", () => {
    expect(contract.responseErrors("createRender", 200, responses.created.body)).toEqual([]);
    for (const name of ["processing", "complete", "failed"]) expect([name, contract.responseErrors("getRender", 200, responses[name].body)]).toEqual([name, []]);
    for (const name of Object.keys(responses).filter((n) => n.startsWith("error.")))
      expect([name, contract.responseErrors("createRender", responses[name].status, responses[name].body)]).toEqual([name, []]);
  });

  it("a documented queued → processing → complete run ends with the video stored", async () => {
    const docs = await startReplayVendor("Viggle", {
      "POST /api/render": [reply("created")],
      "GET /api/render/:id": (req, app) => {
        if (app.requests.filter((r) => r.method === "GET").length < 2) return reply("processing");
        const body = structuredClone(responses.complete.body) as { cdn_url: string };
        body.cdn_url = app.publish(req.origin, mp4, "video/mp4", 60_000);
        return { json: body };
      },
    });
    try {
      const out = await runAdapter(viggleAdapter, job(), { baseUrl: docs.url });
      expect(out.task?.id).toBe("job_7c1d9e2fa3b4");
      expect((await probeMedia(out.file)).format).toBe("mp4");
      expect(out.progress).toContain(35);
    } finally {
      await docs.close();
    }
  });

  it.each([
    ["failed", { code: "GENERATION_FAILED", message: expect.stringContaining("No person detected"), details: expect.objectContaining({ vendorCode: "CS-RNDR-001" }) }],
    ["error.missingImage", { code: "INVALID_INPUT", details: expect.objectContaining({ field: "input.image", vendorCode: "CS-ORIV-001" }) }],
    ["error.videoTooLong", { code: "INVALID_INPUT", details: expect.objectContaining({ field: "input.video", vendorCode: "CS-ORIV-004" }) }],
    ["error.invalidKey", { code: "PROVIDER_UNAVAILABLE", retryable: false }],
    ["error.credits", { code: "PROVIDER_UNAVAILABLE", details: expect.objectContaining({ vendorCode: "CS-ORCR-001" }) }],
  ])("documented %s is understood as %j", async (name, expected) => {
    const docs = await startReplayVendor("Viggle", {
      "POST /api/render": [name === "failed" ? reply("created") : reply(name)],
      "GET /api/render/:id": [reply(name)],
    });
    try {
      await expect(runAdapter(viggleAdapter, job(), { baseUrl: docs.url })).rejects.toMatchObject(expected);
    } finally {
      await docs.close();
    }
  });
});
