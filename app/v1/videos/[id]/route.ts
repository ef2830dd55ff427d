import { v1Route } from "@/lib/openai/v1-route";
import { deleteVideo, retrieveVideo } from "@/lib/openai/videos";

type Route = { params: Promise<{ id: string }> };

// GET /v1/videos/{id} — OpenAI's videos.retrieve: status and progress.
export const GET = v1Route({}, async (ctx, route: Route) => retrieveVideo(ctx, (await route.params).id));

// DELETE /v1/videos/{id} — OpenAI's videos.delete: cancels a video still being made.
export const DELETE = v1Route({}, async (ctx, route: Route) => deleteVideo(ctx, (await route.params).id));
