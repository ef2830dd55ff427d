import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runProcess } from "@/lib/media/run-process";
import { FakeApp, type FakeReply } from "../sandbox/fake-app";
import { renderPreview } from "../sandbox/preview-media";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { ELEVENLABS_STOCK_VOICES } from "./stock";
import { ELEVENLABS_MODELS, type ElevenLabsSpeechRequest, PREMADE_VOICES } from "./transform";

/** Keys the fake knows: a working account, and one whose character quota is used up. */
const ACCOUNTS: Record<string, { quota: number }> = {
  "sandbox-elevenlabs-api-key": { quota: 10_000_000 },
  "sandbox-elevenlabs-exhausted": { quota: 0 },
};
const VOICE_IDS = new Set(Object.values(PREMADE_VOICES));
const MODELS = new Map<string, number>(Object.values(ELEVENLABS_MODELS).map((m) => [m.id, m.maxChars]));
const LANGUAGE_MODELS = new Set<string>(
  Object.values(ELEVENLABS_MODELS)
    .filter((m) => m.languageCode)
    .map((m) => m.id),
);
const PCM_RATES = new Set(["8000", "16000", "22050", "24000", "44100", "48000"]);

const detail = (status: number, code: string, message: string, headers?: Record<string, string>): FakeReply => ({
  status,
  json: { detail: { status: code, message } },
  headers,
});

/**
 * ElevenLabs' text-to-speech endpoint: `xi-api-key`, the voice in the path, `output_format` in the query, binary
 * audio back (MP3, or raw 16-bit PCM with no header), `{detail:{status,message}}` errors and FastAPI 422s.
 */
export function createElevenLabsFake(): FakeApp {
  const app = new FakeApp("ElevenLabs");
  const firstTime = new FirstTime();

  // `GET /v1/voices`: the premade voices with ElevenLabs' labels (accent, age, gender, use_case).
  app.route("GET", "/v1/voices", (req) => {
    if (!ACCOUNTS[String(req.headers["xi-api-key"] ?? "")]) return detail(401, "invalid_api_key", "Invalid API key");
    const voices = ELEVENLABS_STOCK_VOICES.stock.map((v) => ({
      voice_id: v.id,
      name: v.name,
      category: "premade",
      labels: { gender: v.gender, accent: v.language === "en-GB" ? "british" : v.language === "en-AU" ? "australian" : "american", description: v.traits[0] ?? null },
      preview_url: null,
    }));
    return { json: { voices } };
  });

  app.route("POST", "/v1/text-to-speech/:voiceId", async (req) => {
    const account = ACCOUNTS[String(req.headers["xi-api-key"] ?? "")];
    if (!account) return detail(401, "invalid_api_key", "Invalid API key");
    const body = req.json<ElevenLabsSpeechRequest["body"]>();
    const text = typeof body.text === "string" ? body.text : "";
    const scenario = scenarioOf(text);
    if (scenario === "rate_limit") {
      return detail(429, "too_many_concurrent_requests", "Your current subscription allows 3 concurrent requests; please wait for one to finish.");
    }
    if (scenario === "rate_limit_once" && firstTime.check(text)) {
      return detail(429, "system_busy", "Our services are experiencing high levels of traffic, please try again later.");
    }
    if (scenario === "outage") return { status: 503, body: "upstream connect error or disconnect/reset before headers", headers: { "content-type": "text/plain" } };
    if (scenario === "malformed") return { status: 200, body: "<html><body>Bad gateway</body></html>", headers: { "content-type": "text/html" } };

    const invalid = validate(body, req.query.get("output_format"));
    if (invalid) return invalid;
    if (scenario === "invalid") return unprocessable(["body", "voice_settings", "stability"], "Input should be less than or equal to 1");
    if (!VOICE_IDS.has(req.params.voiceId)) return detail(400, "voice_not_found", `A voice with voice_id ${req.params.voiceId} was not found.`);
    const maxChars = MODELS.get(body.model_id) as number;
    if (text.length > maxChars) {
      return detail(400, "max_character_limit_exceeded", `Text is ${text.length} characters; ${body.model_id} accepts at most ${maxChars} per request.`);
    }
    if (text.length > account.quota) {
      return detail(
        401,
        "quota_exceeded",
        `This request exceeds your quota of ${account.quota}. You have ${account.quota} credits remaining, while ${text.length} credits are required for this request.`,
      );
    }
    if (scenario === "moderation") return detail(400, "content_against_policy", "This text violates our Terms of Service and cannot be voiced.");
    if (scenario === "fail") return { status: 200, body: Buffer.alloc(0), headers: { "content-type": "audio/mpeg" } };
    if (scenario === "timeout") {
      // The request hangs, as a stuck synthesis does; the client gives up first.
      await new Promise((resolve) => setTimeout(resolve, 120_000).unref());
      return { status: 504, body: "" };
    }
    const format = String(req.query.get("output_format") ?? "mp3_44100_128");
    return format.startsWith("pcm_")
      ? { status: 200, body: await pcmSpeech(text, Number(format.slice(4))), headers: { "content-type": "application/octet-stream" } }
      : { status: 200, body: (await renderPreview({ kind: "audio", prompt: text, format: "mp3", seed: body.seed })).bytes, headers: { "content-type": "audio/mpeg" } };
  });

  return app;
}

