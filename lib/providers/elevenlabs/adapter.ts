import { withJobLimit, writeResult } from "../http/follow-task";
import { sniff } from "../http/load-input";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import { invalidInput } from "../../errors";
import type { ProviderAdapter } from "../types";
import { ELEVENLABS_API, elevenLabsClient } from "./client";
import { createElevenLabsFake } from "./fake";
import { charactersOverLimit, ELEVENLABS_MODELS, elevenLabsModel, pcmToWav, toElevenLabsRequest } from "./transform";

/*
 * ElevenLabs API v1 (https://api.elevenlabs.io): `POST /v1/text-to-speech/{voice_id}?output_format=…` with `xi-api-key`,
 * as the official SDK `@elevenlabs/elevenlabs-js` 2.73.0 sends it (tests/providers/conformance/elevenlabs.test.ts runs
 * that SDK against our fake). Checked 2026-12-05.
 */

/** Even 40k characters of Flash come back well within this; a request still open after it has hung. */
const MAX_WAIT_MS = 180_000;
const MIN_WAIT_MS = 2_000;

/** Synchronous text-to-speech: one request, the audio in the answer. */
export const elevenLabsAdapter: ProviderAdapter = {
  id: "elevenlabs",
  defaultBaseUrl: ELEVENLABS_API,
  baseUrlEnv: "ELEVENLABS_BASE_URL",

  async submit(job, ctx) {
    const over = charactersOverLimit(job.text, job.options);
    if (over > 0) {
      const name = elevenLabsModel(job.options);
      throw invalidInput("input.text", `ElevenLabs ${name} takes at most ${ELEVENLABS_MODELS[name].maxChars} characters per request; this text is ${over} over`);
    }
    const request = toElevenLabsRequest(job);
    const wav = request.query.output_format.startsWith("pcm_");
    return withJobLimit({ provider: "elevenlabs", vendorName: "ElevenLabs", ctx, nominalMs: MAX_WAIT_MS, minMs: MIN_WAIT_MS }, async (signal, limitMs) => {
      const res = await vendorRequest(elevenLabsClient(ctx.vendor), {
        path: `/v1/text-to-speech/${encodeURIComponent(request.voiceId)}`,
        query: request.query,
        json: request.body,
        headers: { accept: wav ? "application/octet-stream" : "audio/mpeg" },
        signal,
        timeoutMs: limitMs + 1_000,
      });
      const audio = checkedAudio(res.bytes, res.headers.get("content-type"), wav);
      return { kind: "done", value: { file: await writeResult(ctx, wav ? "speech.wav" : "speech.mp3", wav ? pcmToWav(audio) : audio) } };
    });
  },

  createFake: createElevenLabsFake,
};

/** A 200 is only a success when it carries audio: an empty body is a failed synthesis, HTML/JSON a broken upstream. */
function checkedAudio(bytes: Buffer, contentType: string | null, pcm: boolean): Buffer {
  if (bytes.length === 0) {
    throw new ProviderError("GENERATION_FAILED", "ElevenLabs returned no audio for this text", { provider: "elevenlabs", accepted: true });
  }
  const textual = /json|html|text\//i.test(contentType ?? "");
  const valid = pcm ? !textual && bytes.length % 2 === 0 : sniff(bytes) === "audio/mpeg";
  if (!valid) {
    throw new ProviderError("PROVIDER_UNAVAILABLE", `ElevenLabs sent a malformed response (${contentType ?? "no content type"}, not ${pcm ? "PCM" : "MP3"} audio)`, {
      provider: "elevenlabs",
      accepted: true,
    });
  }
  return bytes;
}
