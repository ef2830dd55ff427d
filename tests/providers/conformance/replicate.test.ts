import Replicate, { type ApiError, type FileOutput } from "replicate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fluxFastAdapter } from "@/lib/providers/replicate/adapter";
import { SPEED_MODES } from "@/lib/providers/replicate/transform";
import { startVendorFake, type VendorHarness } from "../../helpers/vendor";

/*
 * Replicate's own client (`replicate` 1.4.0, unchanged) against our Replicate fake through its `baseUrl` option:
 * `run` (which sends `Prefer: wait`), predictions.create/get/cancel, and its ApiError. The client wraps only https:
 * output URLs in FileOutput objects; the fake serves plain http on loopback, so `run` hands back the URL itself.
 */

let vendor: VendorHarness;
let replicate: Replicate;

beforeAll(async () => {
  vendor = await startVendorFake(fluxFastAdapter, 200);
  replicate = new Replicate({ auth: "sandbox-replicate-token", baseUrl: `${vendor.url}/v1` });
});
afterAll(() => vendor.close());

describe("replicate client against the Replicate fake", () => {
  it("run() with every speed_mode we send → output → a real image", async () => {
    for (const speed_mode of Object.values(SPEED_MODES)) {
      const output = (await replicate.run("prunaai/flux-fast", { input: { prompt: "a teapot", aspect_ratio: "16:9", speed_mode, output_format: "png" } })) as (
        FileOutput | string
      )[];
      expect(vendor.fake.last("POST", "/v1/models/prunaai/flux-fast/predictions")?.headers.prefer).toMatch(/^wait/);
      const url = typeof output[0] === "string" ? output[0] : output[0].url().href;
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 480, height: 270 });
    }
  });

  it("predictions.create → wait → get, and cancel", async () => {
    const created = await replicate.predictions.create({ model: "prunaai/flux-fast", input: { prompt: "a kite", speed_mode: SPEED_MODES.fast } });
    expect(["starting", "processing"]).toContain(created.status);
    const done = await replicate.wait(created, { interval: 50 });
    expect(done.status).toBe("succeeded");
    expect((await replicate.predictions.get(created.id)).output).toEqual(done.output);
    const other = await replicate.predictions.create({ model: "prunaai/flux-fast", input: { prompt: "stop [sandbox:timeout]" } });
    expect((await replicate.predictions.cancel(other.id)).status).toBe("canceled");
  });

  it("an input outside the model's enum is a 422 the client raises as its ApiError", async () => {
    const error = await replicate.predictions.create({ model: "prunaai/flux-fast", input: { prompt: "x", speed_mode: "Extra Juiced 💥 (more speed)" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError" });
    expect((error as ApiError).response.status).toBe(422);
    expect((error as ApiError).message).toContain("speed_mode");
  });
});
