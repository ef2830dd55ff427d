import { createImages } from "@/lib/openai/images";
import { readBody } from "@/lib/openai/read-body";
import { IMAGE_PARAMS } from "@/lib/openai/to-generate-input";
import { v1Route } from "@/lib/openai/v1-route";

// POST /v1/images/generations — OpenAI's images.generate; waits for the result.
export const POST = v1Route(IMAGE_PARAMS, async (ctx) => createImages(ctx, await readBody(ctx.request), "generation"));
