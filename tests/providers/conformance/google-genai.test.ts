import { ApiError, GoogleGenAI, ThinkingLevel } from "@google/genai";
import { OAuth2Client } from "google-auth-library";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagenAdapter } from "@/lib/providers/imagen/adapter";
import { veoAdapter } from "@/lib/providers/veo/adapter";
import { ffprobeBytes } from "../../helpers/media";
import { startVendorFake, type VendorHarness } from "../../helpers/vendor";

// Google's own client, @google/genai 3.1.0, unchanged, pointed at our fakes through its documented options
// (httpOptions.baseUrl; apiVersion "" because a fake's root already stands for `<host>/<version>`). What it sends
// is what our fakes must accept, and what they answer must parse with it. Vertex mode authenticates through
// google-auth-library with a ready access token, so no token is fetched from Google.
let images: VendorHarness;
let veo: VendorHarness;

beforeAll(async () => {
  images = await startVendorFake(imagenAdapter);
  veo = await startVendorFake(veoAdapter, 300);
});
afterAll(async () => {
  await images?.close();
  await veo?.close();
});

function vertexAuth(): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: "ya29.conformance", expiry_date: Date.now() + 3600_000 });
  return client;
}

const geminiApi = (fake: VendorHarness) => new GoogleGenAI({ apiKey: "AIzaSyConformanceTest", httpOptions: { baseUrl: fake.url, apiVersion: "" } });
const vertexAi = (fake: VendorHarness, location: string) =>
  new GoogleGenAI({
    vertexai: true,
    project: "conformance-project",
    location,
    googleAuthOptions: { authClient: vertexAuth() },
    httpOptions: { baseUrl: fake.url, apiVersion: "" },
  });

async function imageOf(response: Awaited<ReturnType<GoogleGenAI["models"]["generateContent"]>>) {
  const part = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data);
  expect(part?.inlineData?.mimeType).toBe("image/png");
  return sharp(Buffer.from(part!.inlineData!.data!, "base64")).metadata();
}

describe("@google/genai against our Gemini image fake", () => {
  it("Gemini API: generateContent returns the image bytes in the shape the SDK reads", async () => {
    const response = await geminiApi(images).models.generateContent({
      model: "gemini-nano-banana-2.1",
      contents: "A lighthouse at dusk",
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "2K" }, thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH }, seed: 3 },
    });
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 480, height: 270 });
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    const sent = images.fake.last("POST", "/models/gemini-nano-banana-2.1:generateContent")!;
    expect(sent.headers["x-goog-api-key"]).toBe("AIzaSyConformanceTest");
  });

  it("Vertex AI: generateContent with project, location and OAuth, on the global endpoint", async () => {
    const response = await vertexAi(images, "global").models.generateContent({
      model: "gemini-3-pro-image",
      contents: [{ role: "user", parts: [{ text: "A red bicycle" }] }],
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "3:4", imageSize: "1K", outputMimeType: "image/png" } },
    });
    expect(await imageOf(response)).toMatchObject({ format: "png", width: 360, height: 480 });
    const sent = images.fake.last("POST", "/projects/conformance-project/locations/global/publishers/google/models/gemini-3-pro-image:generateContent")!;
    expect(sent.headers.authorization).toBe("Bearer ya29.conformance");
  });

  it("a safety block comes back as Google sends it: finishReason IMAGE_SAFETY and no image (with the reason on Vertex AI)", async () => {
    const gemini = await geminiApi(images).models.generateContent({ model: "gemini-nano-banana-2.1", contents: "forbidden [sandbox:moderation]" });
    expect(gemini.candidates?.[0]).toMatchObject({ finishReason: "IMAGE_SAFETY" });
    expect(gemini.candidates?.[0]?.content).toBeUndefined();
    // The SDK's Gemini API converter keeps no finishMessage (candidateFromMldev); its Vertex one passes it through.
    const vertex = await vertexAi(images, "global").models.generateContent({ model: "gemini-nano-banana-2.1", contents: "forbidden too [sandbox:moderation]" });
    expect(vertex.candidates?.[0]).toMatchObject({ finishReason: "IMAGE_SAFETY", finishMessage: expect.stringContaining("Prohibited Use policy") });
  });

  it("errors parse into the SDK's ApiError: a size the model lacks (400) and the retired Imagen API (404)", async () => {
    const bad = await geminiApi(images)
      .models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: "x", config: { imageConfig: { imageSize: "4K" } } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ status: 400, message: expect.stringContaining("Unsupported image size: 4K") });
    // 3.1.0 sends generateImages (Imagen's :predict) only in Vertex mode, and warns that it is deprecated.
    const retired = await vertexAi(images, "global")
      .models.generateImages({ model: "imagen-4.0-generate-001", prompt: "x" })
      .catch((e: unknown) => e);
    expect(retired).toBeInstanceOf(ApiError);
    expect(retired).toMatchObject({ status: 404, message: expect.stringContaining("imagen-4.0-generate-001` was not found") });
  });
});

describe("@google/genai against our Veo fake (Vertex AI, the only API that serves Veo)", () => {
  it("generateVideos → getVideosOperation until done → the video bytes, seed and all", async () => {
    const ai = vertexAi(veo, "us-central1");
    let operation = await ai.models.generateVideos({
      model: "veo-3.1-fast-generate-001",
      source: { prompt: "A fox running through snow" },
      config: { numberOfVideos: 1, durationSeconds: 4, aspectRatio: "9:16", resolution: "720p", generateAudio: true, seed: 42, negativePrompt: "blur" },
    });
    expect(operation.name).toMatch(/^projects\/conformance-project\/locations\/us-central1\/publishers\/google\/models\/veo-3\.1-fast-generate-001\/operations\//);
    for (let i = 0; i < 200 && !operation.done; i++) {
      await new Promise((r) => setTimeout(r, 50));
      operation = await ai.operations.getVideosOperation({ operation });
    }
    expect(operation.error).toBeUndefined();
    const video = operation.response?.generatedVideos?.[0]?.video;
    expect(video?.mimeType).toBe("video/mp4");
    const probe = await ffprobeBytes(Buffer.from(video!.videoBytes!, "base64"));
    expect(probe.duration).toBeCloseTo(4, 0);
    const sent = JSON.parse(
      veo.fake.last("POST", "/projects/conformance-project/locations/us-central1/publishers/google/models/veo-3.1-fast-generate-001:predictLongRunning")!.body,
    );
    expect(sent.parameters).toMatchObject({ sampleCount: 1, durationSeconds: 4, seed: 42, generateAudio: true });
  });

  it("a retired Veo 3.0 id is Google's 404, parsed into ApiError", async () => {
    const error = await vertexAi(veo, "us-central1")
      .models.generateVideos({ model: "veo-3.0-generate-001", source: { prompt: "x" }, config: { generateAudio: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining("veo-3.0-generate-001") });
  });
});
