import { readBody } from "@/lib/openai/read-body";
import { VIDEO_PARAMS } from "@/lib/openai/to-generate-input";
import { v1Route } from "@/lib/openai/v1-route";
import { createVideo, listVideos } from "@/lib/openai/videos";

// POST /v1/videos — OpenAI's videos.create (multipart or JSON); answers at once with the queued video.
export const POST = v1Route(VIDEO_PARAMS, async (ctx) => createVideo(ctx, await readBody(ctx.request)));

// GET /v1/videos — OpenAI's videos.list, newest first.
export const GET = v1Route({}, (ctx) => listVideos(ctx));
