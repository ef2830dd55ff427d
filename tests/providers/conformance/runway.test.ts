import RunwayML, { BadRequestError, TaskFailedError } from "@runwayml/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runwayAdapter } from "@/lib/providers/runway/adapter";
import { download, ffprobeBytes } from "../../helpers/media";
import { startVendorFake, type VendorHarness } from "../../helpers/vendor";

/*
 * Runway's own SDK (`@runwayml/sdk` 4.20.1, unchanged) against our Runway fake through its `baseURL` option. The
 * SDK's waitForTaskOutput sleeps ~6 s before each poll, so the tests poll with tasks.retrieve until the task ends and
 * then let waitForTaskOutput (which skips its first sleep for an existing task) return or throw as it would.
 */

let vendor: VendorHarness;
let client: RunwayML;

beforeAll(async () => {
  vendor = await startVendorFake(runwayAdapter, 200);
  client = new RunwayML({ apiKey: "sandbox-runway-key", baseURL: vendor.url, maxRetries: 0 });
});
afterAll(() => vendor.close());

async function settled(id: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const task = await client.tasks.retrieve(id);
    if (!["PENDING", "THROTTLED", "RUNNING"].includes(task.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the task never ended");
}

describe("@runwayml/sdk against the Runway fake", () => {
  it("imageToVideo.create (gen4_turbo) → task → waitForTaskOutput → a real mp4", async () => {
    const created = await client.imageToVideo.create({ model: "gen4_turbo", promptImage: "https://example.com/first.png", promptText: "a kite", ratio: "960:960", duration: 5 });
    expect(created).toMatchObject({ id: expect.any(String), estimatedCost: { credits: 25 } });
    expect(vendor.fake.last("POST", "/v1/image_to_video")?.headers["x-runway-version"]).toBe("2024-11-06");
    await settled(created.id);
    const done = await client.tasks.retrieve(created.id).waitForTaskOutput();
    expect(done.status).toBe("SUCCEEDED");
    const file = await download(done.output[0]);
    expect(file.status).toBe(200);
    const info = await ffprobeBytes(file.bytes);
    expect(info.format).toContain("mp4");
    expect(info.width).toBe(info.height);
  });

  it("textToVideo.create (gen4.5) makes a video from text alone", async () => {
    const created = await client.textToVideo.create({ model: "gen4.5", promptText: "a lighthouse at dusk", ratio: "1280:720", duration: 2 });
    expect(created.estimatedCost.credits).toBe(24);
    await settled(created.id);
    const done = await client.tasks.retrieve(created.id).waitForTaskOutput();
    expect((await ffprobeBytes((await download(done.output[0])).bytes)).duration).toBeCloseTo(2, 0);
  });

  it("a failed task is the SDK's TaskFailedError; an invalid request its BadRequestError", async () => {
    const created = await client.imageToVideo.create({
      model: "gen4_turbo",
      promptImage: "https://example.com/a.png",
      promptText: "forbidden [sandbox:moderation]",
      ratio: "1280:720",
    });
    await settled(created.id);
    const failure = await client.tasks
      .retrieve(created.id)
      .waitForTaskOutput()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailedError);
    expect((failure as TaskFailedError).taskDetails).toMatchObject({ status: "FAILED", failureCode: "SAFETY.INPUT.TEXT" });

    const refused = await client.imageToVideo
      .create({ model: "gen4_turbo", promptImage: "https://example.com/a.png", promptText: "x", ratio: "1280:720", duration: 20 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).status).toBe(400);
  });

  it("cancels with tasks.delete", async () => {
    const created = await client.imageToVideo.create({ model: "gen4_turbo", promptImage: "https://example.com/a.png", promptText: "stop", ratio: "1280:720", duration: 10 });
    await client.tasks.delete(created.id);
    await settled(created.id);
    expect((await client.tasks.retrieve(created.id)).status).toBe("CANCELLED");
  });
});
