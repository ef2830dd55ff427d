import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runProcess } from "../../media/run-process";
import { addGoogleTokenEndpoint, errorInfo, googleAuthFailure, googleErrorReply, refusalFor } from "../google/fake-google";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { renderPreview } from "../sandbox/preview-media";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { GOOGLE_TTS_STOCK_VOICES } from "./stock";
import { MAX_INPUT_BYTES, type SynthesizeRequest } from "./transform";

const SERVICE = "texttospeech.googleapis.com";
/** AudioEncoding by name and number: proto3 JSON takes either, and Google's own client sends numbers ($alt=json;enum-encoding=int). */
const ENCODINGS: Record<string, string> = { 1: "LINEAR16", 2: "MP3", 3: "OGG_OPUS", 5: "MULAW", 6: "ALAW", 7: "PCM", 8: "M4A" };
const encodingName = (value: unknown) => (Object.values(ENCODINGS).includes(String(value)) ? String(value) : ENCODINGS[String(value)]);

/**
 * Cloud Text-to-Speech `POST /v1/text:synthesize` (tests/fixtures/vendors/google-tts/cloud_tts.proto): an API key
 * (`?key=` or `x-goog-api-key`) or an OAuth bearer, enums by name or number,
 * synchronous base64 audio in the requested encoding (LINEAR16 with a WAV header, as Google sends it), Google's
 * error shape including the 5,000-byte input limit, and the OAuth token endpoint.
 */
export function createGoogleTtsFake(): FakeApp {
  const app = new FakeApp("Google Text-to-Speech");
  const firstTime = new FirstTime();
  addGoogleTokenEndpoint(app);

  // `GET /v1/voices[?languageCode=]`: Google's Voice objects for the voices our catalog lists.
  app.route("GET", "/v1/voices", (req) => {
    const denied = googleAuthFailure(req, SERVICE, { apiKey: true, bearer: true });
    if (denied) return denied;
    const wanted = req.query.get("languageCode")?.toLowerCase();
    const voices = GOOGLE_TTS_STOCK_VOICES.stock
      .filter((v) => !wanted || v.language.toLowerCase().startsWith(wanted))
      .map((v) => ({ languageCodes: [v.language], name: v.id, ssmlGender: v.gender.toUpperCase(), naturalSampleRateHertz: 24000 }));
    return { json: { voices } };
  });

  app.route("POST", "/v1/text:synthesize", async (req) => {
    const denied = googleAuthFailure(req, SERVICE, { apiKey: true, bearer: true });
    if (denied) return denied;
    const body = req.json<SynthesizeRequest>();
    const source = body.input && ("ssml" in body.input ? body.input.ssml : body.input.text);
    const scenario = scenarioOf(source);
    const rateLimited = googleErrorReply(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service '${SERVICE}' for consumer 'project_number:100000000000'.`,
      [errorInfo("RATE_LIMIT_EXCEEDED", SERVICE)],
    );
    const refusal = refusalFor(scenario, firstTime.check(String(source)), rateLimited) ?? invalidRequest(body);
    if (refusal) return refusal;
    if (scenario === "fail") return googleErrorReply(500, "INTERNAL", "Internal error encountered.");
    if (scenario === "timeout") return googleErrorReply(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
    const spoken = "ssml" in body.input ? plainText(body.input.ssml) : body.input.text;
    const encoding = encodingName(body.audioConfig.audioEncoding);
    const preview = await renderPreview({ kind: "audio", prompt: spoken, format: encoding === "MP3" ? "mp3" : "wav" });
    const audio = encoding === "OGG_OPUS" ? await toOggOpus(preview.bytes) : preview.bytes;
    return { json: { audioContent: audio.toString("base64") } };
  });

  return app;
}

/** The checks Cloud TTS makes before synthesizing, in its words. */
function invalidRequest(body: SynthesizeRequest): FakeReply | undefined {
  const bad = (message: string) => googleErrorReply(400, "INVALID_ARGUMENT", message);
  const input = (body.input ?? {}) as { text?: string; ssml?: string };
  if ((input.text === undefined) === (input.ssml === undefined)) return bad("Either `input.text` or `input.ssml` needs to be set, but not both.");
  const source = input.ssml ?? input.text ?? "";
  if (Buffer.byteLength(source, "utf8") > MAX_INPUT_BYTES) {
    return bad(
      "Either `input.text` or `input.ssml` is longer than the limit of 5000 bytes. This limit is different from quotas. To fix, reduce the byte length of the characters in this request, or consider using the Long Audio API: https://cloud.google.com/text-to-speech/docs/create-audio-text-long-audio-synthesis.",
    );
  }
  if (input.ssml !== undefined && !/^\s*<speak[\s>][\s\S]*<\/speak>\s*$/.test(input.ssml)) return bad("Invalid SSML: the document must be a <speak> element.");
  const { name, languageCode } = body.voice ?? {};
  const language = /^([a-z]{2,3}-[A-Z]{2})-/.exec(name ?? "")?.[1];
  if (!name || !language) return bad(`Voice '${name ?? ""}' does not exist. Is it misspelled?`);
  if (!languageCode || languageCode.toLowerCase() !== language.toLowerCase()) {
    return bad(
      `Requested language code '${languageCode ?? ""}' doesn't match the voice '${name}''s language code '${language.toLowerCase()}'. Either remove the language code or change the voice.`,
    );
  }
  const config = body.audioConfig ?? ({} as SynthesizeRequest["audioConfig"]);
  if (!encodingName(config.audioEncoding)) return bad("audioConfig.audioEncoding must be specified.");
  if (config.speakingRate !== undefined && (config.speakingRate < 0.25 || config.speakingRate > 4)) return bad("speaking_rate must be between 0.25 and 4.0.");
  if (config.pitch !== undefined && (config.pitch < -20 || config.pitch > 20)) return bad("pitch must be between -20.0 and 20.0.");
  if (config.volumeGainDb !== undefined && (config.volumeGainDb < -96 || config.volumeGainDb > 16)) return bad("volume_gain_db must be between -96.0 and 16.0.");
  return undefined;
}

/** What an SSML document says aloud: tags dropped, entities decoded. */
function plainText(ssml: string): string {
  const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return ssml
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e])
    .replace(/\s+/g, " ")
    .trim();
}

async function toOggOpus(wav: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "doitong-tts-fake-"));
  try {
    await writeFile(path.join(dir, "in.wav"), wav);
    await runProcess(
      "ffmpeg",
      ["-nostdin", "-hide_banner", "-v", "error", "-y", "-i", path.join(dir, "in.wav"), "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", path.join(dir, "out.ogg")],
      {
        timeoutMs: 60_000,
      },
    );
    return await readFile(path.join(dir, "out.ogg"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
