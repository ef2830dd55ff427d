import fs from "node:fs";
import { TextToSpeechClient } from "@google-cloud/text-to-speech";
import { protobuf } from "google-gax";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { googleCheck } from "@/lib/providers/google/errors";
import { googleTtsAdapter } from "@/lib/providers/google-tts/adapter";
import { toSynthesizeRequest } from "@/lib/providers/google-tts/transform";
import type { VendorResponse } from "@/lib/providers/http/vendor-request";
import { ffprobeBytes } from "../../helpers/media";
import { startVendorFake, testJob, type VendorHarness } from "../../helpers/vendor";

// Cloud Text-to-Speech v1 has no OpenAPI file; its contract is the proto Google publishes in its own client
// (tests/fixtures/vendors/google-tts/SOURCE.md). REST JSON is that proto's JSON mapping, so our requests must be
// SynthesizeSpeechRequest messages field for field, and the official client must work against our fake.
const FIXTURES = "tests/fixtures/vendors/google-tts";
const root = protobuf.parse(fs.readFileSync(`${FIXTURES}/cloud_tts.proto`, "utf8"), { keepCase: false }).root;
root.resolveAll();
const SynthesizeSpeechRequest = root.lookupType("google.cloud.texttospeech.v1.SynthesizeSpeechRequest");

/** What protobuf says is wrong with a JSON message: unknown or mistyped fields, missing REQUIRED ones, two members of a oneof. */
function protoProblems(type: protobuf.Type, json: Record<string, unknown>, at = ""): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key];
    if (!field) problems.push(`${at}${key}: no such field in ${type.name}`);
    else if (field.resolvedType instanceof protobuf.Type && value && typeof value === "object")
      problems.push(...protoProblems(field.resolvedType, value as Record<string, unknown>, `${at}${key}.`));
  }
  for (const field of type.fieldsArray) {
    if (field.options?.["(google.api.field_behavior)"] === "REQUIRED" && json[field.name] === undefined) problems.push(`${at}${field.name}: required`);
  }
  for (const oneof of type.oneofsArray.filter((o) => !o.name.startsWith("_"))) {
    const set = oneof.oneof.filter((name) => json[name] !== undefined);
    if (set.length > 1) problems.push(`${at}${set.join(" and ")}: only one of ${oneof.name}`);
  }
  // Types: what protobuf reads back must be what we sent (a "1.5" string for a double would come back a number).
  if (!at) {
    const roundTrip = type.toObject(type.fromObject(json), { enums: String, longs: Number, bytes: String });
    if (JSON.stringify(sortKeys(roundTrip)) !== JSON.stringify(sortKeys(json))) problems.push(`round trip differs: ${JSON.stringify(roundTrip)}`);
  }
  return problems;
}

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, sortKeys(x)]),
        )
      : v;

const defaults = { voice: "en-US-Wavenet-D", speed: 1, pitch: 0, volume: 0, emotion: "neutral", format: "mp3" };

describe("our Cloud TTS requests against Google's proto", () => {
  it.each([
    ["plain text, MP3", "Hello there", {}],
    ["SSML with an emotion, WAV", '<speak>Hi <break time="1s"/></speak>', { emotion: "excited", format: "wav" }],
    ["a Chirp 3 HD voice, Ogg Opus", "Hallo", { voice: "de-DE-Chirp3-HD-Charon", format: "ogg" }],
    ["a Neural2 voice with rate, pitch and gain", "Bonjour", { voice: "fr-FR-Neural2-A", speed: 1.5, pitch: -3, volume: 4 }],
  ])("%s is a valid SynthesizeSpeechRequest", (_, text, options) => {
    const request = toSynthesizeRequest(testJob("AUDIO", text, { ...defaults, ...options }));
    expect(protoProblems(SynthesizeSpeechRequest, request as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("the checker itself catches what Google would refuse", () => {
    expect(
      protoProblems(SynthesizeSpeechRequest, {
        input: { text: "a", ssml: "<speak/>" },
        voice: { languageCode: "en-US", gender: "MALE" },
        audioConfig: { audioEncoding: "MP3", speakingRate: "1.5" },
      }),
    ).toEqual(["input.text and ssml: only one of inputSource", "voice.gender: no such field in VoiceSelectionParams", expect.stringContaining("round trip differs")]);
    expect(protoProblems(SynthesizeSpeechRequest, { input: { text: "a" }, voice: { languageCode: "en-US" } })).toEqual(["audioConfig: required"]);
  });

  it("Google's documented error body maps to our error table (a bad key is the server's problem, not the client's)", () => {
    const text = fs.readFileSync(`${FIXTURES}/error-api-key-invalid.json`, "utf8");
    const response: VendorResponse = { ok: false, status: 400, headers: new Headers(), text: () => text, json: <T>() => JSON.parse(text) as T } as VendorResponse;
    expect(googleCheck("google-tts", "Google Text-to-Speech")(response)).toMatchObject({
      code: "PROVIDER_UNAVAILABLE",
      retryable: false,
      details: expect.objectContaining({ vendorCode: "API_KEY_INVALID", status: 400 }),
      message: expect.stringContaining("API key not valid"),
    });
  });
});

describe("@google-cloud/text-to-speech 7.1.0 (REST transport) against our fake", () => {
  let vendor: VendorHarness;
  let client: TextToSpeechClient;
  beforeAll(async () => {
    vendor = await startVendorFake(googleTtsAdapter);
    const { port } = new URL(vendor.url);
    client = new TextToSpeechClient({ fallback: true, apiEndpoint: "127.0.0.1", port: Number(port), protocol: "http", apiKey: "AIzaSyConformanceTest" });
  });
  afterAll(async () => {
    await client?.close();
    await vendor?.close();
  });

  it("synthesizeSpeech returns real audio bytes", async () => {
    const [response] = await client.synthesizeSpeech({
      input: { text: "Hello from the official client" },
      voice: { languageCode: "en-GB", name: "en-GB-Neural2-A" },
      audioConfig: { audioEncoding: "MP3", speakingRate: 1.25 },
    });
    const audio = Buffer.from(response.audioContent as Uint8Array);
    expect((await ffprobeBytes(audio)).format).toBe("mp3");
    expect(vendor.fake.last("POST", "/v1/text:synthesize")!.headers["x-goog-api-key"]).toBe("AIzaSyConformanceTest");
  });

  it("a refusal parses into the client's GoogleError with the gRPC code", async () => {
    const error = await client.synthesizeSpeech({ input: { text: "x" }, voice: { languageCode: "en-US", name: "en-US-Nobody" }, audioConfig: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, message: expect.stringContaining("audioEncoding") }); // 3 = INVALID_ARGUMENT
    expect((error as Error).constructor.name).toBe("GoogleError");
  });
});
