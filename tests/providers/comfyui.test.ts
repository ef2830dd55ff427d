import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "@/lib/media/probe";
import { stableDiffusionAdapter } from "@/lib/providers/stability/adapter";
import { COMFY_SIZES, type ComfyHistoryEntry, comfyGraph, historyOutcome } from "@/lib/providers/stability/comfyui";
import { createComfyFake } from "@/lib/providers/stability/comfyui-fake";
import type { GenerationJob, RunContext } from "@/lib/providers/types";
import { cleanupWorkDirs, runAdapter, testJob, vendorContext, type RunOptions } from "../helpers/vendor";

let comfy: { url: string; close(): Promise<void> };
const fake = createComfyFake();

beforeAll(async () => {
  fake.taskMs = 300;
  comfy = await fake.listen();
});
afterAll(async () => {
  await comfy.close();
  await cleanupWorkDirs();
});

const defaults = { model: "core", aspectRatio: "1:1", format: "png" };
const job = (text: string, options: Record<string, string | number> = {}) => testJob("IMAGE", text, { ...defaults, ...options });
/** No STABILITY_API_KEY and an unreachable Stability URL: with COMFYUI_URL set, neither is needed. */
const run = (j: GenerationJob, extra: Partial<RunOptions> = {}) =>
  runAdapter(stableDiffusionAdapter, j, { baseUrl: "http://127.0.0.1:9", credentials: {}, timeScale: 1 / 50, ...extra, settings: { COMFYUI_URL: comfy.url, ...extra.settings } });
const queued = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/prompt").length;

describe("ComfyUI graph", () => {
  it.each(Object.entries(COMFY_SIZES))("aspectRatio %s → EmptyLatentImage %j", (aspectRatio, size) => {
    expect(comfyGraph(job("x", { aspectRatio }))["5"].inputs).toEqual({ ...size, batch_size: 1 });
  });

  it("wires ComfyUI's basic text-to-image template with our prompt, negative prompt, seed and style", () => {
    const j = job("a moth", { seed: 77, negativePrompt: "blurry", style: "anime", aspectRatio: "4:3" });
    const graph = comfyGraph(j, "custom.safetensors");
    expect(Object.fromEntries(Object.entries(graph).map(([id, n]) => [id, n.class_type]))).toEqual({
      "3": "KSampler",
      "4": "CheckpointLoaderSimple",
      "5": "EmptyLatentImage",
      "6": "CLIPTextEncode",
      "7": "CLIPTextEncode",
      "8": "VAEDecode",
      "9": "SaveImage",
    });
    expect(graph["3"].inputs).toMatchObject({ seed: 77, positive: ["6", 0], negative: ["7", 0], latent_image: ["5", 0], model: ["4", 0] });
    expect(graph["4"].inputs.ckpt_name).toBe("custom.safetensors");
    expect(graph["5"].inputs).toMatchObject(COMFY_SIZES["5:4"]); // 4:3 is made as 5:4, as the catalog warns
    expect(graph["6"].inputs.text).toBe("a moth, anime style"); // no presets in a plain graph: every style is prompt text
    expect(graph["7"].inputs.text).toBe("blurry");
    expect(graph["9"].inputs.filename_prefix).toBe(`doitong_${j.generationId}`);
  });

  it("without a seed, derives one from the generation so a resubmit draws the same image", () => {
    const j = job("x");
    expect(comfyGraph(j)["3"].inputs.seed).toBe(comfyGraph({ ...j, text: "y" })["3"].inputs.seed);
    expect(comfyGraph(j)["3"].inputs.seed).not.toBe(comfyGraph(job("x"))["3"].inputs.seed);
  });

  it.each<[Record<string, ComfyHistoryEntry>, object]>([
    [{}, { kind: "pending" }],
    [{ p: { outputs: {}, status: { status_str: "success", completed: false } } }, { kind: "pending" }],
    [
      { p: { outputs: { 9: { images: [{ filename: "a.png", subfolder: "", type: "output" }] } }, status: { status_str: "success", completed: true } } },
      { kind: "done", image: { filename: "a.png" } },
    ],
    [
      { p: { outputs: {}, status: { status_str: "error", messages: [["execution_error", { node_type: "KSampler", exception_message: "OOM" }]] } } },
      { kind: "failed", reason: "KSampler failed: OOM" },
    ],
    [{ p: { outputs: {}, status: { status_str: "error", messages: [["execution_interrupted", {}]] } } }, { kind: "failed", interrupted: true }],
  ])("history %j → %j", (history, outcome) => {
    expect(historyOutcome(history, "p")).toMatchObject(outcome);
  });
});

