import { AppError } from "../errors";
import { resultFiles } from "../generations/result-files";
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
  const generation = await createAndWait(ctx, translated).catch((error: unknown) => {
    const fallback = translated.fallback;
    // Refused before anything was stored or charged (validation), so trying the fallback cannot pay twice.
    if (fallback && error instanceof AppError && error.code === "INVALID_INPUT" && error.details.field === fallback.field) return createAndWait(ctx, fallback.translated);
    throw error;
  });
  const [file] = await resultFiles(generation);
  const bytes = await fileBytes(file, Number.MAX_SAFE_INTEGER);
  const type = mimeTypeFor(file.storageKey);
  return new Response(new Uint8Array(bytes!), {
    headers: { "content-type": type, "content-length": String(bytes!.length), "x-doitong-generation-id": generation.id },
  });
}
