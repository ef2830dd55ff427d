import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kolorsAdapter, klingAdapter } from "@/lib/providers/kling/adapter";
import { klingError } from "@/lib/providers/kling/client";
import { toKolorsRequest } from "@/lib/providers/kling/kolors-transform";
import { toKlingVideoRequest } from "@/lib/providers/kling/transform";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import type { GenerationJob } from "@/lib/providers/types";
import { cleanupWorkDirs, followToEnd, runAdapter, runContext, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

/*
 * Kling has no SDK or OpenAPI file: its documented examples (tests/fixtures/vendors/kling, see SOURCE.md) are the
 * contract. Our requests must use the documented field names and value types; the documented answers, errors
 * included, must parse with our adapter. The fake answers with the documents here (intercept), so the adapter's real
 * HTTP path reads them.
 */

const fixture = <T = Record<string, unknown>>(name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/vendors/kling/${name}`, "utf8")) as T;

let vendor: VendorHarness;
beforeAll(async () => {
  vendor = await startVendorFake(klingAdapter, 200);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});
const video = (options: Record<string, string | number>, input: Partial<GenerationJob["input"]> = {}) =>
  testJob("VIDEO", "Camera zooms out, the girl smiles", { version: "2.6", mode: "pro", duration: 5, ...options }, input);

describe("Kling's documented requests", () => {
  it("our image2video body for the documented example's inputs has the documented fields, names and value types", () => {
    const doc = fixture<Record<string, string>>("image2video-request.json");
    const j = video({}, { image: doc.image, endImage: doc.image_tail });
    const { endpoint, body } = toKlingVideoRequest(j, { image: doc.image, imageTail: doc.image_tail }, "https://us.example/cb");
    expect(endpoint).toBe("image2video");
    expect(Object.keys(body).filter((k) => !(k in doc))).toEqual([]);
    for (const [key, value] of Object.entries(body)) expect(typeof value, key).toBe(typeof doc[key]);
    expect(body).toMatchObject({ model_name: doc.model_name, image: doc.image, image_tail: doc.image_tail, prompt: doc.prompt, duration: doc.duration, mode: doc.mode });
  });

  it("text2video sends only documented fields, duration as a string", () => {
    const { endpoint, body } = toKlingVideoRequest(video({ version: "1.0", mode: "std", duration: 10, aspectRatio: "9:16", negativePrompt: "blur", cfgScale: 0.5 }), {});
    expect(endpoint).toBe("text2video");
    const documented = ["model_name", "prompt", "negative_prompt", "cfg_scale", "mode", "aspect_ratio", "duration", "callback_url", "external_task_id", "sound", "camera_control"];
    expect(Object.keys(body).filter((k) => !documented.includes(k))).toEqual([]);
    expect(body.duration).toBe("10");
  });

  it("Kolors sends only documented fields", () => {
    const body = toKolorsRequest(
      testJob("IMAGE", "a teapot", { version: "1.5", resolution: "2k", aspectRatio: "3:2", reference: "face", imageFidelity: 0.7 }, { image: "https://e.x/a.png" }),
      "https://e.x/a.png",
    );
    const documented = [
      "model_name",
      "prompt",
      "negative_prompt",
      "image",
      "image_reference",
      "image_fidelity",
      "human_fidelity",
      "resolution",
      "n",
      "aspect_ratio",
      "callback_url",
    ];
    expect(Object.keys(body).filter((k) => !documented.includes(k))).toEqual([]);
  });
});

describe("Kling's documented answers through the adapter", () => {
  it("reads the task id of a real create answer and of the reference's example", async () => {
    for (const doc of [fixture("text2video-create-response.captured.json"), fixture("image2video-create-response.json")]) {
      vendor.fake.intercept = (r) => (r.method === "POST" ? { json: doc } : undefined);
      const j = video({}, { image: "https://p2-kling.klingai.com/kcdn/cdn-kcdn112452/kling-qa-test/multi-2.png" });
      const submission = await klingAdapter.submit(j, runContext(j, { baseUrl: vendor.url }));
      expect(submission).toEqual({ kind: "task", task: { id: (doc.data as { task_id: string }).task_id, endpoint: "image2video" } });
    }
    vendor.fake.intercept = undefined;
  });

  it("follows a documented succeed answer to its video (the link pointed at a real file here)", async () => {
    const j = video({ version: "2.6", mode: "std" });
    const made = await runAdapter(klingAdapter, j, { baseUrl: vendor.url });
    const realUrl = JSON.parse(await (await fetch(`${vendor.url}/v1/videos/text2video/${made.task!.id}`, { headers: { authorization: "Bearer sandbox-kling-api-key" } })).text())
      .data.task_result.videos[0].url;
    const doc = fixture<{ data: { task_result: { videos: { url: string }[] } } }>("video-query-response.json");
    doc.data.task_result.videos[0].url = realUrl;
    vendor.fake.intercept = (r) => (r.method === "GET" && r.path.startsWith("/v1/videos/") ? { json: doc } : undefined);
    try {
      const out = await followToEnd(klingAdapter, j, { id: "string", endpoint: "text2video" }, { ...runContext(j, { baseUrl: vendor.url }), workDir: made.workDir });
      expect(fs.statSync(out.file).size).toBeGreaterThan(1000);
    } finally {
      vendor.fake.intercept = undefined;
    }
  });

  it("reads a Kolors answer in Kling's own format: the first image's URL", async () => {
    const j = testJob("IMAGE", "a teapot", { version: "2.1", aspectRatio: "1:1", resolution: "1k", count: 1 });
    const made = await runAdapter(kolorsAdapter, j, { baseUrl: vendor.url });
    const realUrl = JSON.parse(await (await fetch(`${vendor.url}/v1/images/generations/${made.task!.id}`, { headers: { authorization: "Bearer sandbox-kling-api-key" } })).text())
      .data.task_result.images[0].url;
    const doc = fixture<{ data: { task_result: { images: { url: string }[] } } }>("images-query-response.json");
    doc.data.task_result.images[0].url = realUrl;
    vendor.fake.intercept = (r) => (r.method === "GET" ? { json: doc } : undefined);
    try {
      const out = await followToEnd(kolorsAdapter, j, { id: "CjMT7WdSwWcAAAAAALvB3g" }, { ...runContext(j, { baseUrl: vendor.url }), workDir: made.workDir });
      expect(fs.statSync(out.file).size).toBeGreaterThan(100);
    } finally {
      vendor.fake.intercept = undefined;
    }
  });

  it.each(fixture<{ http: number; body: { code: number; message: string } }[]>("errors.json").map((e) => [e.body.code, e] as const))(
    "documented error %i maps to one of our codes with Kling's words",
    (code, { http, body }) => {
      const text = JSON.stringify(body);
      const response: VendorResponse = { status: http, ok: false, headers: new Headers(), bytes: Buffer.from(text), text: () => text, json: <T>() => JSON.parse(text) as T };
      const error = klingError("kling", "Kling", response)!;
      const expected: Record<number, string> = {
        1002: "PROVIDER_UNAVAILABLE",
        1201: "INVALID_INPUT",
        1203: "INVALID_INPUT",
        1301: "GENERATION_FAILED",
        1302: "PROVIDER_UNAVAILABLE",
        1102: "PROVIDER_UNAVAILABLE",
        5001: "PROVIDER_UNAVAILABLE",
      };
      expect(error).toMatchObject({ code: expected[code], details: expect.objectContaining({ vendorCode: code }) });
      expect(error.message).toContain(body.message);
    },
  );
});
