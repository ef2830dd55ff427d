import { Readable } from "node:stream";
import { requireKeyScope } from "../auth/key-scopes";
import { AppError, invalidInput, notFound } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { cancelGeneration } from "../generations/cancel-generation";
import { createGeneration } from "../generations/create-generation";
import { getGenerationOrThrow, isFinal } from "../generations/get-generation";
import { readAppliedOptions, readInput, readWarnings } from "../generations/generation-json";
import { listGenerations } from "../generations/list-generations";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { mediaDeleted } from "../limits/retention";
import { cursorOf } from "../pagination";
import { findProvider } from "../providers/catalog";
import { chosenModel } from "../providers/lineup";
import { mimeTypeFor } from "../storage";
import { openStream } from "../storage/streams";
import { parseOrThrow, videoCreateRequest } from "./schemas";
import { videoInput } from "./to-generate-input";
import type { V1Context } from "./v1-route";

/** Videos are asynchronous, as in OpenAI's Videos API: create answers `queued`, clients poll retrieve. */

const STATUS = { QUEUED: "queued", PROCESSING: "in_progress", COMPLETED: "completed", FAILED: "failed", CANCELLED: "failed" } as const;

// POST /v1/videos
export async function createVideo(ctx: V1Context, body: Record<string, unknown>): Promise<Response> {
  const req = parseOrThrow(videoCreateRequest, body);
  const translated = videoInput(req, ctx.request.headers);
  const { generation, replayed } = await createGeneration(ctx.caller, translated.input, { idempotencyKey: ctx.request.headers.get("idempotency-key") ?? undefined });
  if (replayed) ctx.meta.replayed = true;
  return Response.json(videoObject(generation, translated.warnings));
}

// GET /v1/videos/{id}
export async function retrieveVideo(ctx: V1Context, id: string): Promise<Response> {
  requireKeyScope(ctx.caller, "read");
  return Response.json(videoObject(await videoOrThrow(ctx, id)));
}

// GET /v1/videos?limit=&after=&order=desc — newest first (the only order kept in an index).
export async function listVideos(ctx: V1Context): Promise<Response> {
  requireKeyScope(ctx.caller, "read");
  const query = new URL(ctx.request.url).searchParams;
  if (query.get("order") === "asc") throw invalidInput("order", "Videos are listed newest first only (order=desc)");
  const limit = query.has("limit") ? Number(query.get("limit")) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput("limit", "limit must be between 1 and 100");
  const afterId = query.get("after");
  const after = afterId ? cursorOf(await videoOrThrow(ctx, afterId)) : undefined;
  const page = await listGenerations(ctx.caller, { type: "VIDEO", first: limit, after });
  const data = page.nodes.map((g) => videoObject(g));
  return Response.json({ object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: page.hasNextPage });
}

/**
 * DELETE /v1/videos/{id}: a video still being made is cancelled (nothing charged, as cancelGeneration does);
 * a finished one is kept in the account's history, so `deleted` is false — its file expires with the account's
 * retention, and the generation record stays for billing.
 */
export async function deleteVideo(ctx: V1Context, id: string): Promise<Response> {
  const generation = await videoOrThrow(ctx, id);
  const deleted = isFinal(generation.status) ? false : await cancelGeneration(ctx.caller, id);
  return Response.json({ id, object: "video.deleted", deleted });
}

// GET /v1/videos/{id}/content — the MP4 itself (variant=video; thumbnails and spritesheets are not made).
export async function videoContent(ctx: V1Context, id: string): Promise<Response> {
  requireKeyScope(ctx.caller, "read");
  const variant = new URL(ctx.request.url).searchParams.get("variant") ?? "video";
  if (variant !== "video") throw invalidInput("variant", `variant ${variant} is not made here: only video`);
  const generation = await videoOrThrow(ctx, id);
  const [file] = await listGenerationOutputs(generation);
  // Completed but without files: its retention ran out, or it was deleted.
  if (!file && mediaDeleted(generation)) throw notFound("Video content", id);
  if (!file) throw new AppError("INVALID_INPUT", `Video ${id} is ${STATUS[generation.status]}: its content exists once it is completed`, { field: "id", generationId: id });
  const stream = await openStream(file.storageKey);
  if (!stream) throw notFound("Video content", id);
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers: { "content-type": mimeTypeFor(file.storageKey) } });
}

async function videoOrThrow(ctx: V1Context, id: string): Promise<Generation> {
  const generation = await getGenerationOrThrow(ctx.caller, id);
  // Other kinds of generation are not videos to this API (GraphQL shows them all).
  if (generation.type !== "VIDEO") throw notFound("Video", id);
  return generation;
}

function videoObject(g: Generation, extraWarnings: string[] = []) {
  const applied = readAppliedOptions(g);
  const spec = findProvider(g.provider)?.models.VIDEO;
  return {
    id: g.id,
    object: "video" as const,
    // The model id the client can send back (`model`): the lineup's choice, or the provider's own id.
    model: spec?.lineup.option ? chosenModel(spec, applied).id : g.provider,
    status: STATUS[g.status],
    progress: g.status === "COMPLETED" ? 100 : g.progress,
    created_at: seconds(g.createdAt),
    completed_at: g.completedAt ? seconds(g.completedAt) : null,
    expires_at: null,
    prompt: readInput(g).text || null,
    seconds: typeof applied.duration === "number" || typeof applied.duration === "string" ? String(applied.duration) : "",
    size: sizeOf(applied),
    remixed_from_video_id: null,
    error:
      g.status === "FAILED" || g.status === "CANCELLED" ? { code: g.errorCode ?? "GENERATION_FAILED", message: g.errorMessage ?? `Generation ${g.status.toLowerCase()}` } : null,
    warnings: [...extraWarnings, ...readWarnings(g)],
  };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** WIDTHxHEIGHT from the applied aspect ratio and resolution (short side), as OpenAI reports `size`. */
function sizeOf(applied: Record<string, unknown>): string {
  const short = typeof applied.resolution === "string" ? ({ "480p": 480, "720p": 720, "1080p": 1080, "4k": 2160 }[applied.resolution] ?? 720) : 720;
  const [w, h] = (typeof applied.aspectRatio === "string" ? applied.aspectRatio : "16:9").split(":").map(Number);
  if (!w || !h) return "";
  const even = (n: number) => Math.round(n / 2) * 2;
  return w >= h ? `${even((short * w) / h)}x${short}` : `${short}x${even((short * h) / w)}`;
}
