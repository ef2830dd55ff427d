import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { minimaxAdapter } from "@/lib/providers/minimax/adapter";
import { minimaxError } from "@/lib/providers/minimax/client";
import { MINIMAX_FAKE_KEY } from "@/lib/providers/minimax/fake";
import { toMinimaxRequest } from "@/lib/providers/minimax/transform";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import { cleanupWorkDirs, followToEnd, runAdapter, runContext, startVendorFake, testJob, type VendorHarness } from "../helpers/vendor";

/*
 * MiniMax has no usable SDK and no reachable OpenAPI file: its documented examples (tests/fixtures/vendors/minimax,
 * see SOURCE.md) are the contract. Our request must use the documented fields and types; the documented answers
 * (create, query, file retrieval, base_resp errors under HTTP 200) must parse through the adapter's real HTTP path.
 */

const fixture = <T = Record<string, unknown>>(name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/vendors/minimax/${name}`, "utf8")) as T;
const credentials = { MINIMAX_API_KEY: MINIMAX_FAKE_KEY };

let vendor: VendorHarness;
beforeAll(async () => {
  vendor = await startVendorFake(minimaxAdapter, 200);
});
afterAll(async () => {
  await vendor.close();
  await cleanupWorkDirs();
});

describe("MiniMax's documented contract", () => {
  it("our body for the documented example's inputs is the documented request plus our own documented fields", () => {
    const doc = fixture<Record<string, unknown>>("video-generation-request.json");
    const j = testJob("VIDEO", String(doc.prompt), { model: "hailuo-02", duration: 6, resolution: "1080p", promptOptimizer: true });
    const body = toMinimaxRequest(j, {}, undefined) as unknown as Record<string, unknown>;
    expect(body).toMatchObject(doc);
    const documented = [
      "model",
      "prompt",
      "duration",
      "resolution",
      "prompt_optimizer",
      "fast_pretreatment",
      "first_frame_image",
      "last_frame_image",
      "callback_url",
      "subject_reference",
    ];
    expect(Object.keys(body).filter((k) => !documented.includes(k))).toEqual([]);
  });

  it("reads the documented create, query and retrieve answers and downloads the video", async () => {
    const j = testJob("VIDEO", "a pig runs along the highway", { model: "hailuo-02", duration: 6, resolution: "768p", promptOptimizer: true });
    const made = await runAdapter(minimaxAdapter, j, { baseUrl: vendor.url, credentials });
    const retrieve = await fetch(
      `${vendor.url}/v1/files/retrieve?file_id=${(await (await fetch(`${vendor.url}/v1/query/video_generation?task_id=${made.task!.id}`, { headers: { authorization: `Bearer ${MINIMAX_FAKE_KEY}` } })).json()).file_id}`,
      { headers: { authorization: `Bearer ${MINIMAX_FAKE_KEY}` } },
    );
    const realUrl = ((await retrieve.json()) as { file: { download_url: string } }).file.download_url;

    const created = fixture("video-generation-response.json");
    const query = fixture<{ file_id: string; task_id: string }>("query-video-generation-response.json");
    const file = fixture<{ file: { download_url: string; file_id: number } }>("files-retrieve-response.json");
    file.file.download_url = realUrl; // the documented link points nowhere reachable: the only field changed
    vendor.fake.intercept = (r) => {
      if (r.method === "POST" && r.path === "/v1/video_generation") return { json: created };
      if (r.path === "/v1/query/video_generation") return { json: query };
      if (r.path === "/v1/files/retrieve") return r.query.file_id === query.file_id ? { json: file } : { json: { base_resp: { status_code: 2013, status_msg: "invalid params" } } };
      return undefined;
    };
    try {
      const ctx = { ...runContext(j, { baseUrl: vendor.url, credentials, timeScale: 1 / 200 }), workDir: made.workDir };
      const submission = await minimaxAdapter.submit(j, ctx);
      expect(submission).toEqual({ kind: "task", task: { id: "106916112212032" } });
      const out = await followToEnd(minimaxAdapter, j, { id: query.task_id }, ctx);
      expect((await probeMedia(out.file)).format).toBe("mp4");
    } finally {
      vendor.fake.intercept = undefined;
    }
  });

  it.each(
    fixture<{ http: number; body: { base_resp: { status_code: number; status_msg: string } }; ours: string }[]>("errors.json").map(
      (e) => [e.body.base_resp.status_code, e] as const,
    ),
  )("documented base_resp %i under HTTP 200 maps to our code with MiniMax's words", (code, { http, body, ours }) => {
    const text = JSON.stringify(body);
    const response: VendorResponse = { status: http, ok: true, headers: new Headers(), bytes: Buffer.from(text), text: () => text, json: <T>() => JSON.parse(text) as T };
    const error = minimaxError(response)!;
    expect(error).toMatchObject({ code: ours, details: expect.objectContaining({ vendorCode: code }) });
    expect(error.message).toContain(body.base_resp.status_msg);
  });
});
