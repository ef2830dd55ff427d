import { openApiDocument } from "@/lib/openai/openapi";
import { publicBaseUrl } from "@/lib/net/client-address";

// GET /v1/openapi.json — the /v1 API described from its own zod schemas; public, like the GraphQL schema.
export function GET(request: Request) {
  return Response.json(openApiDocument(`${publicBaseUrl(request)}/v1`));
}
