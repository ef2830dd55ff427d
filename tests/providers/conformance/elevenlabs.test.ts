import { ElevenLabs, ElevenLabsClient, ElevenLabsError } from "@elevenlabs/elevenlabs-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elevenLabsAdapter } from "@/lib/providers/elevenlabs/adapter";
import { ELEVENLABS_MODELS, PREMADE_VOICES } from "@/lib/providers/elevenlabs/transform";
import { ffprobeBytes } from "../../helpers/media";
import { startVendorFake, type VendorHarness } from "../../helpers/vendor";

/*
 * ElevenLabs' own SDK (`@elevenlabs/elevenlabs-js` 2.73.0, unchanged) against our ElevenLabs fake through its
 * `baseUrl` option: text-to-speech returns the audio stream synchronously; errors are the SDK's own classes.
 */

let vendor: VendorHarness;
let client: ElevenLabsClient;

beforeAll(async () => {
  vendor = await startVendorFake(elevenLabsAdapter);
  client = new ElevenLabsClient({ apiKey: "sandbox-elevenlabs-api-key", baseUrl: vendor.url, maxRetries: 0 });
});
afterAll(() => vendor.close());

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("@elevenlabs/elevenlabs-js against the ElevenLabs fake", () => {
  it.each(Object.values(ELEVENLABS_MODELS).map((m) => m.id))("textToSpeech.convert with %s → playable MP3", async (modelId) => {
    const stream = await client.textToSpeech.convert(PREMADE_VOICES.rachel, {
      text: "Welcome to the future of artificial intelligence",
      modelId,
      outputFormat: "mp3_44100_128",
      voiceSettings: { stability: 0.5, similarityBoost: 0.75, style: 0.6, useSpeakerBoost: true, speed: 1 },
    });
    const sent = vendor.fake.last("POST", `/v1/text-to-speech/${PREMADE_VOICES.rachel}`)!;
    expect(sent.headers["xi-api-key"]).toBe("sandbox-elevenlabs-api-key");
    expect(sent.query.output_format).toBe("mp3_44100_128");
    expect(JSON.parse(sent.body)).toMatchObject({ model_id: modelId, voice_settings: { similarity_boost: 0.75 } });
    const audio = await ffprobeBytes(await bytesOf(stream));
    expect(audio.format).toBe("mp3");
    expect(audio.duration).toBeGreaterThan(1);
  });

  it("raw PCM through the SDK is headerless 16-bit samples", async () => {
    const pcm = await bytesOf(await client.textToSpeech.convert(PREMADE_VOICES.george, { text: "Short test", modelId: "eleven_flash_v2_5", outputFormat: "pcm_24000" }));
    expect(pcm.length % 2).toBe(0);
    expect(pcm.subarray(0, 4).toString("latin1")).not.toBe("RIFF");
  });

  // For text-to-speech the SDK maps only 422 to its own subclass; every other status is its ElevenLabsError.
  it("errors are the SDK's classes: 422 UnprocessableEntityError, 401 and 400 ElevenLabsError with ElevenLabs' detail", async () => {
    const stranger = new ElevenLabsClient({ apiKey: "not-a-key", baseUrl: vendor.url, maxRetries: 0 });
    const unauthorized = await stranger.textToSpeech.convert(PREMADE_VOICES.rachel, { text: "x" }).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(ElevenLabsError);
    expect(unauthorized).toMatchObject({ statusCode: 401, body: { detail: { status: "invalid_api_key" } } });

    const invalid = await client.textToSpeech
      .convert(PREMADE_VOICES.rachel, { text: "x", modelId: "eleven_multilingual_v2", voiceSettings: { stability: 3 } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ElevenLabs.UnprocessableEntityError);

    const voice = await client.textToSpeech.convert("no-such-voice", { text: "x", modelId: "eleven_multilingual_v2" }).catch((e: unknown) => e);
    expect(voice).toBeInstanceOf(ElevenLabsError);
    expect(voice).toMatchObject({ statusCode: 400, body: { detail: { status: "voice_not_found" } } });
  });
});