describe("Stable Diffusion through ComfyUI (COMFYUI_URL)", () => {
  it("queues the graph with our client_id, follows /history and fetches the PNG through /view", async () => {
    const j = job("a glass apple", { aspectRatio: "16:9", seed: 3 });
    const out = await run(j);
    const body = JSON.parse(fake.last("POST", "/prompt")!.body);
    expect(body.client_id).toBe(j.generationId);
    expect(body.prompt["4"].inputs.ckpt_name).toBe("sd_xl_base_1.0.safetensors");
    expect(body.prompt["6"].inputs.text).toBe("a glass apple");
    expect(out.task).toMatchObject({ backend: "comfyui" });
    expect(fake.last("GET", "/history/")!.path).toBe(`/history/${out.task!.id}`);
    expect(fake.last("GET", "/view")!.query).toMatchObject({ subfolder: "", type: "output", filename: expect.stringMatching(/^doitong_gen_test\d+_\d{5}_\.png$/) });
    expect(await probeMedia(out.file)).toMatchObject({ format: "png", width: 480, height: 274 });
    expect(out.file).toMatch(/stable-diffusion\.png$/);
  });

  it("converts SaveImage's PNG when JPEG or WebP is asked for", async () => {
    expect(await probeMedia((await run(job("a pear", { format: "jpeg" }))).file)).toMatchObject({ format: "jpeg", width: 480, height: 480 });
    expect((await probeMedia((await run(job("a pear", { format: "webp" }))).file)).format).toBe("webp");
  });

  it("a graph that fails validation is INVALID_INPUT with the node's error; a missing checkpoint is our setup (PROVIDER_UNAVAILABLE)", async () => {
    const before = queued();
    await expect(run(job("x [sandbox:invalid]"))).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("KSampler: Value 0 smaller than min of 1") });
    expect(queued() - before).toBe(1);
    await expect(run(job("x"), { settings: { COMFYUI_CHECKPOINT: "missing.safetensors" } })).rejects.toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      message: expect.stringContaining("'missing.safetensors' not in"),
    });
  });

  it("a proxy's 429 is retried into one queued prompt; a 502 is PROVIDER_UNAVAILABLE", async () => {
    const before = queued();
    expect((await probeMedia((await run(job("busy [sandbox:rate_limit_once]"))).file)).format).toBe("png");
    expect(queued() - before).toBe(2);
    await expect(run(job("x [sandbox:outage]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", accepted: false });
  });

  it("an execution_error is GENERATION_FAILED with the node's exception", async () => {
    await expect(run(job("x [sandbox:fail]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("KSampler failed: CUDA out of memory") });
    await expect(run(job("x [sandbox:moderation]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("safety checker") });
  });

  it("a prompt that never finishes is abandoned and interrupted on the server", async () => {
    const error = await run(job("x [sandbox:timeout]"), { timeScale: 1 / 2000 }).catch((e) => e);
    expect(error).toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("did not finish within 10 minutes") });
    const interrupt = JSON.parse(fake.last("POST", "/interrupt")!.body);
    const history = await fetch(`${comfy.url}/history/${interrupt.prompt_id}`).then((r) => r.json());
    expect(history[interrupt.prompt_id].status.messages.at(-1)[0]).toBe("execution_interrupted");
  });

  it("cancel() deletes a prompt still waiting in the queue, without interrupting anyone else's run", async () => {
    const slow = createComfyFake();
    slow.taskMs = 60_000;
    const server = await slow.listen();
    try {
      const j = job("a queued one");
      const ctx: RunContext = {
        signal: new AbortController().signal,
        workDir: "/nonexistent",
        onProgress: () => undefined,
        vendor: vendorContext(j, { baseUrl: "http://127.0.0.1:9", credentials: {}, settings: { COMFYUI_URL: server.url } }),
        waitForCallback: (ms) => new Promise((r) => setTimeout(r, ms)),
      };
      const { task } = (await stableDiffusionAdapter.submit(j, ctx)) as { task: { id: string } };
      await stableDiffusionAdapter.cancel!(task, ctx);
      expect(JSON.parse(slow.last("POST", "/queue")!.body)).toEqual({ delete: [task.id] });
      expect(slow.last("POST", "/interrupt")).toBeUndefined();
      const queue = await fetch(`${server.url}/queue`).then((r) => r.json());
      expect(queue.queue_pending).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("an output already gone from the server is GENERATION_FAILED", async () => {
    await expect(run(job("x [sandbox:expired_url]"))).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringContaining("expired") });
  });

  it("a non-JSON answer is PROVIDER_UNAVAILABLE", async () => {
    await expect(run(job("x [sandbox:malformed]"))).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.stringContaining("malformed") });
  });
});
