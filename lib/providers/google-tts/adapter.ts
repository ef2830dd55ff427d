import { invalidInput } from "../../errors";
import { writeResult } from "../http/follow-task";
import { ProviderError } from "../http/provider-error";
import { vendorRequest } from "../http/vendor-request";
import type { ProviderAdapter } from "../types";
import { GOOGLE_TTS_API, googleTtsAuth } from "./client";
import { createGoogleTtsFake } from "./fake";
import { FORMATS, MAX_INPUT_BYTES, formatOf, inputBytes, toSynthesizeRequest } from "./transform";

/**
 * Cloud Text-to-Speech v1, `POST /v1/text:synthesize`: synchronous, the audio comes back as base64. No tasks,
 * callbacks or cancel. Follows `cloud_tts.proto` as published in `@google-cloud/text-to-speech@7.1.0` (copied to
 * tests/fixtures/vendors/google-tts/), checked 2026-12-05; tests/providers/conformance/google-tts.test.ts checks our
 * requests against it and runs that client against our fake.
 */
export const googleTtsAdapter: ProviderAdapter = {
  id: "google-tts",
  defaultBaseUrl: GOOGLE_TTS_API,
  baseUrlEnv: "GOOGLE_TTS_BASE_URL",

  async submit(job, ctx) {
    const body = toSynthesizeRequest(job);
    // The catalog's reconcile refuses this before any credits are reserved; this guards jobs planned elsewhere.
    if (inputBytes(body.input) > MAX_INPUT_BYTES) throw invalidInput("input.text", `Google Text-to-Speech takes at most ${MAX_INPUT_BYTES} bytes per request`);
    const { client, query } = googleTtsAuth(ctx.vendor, ctx.signal);
    const res = await vendorRequest(client, { path: "/v1/text:synthesize", query, json: body, signal: ctx.signal });
    const audio = Buffer.from(res.json<{ audioContent?: string }>().audioContent ?? "", "base64");
    if (audio.length === 0) throw new ProviderError("GENERATION_FAILED", "Google Text-to-Speech returned no audio", { provider: "google-tts", accepted: true });
    return { kind: "done", value: { file: await writeResult(ctx, `speech.${FORMATS[formatOf(job.options)].ext}`, audio) } };
  },

  createFake: createGoogleTtsFake,
};
