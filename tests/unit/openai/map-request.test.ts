import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openAIError } from "@/lib/openai/errors";
import { mapSize } from "@/lib/openai/map-size";
import { resolveModel } from "@/lib/openai/resolve-model";
import { imageInput, speechInput, videoInput } from "@/lib/openai/to-generate-input";

const headers = new Headers();

describe("OpenAI size onto unified options", () => {
  it.each([
    ["IMAGE", "1024x1024", { aspectRatio: "1:1", resolution: "1k" }, 0],
    ["IMAGE", "1536x1024", { aspectRatio: "3:2", resolution: "2k" }, 0],
    ["IMAGE", "1792x1024", { aspectRatio: "16:9", resolution: "2k" }, 1],
    ["VIDEO", "1280x720", { aspectRatio: "16:9", resolution: "720p" }, 0],
    ["VIDEO", "720x1280", { aspectRatio: "9:16", resolution: "720p" }, 0],
  ] as const)("%s %s", (type, size, options, warnings) => {
    const mapped = mapSize(type, size, false);
    expect(mapped.options).toEqual(options);
    expect(mapped.warnings).toHaveLength(warnings);
  });

  it("refuses what is not a size, and an inexact shape under strict", () => {
    expect(() => mapSize("IMAGE", "huge", false)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { field: "size" } }));
    expect(() => mapSize("IMAGE", "1792x1024", true)).toThrow(/strict/);
    expect(mapSize("IMAGE", "auto", true).options).toEqual({});
  });
});

describe("model", () => {
  it("takes auto, OpenAI's names (as auto), provider ids and the model ids behind a provider", () => {
    expect(resolveModel("IMAGE", "auto")).toEqual({ options: {} });
    expect(resolveModel("IMAGE", "dall-e-3")).toEqual({ options: {} });
    expect(resolveModel("VIDEO", "kling")).toEqual({ provider: "kling", options: {} });
    expect(() => resolveModel("IMAGE", "kling")).toThrow(expect.objectContaining({ details: { field: "model" } }));
  });
});

describe("requests as generate input", () => {
  it("maps quality, style, format and n", () => {
    const { input } = imageInput({ prompt: "p", model: "local", quality: "hd", style: "natural", output_format: "jpeg", n: 2 }, headers);
    expect(input).toMatchObject({ type: "IMAGE", provider: "local", input: { text: "p" }, options: { quality: "high", style: "photorealistic", format: "jpeg", numOutputs: 2 } });
    expect(imageInput({ prompt: "p", n: 1 }, headers).input.options).toEqual({});
  });

  it("speaks OpenAI's voice names with the provider's default voice, and passes other names to input.voice", () => {
    const t = speechInput({ model: "auto", input: "hi", voice: "alloy", response_format: "opus" }, headers);
    expect(t.input).toMatchObject({ type: "AUDIO", input: { text: "hi" }, options: { format: "ogg" } });
    expect(t.warnings.join()).toMatch(/alloy/);
    expect(speechInput({ model: "auto", input: "hi", voice: { id: "rachel" } }, headers).input.input).toEqual({ text: "hi", voice: "rachel" });
    expect(() => speechInput({ model: "auto", input: "hi", voice: "x", response_format: "flac" }, headers)).toThrow(/flac/);
  });

  it("reads video seconds, size and an input_reference link, and the priority header", () => {
    const { input } = videoInput(
      { prompt: "p", seconds: "8", size: "1280x720", input_reference: { image_url: "https://example.com/a.png" } },
      new Headers({ "x-doitong-priority": "speed" }),
    );
    expect(input).toMatchObject({
      type: "VIDEO",
      input: { text: "p", image: "https://example.com/a.png" },
      options: { duration: 8, aspectRatio: "16:9", resolution: "720p" },
      priority: "SPEED",
    });
  });
});

describe("errors in OpenAI's shape", () => {
  it.each([
    ["INVALID_INPUT", 400, "invalid_request_error"],
    ["UNAUTHENTICATED", 401, "invalid_request_error"],
    ["NOT_FOUND", 404, "invalid_request_error"],
    ["IDEMPOTENCY_CONFLICT", 409, "invalid_request_error"],
    ["RATE_LIMIT", 429, "requests"],
    ["INSUFFICIENT_CREDITS", 429, "insufficient_quota"],
    ["GENERATION_FAILED", 500, "server_error"],
    ["PROVIDER_UNAVAILABLE", 503, "server_error"],
    ["WAIT_TIMEOUT", 504, "server_error"],
  ] as const)("%s → %i %s", (code, status, type) => {
    const e = openAIError(new AppError(code, "m", { field: "options.aspectRatio" }), { "options.aspectRatio": "size" });
    expect(e.status).toBe(status);
    expect(e.body.error).toMatchObject({ code, type, param: "size", message: "m" });
  });

  it("hides unexpected errors behind a request id", () => {
    const e = openAIError(new Error("secret detail"));
    expect(e.status).toBe(500);
    expect(e.body.error.message).not.toMatch(/secret/);
  });
});
