import { listModels } from "@/lib/openai/models";
import { v1Route } from "@/lib/openai/v1-route";

// GET /v1/models — what `model` accepts: auto, provider ids and model ids.
export const GET = v1Route({}, (ctx) => listModels(ctx));
