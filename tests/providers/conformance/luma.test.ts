import LumaAI from "lumaai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, ffprobeBytes } from "../../helpers/media";
import { lumaAdapter } from "@/lib/providers/luma/adapter";
import { startVendorFake, type VendorHarness } from "../../helpers/vendor";

/*
 * Luma's own SDK (`lumaai` 1.19.1, unchanged) against our Luma fake, pointed at it with the SDK's `baseURL`:
 * what the SDK sends, the fake must serve, and what the fake answers, the SDK must read.
 */

let vendor: VendorHarness;
let luma: LumaAI;

beforeAll(async () => {
  vendor = await startVendorFake(lumaAdapter, 200);
  luma = new LumaAI({ authToken: "sandbox-lumaai-api-key", baseURL: vendor.url, maxRetries: 0 });
});
afterAll(() => vendor.close());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the generation never finished");
}

describe("lumaai SDK against the Luma fake", () => {
  it("creates a video with generations.create, polls generations.get to completed and downloads a real mp4", async () => {
    const created = await luma.generations.create({ model: "ray-2", prompt: "a paper boat in the rain", aspect_ratio: "16:9", duration: "5s", resolution: "720p" });
    expect(vendor.fake.last("POST", "/generations/video")).toBeDefined();
    expect(created).toMatchObject({ id: expect.any(String), state: "queued", model: "ray-2" });
    const done = await until(
      () => luma.generations.get(created.id!),
      (g) => g.state === "completed" || g.state === "failed",
    );
    expect(done.state).toBe("completed");
    const file = await download(done.assets!.video!);
    expect(file.status).toBe(200);
    expect((await ffprobeBytes(file.bytes)).format).toContain("mp4");
  });

  it("the newer generations.video.create path is the same endpoint", async () => {
    const created = await luma.generations.video.create({
      model: "ray-flash-2",
      prompt: "a cat turns",
      keyframes: { frame0: { type: "image", url: "https://example.com/cat.png" } },
    });
    expect(created.state).toBe("queued");
    await luma.generations.delete(created.id!);
    await expect(luma.generations.get(created.id!)).rejects.toBeInstanceOf(LumaAI.NotFoundError);
  });

  it("a refused key is the SDK's AuthenticationError, a bad request its BadRequestError", async () => {
    const anonymous = new LumaAI({ authToken: "", baseURL: vendor.url, maxRetries: 0, defaultHeaders: { authorization: "" } });
    await expect(anonymous.generations.create({ model: "ray-2", prompt: "x" })).rejects.toBeInstanceOf(LumaAI.AuthenticationError);
    const error = await luma.generations.create({ model: "ray-2", prompt: "x", aspect_ratio: "16:9", duration: "7s" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumaAI.BadRequestError);
    expect((error as InstanceType<typeof LumaAI.BadRequestError>).status).toBe(400);
  });
});