function unprocessable(loc: string[], msg: string): FakeReply {
  return { status: 422, json: { detail: [{ type: "value_error", loc, msg, input: null }] } };
}

/** What the real API validates before synthesising. */
function validate(body: ElevenLabsSpeechRequest["body"], format: string | null): FakeReply | undefined {
  if (typeof body.text !== "string" || !body.text.trim()) return unprocessable(["body", "text"], "Field required");
  if (!MODELS.has(body.model_id)) return detail(400, "model_not_found", `A model with model ID ${body.model_id} does not exist.`);
  if (format !== null && !/^mp3_(22050|24000|44100)_(32|64|96|128|192)$/.test(format) && !(format.startsWith("pcm_") && PCM_RATES.has(format.slice(4)))) {
    return unprocessable(["query", "output_format"], `Invalid output format ${format}`);
  }
  if (body.language_code !== undefined && !LANGUAGE_MODELS.has(body.model_id)) {
    return detail(400, "unsupported_language", `Model '${body.model_id}' does not support the language_code parameter.`);
  }
  const settings = body.voice_settings ?? {};
  if (body.model_id === "eleven_v3" && settings.stability !== undefined && ![0, 0.5, 1].includes(settings.stability)) {
    return detail(400, "invalid_voice_settings", "Eleven v3 accepts stability 0.0 (Creative), 0.5 (Natural) or 1.0 (Robust) only.");
  }
  for (const key of ["stability", "similarity_boost", "style"] as const) {
    const value = settings[key];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= 1)) return unprocessable(["body", "voice_settings", key], "Input should be between 0 and 1");
  }
  if (settings.speed !== undefined && !(settings.speed >= 0.7 && settings.speed <= 1.2)) {
    return unprocessable(["body", "voice_settings", "speed"], "Input should be between 0.7 and 1.2");
  }
  if (body.seed !== undefined && !(Number.isInteger(body.seed) && body.seed >= 0 && body.seed <= 4_294_967_295)) {
    return unprocessable(["body", "seed"], "Input should be an integer between 0 and 4294967295");
  }
  return undefined;
}

/** Raw 16-bit little-endian mono samples at `rate`, with no header: what ElevenLabs sends for `pcm_*`. */
async function pcmSpeech(text: string, rate: number): Promise<Buffer> {
  const wav = await renderPreview({ kind: "audio", prompt: text, format: "wav" });
  const dir = await mkdtemp(path.join(tmpdir(), "elevenlabs-fake-"));
  try {
    await writeFile(path.join(dir, "in.wav"), wav.bytes);
    const out = path.join(dir, "out.pcm");
    await runProcess("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", path.join(dir, "in.wav"), "-ac", "1", "-ar", String(rate), "-f", "s16le", out], { timeoutMs: 60_000 });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
