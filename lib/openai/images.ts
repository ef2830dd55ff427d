import { AppError } from "../errors";
import { readAppliedOptions, readWarnings } from "../generations/generation-json";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { createAndWait } from "./create-and-wait";
import { fileBytes, fileUrl } from "./result-media";
import { imageEditRequest, imageGenerationRequest, parseOrThrow } from "./schemas";
import { imageInput } from "./to-generate-input";
import type { V1Context } from "./v1-route";

/**
 * POST /v1/images/generations and /v1/images/edits: one generation, waited for, answered as OpenAI's
 * ImagesResponse — a signed link per image, or the bytes as base64 with response_format b64_json.
 */
export async function createImages(ctx: V1Context, body: Record<string, unknown>, kind: "generation" | "edit"): Promise<Response> {
  const req = kind === "edit" ? parseOrThrow(imageEditRequest, body) : parseOrThrow(imageGenerationRequest, body);
  const translated = imageInput(req, ctx.request.headers);
  const generation = await createAndWait(ctx, translated);
  const data = await Promise.all(
    (await listGenerationOutputs(generation)).map(async (file) => {
      if (req.response_format !== "b64_json") return { url: fileUrl(file, ctx.baseUrl) };
      const bytes = await fileBytes(file);
      if (!bytes)
        throw new AppError("PAYLOAD_TOO_LARGE", `Image of generation ${generation.id} is too large to send inline: ask for response_format url`, {
          field: "response_format",
          generationId: generation.id,
        });
      return { b64_json: bytes.toString("base64") };
    }),
  );
  const applied = readAppliedOptions(generation);
  return Response.json({
    created: Math.floor(generation.createdAt.getTime() / 1000),
    data,
    ...(typeof applied.format === "string" ? { output_format: applied.format } : {}),
    ...(req.size ? { size: req.size } : {}),
    generation_id: generation.id,
    warnings: [...translated.warnings, ...readWarnings(generation)],
  });
}
