import { readWarnings } from "../generations/generation-json";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { mimeTypeFor } from "../storage";
import { createAndWait } from "./create-and-wait";
import { fileBytes } from "./result-media";
import { parseOrThrow, speechRequest } from "./schemas";
import { speechInput } from "./to-generate-input";
import type { V1Context } from "./v1-route";

/** POST /v1/audio/speech: one generation, waited for, answered with the audio bytes as OpenAI does. */
export async function createSpeech(ctx: V1Context, body: Record<string, unknown>): Promise<Response> {
  const req = parseOrThrow(speechRequest, body);
  const translated = speechInput(req, ctx.request.headers);
  const generation = await createAndWait(ctx, translated);
  const warnings = [...translated.warnings, ...readWarnings(generation)];
  const [file] = await listGenerationOutputs(generation);
  const bytes = await fileBytes(file, Number.MAX_SAFE_INTEGER);
  const type = mimeTypeFor(file.storageKey);
  return new Response(new Uint8Array(bytes!), {
    headers: { "content-type": type, "content-length": String(bytes!.length), "x-doitong-generation-id": generation.id, "x-doitong-warnings": asciiJson(warnings) },
  });
}

/** The body is the audio, so what was adjusted travels in a header: JSON, escaped to ASCII as headers must be. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
