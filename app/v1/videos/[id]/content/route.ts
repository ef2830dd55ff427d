import { v1Route } from "@/lib/openai/v1-route";
import { videoContent } from "@/lib/openai/videos";

// GET /v1/videos/{id}/content — OpenAI's videos.downloadContent: the MP4.
export const GET = v1Route({}, async (ctx, route: { params: Promise<{ id: string }> }) => videoContent(ctx, (await route.params).id));
