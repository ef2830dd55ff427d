import { yoga, type GraphQLEndpoint } from "../graphql/yoga";
import { publicBaseUrl } from "../net/client-address";
import { createImages } from "../openai/images";
import { listModels } from "../openai/models";
import { openApiDocument } from "../openai/openapi";
import { readBody } from "../openai/read-body";
import { createSpeech } from "../openai/speech";
import { IMAGE_PARAMS, SPEECH_PARAMS, VIDEO_PARAMS } from "../openai/to-generate-input";
import { v1Route } from "../openai/v1-route";
import { createVideo, deleteVideo, listVideos, retrieveVideo, videoContent } from "../openai/videos";
import { withRequestId } from "../request-context";

/**
 * Every API endpoint's handlers, defined once. Two ways reach them: the custom server (server.mjs) dispatches these
 * paths before Next's router sees the request (lib/server/serve-node.ts), and the route handlers under app/ export
 * the same functions for hosts that run Next without the custom server (serverless platforms, `next start`).
 */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type IdRoute = { params: Promise<{ id: string }> };
export type RouteHandler = (request: Request, route: IdRoute) => Promise<Response> | Response;

// GET|POST /graphql and /api/graphql — the public GraphQL endpoint (GraphiQL in a browser).
function graphql(endpoint: GraphQLEndpoint) {
  const handler = withRequestId((request: Request) => yoga(endpoint).handleRequest(request, {}));
  return { GET: handler, POST: handler, OPTIONS: handler };
}

// GET|POST|DELETE /mcp — the MCP server (Streamable HTTP, stateless) for agents, with an API key as Bearer.
// Loaded on its first request, in a chunk of its own: the MCP SDK brings ajv and its JSON-schema tooling (~0.3 MB
// of JavaScript), which every server start parsed for an endpoint most servers are never asked for.
const mcp = withRequestId(async (request: Request) => (await import("../mcp/handle-request")).handleMcpRequest(request));

export const apiRoutes = {
  "/graphql": graphql("/graphql"),
  "/api/graphql": graphql("/api/graphql"),
  "/mcp": { GET: mcp, POST: mcp, DELETE: mcp },
  // GET /v1/models — what `model` accepts: auto, provider ids and model ids.
  "/v1/models": { GET: v1Route({}, (ctx) => listModels(ctx)) },
  // GET /v1/openapi.json — the /v1 API described from its own zod schemas; public, like the GraphQL schema.
  "/v1/openapi.json": { GET: (request: Request) => Response.json(openApiDocument(`${publicBaseUrl(request)}/v1`)) },
  "/v1/videos": {
    // POST /v1/videos — OpenAI's videos.create (multipart or JSON); answers at once with the queued video.
    POST: v1Route(VIDEO_PARAMS, async (ctx) => createVideo(ctx, await readBody(ctx.request))),
    // GET /v1/videos — OpenAI's videos.list, newest first.
    GET: v1Route({}, (ctx) => listVideos(ctx)),
  },
  "/v1/videos/[id]": {
    // GET /v1/videos/{id} — OpenAI's videos.retrieve: status and progress.
    GET: v1Route({}, async (ctx, route: IdRoute) => retrieveVideo(ctx, (await route.params).id)),
    // DELETE /v1/videos/{id} — OpenAI's videos.delete: cancels a video still being made.
    DELETE: v1Route({}, async (ctx, route: IdRoute) => deleteVideo(ctx, (await route.params).id)),
  },
  // GET /v1/videos/{id}/content — OpenAI's videos.downloadContent: the MP4.
  "/v1/videos/[id]/content": { GET: v1Route({}, async (ctx, route: IdRoute) => videoContent(ctx, (await route.params).id)) },
  // POST /v1/images/generations — OpenAI's images.generate; waits for the result.
  "/v1/images/generations": { POST: v1Route(IMAGE_PARAMS, async (ctx) => createImages(ctx, await readBody(ctx.request), "generation")) },
  // POST /v1/images/edits — OpenAI's images.edit (multipart: image + prompt); waits for the result.
  "/v1/images/edits": { POST: v1Route(IMAGE_PARAMS, async (ctx) => createImages(ctx, await readBody(ctx.request), "edit")) },
  // POST /v1/audio/speech — OpenAI's audio.speech.create; waits, then answers the audio bytes.
  "/v1/audio/speech": { POST: v1Route(SPEECH_PARAMS, async (ctx) => createSpeech(ctx, await readBody(ctx.request))) },
} satisfies Record<string, Partial<Record<Method, RouteHandler>>>;

export interface MatchedRoute {
  handlers: Partial<Record<Method, RouteHandler>>;
  params: Record<string, string>;
}

const exact = new Map<string, Partial<Record<Method, RouteHandler>>>(Object.entries(apiRoutes).filter(([path]) => !path.includes("[")));
const VIDEO = /^\/v1\/videos\/([^/]+)(\/content)?$/;

/** The handlers for a request path (no query string), or undefined: the request is not an API request. */
export function matchApiRoute(pathname: string): MatchedRoute | undefined {
  const handlers = exact.get(pathname);
  if (handlers) return { handlers, params: {} };
  const video = VIDEO.exec(pathname);
  if (!video) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(video[1]);
  } catch {
    return undefined; // a malformed escape: Next answers it
  }
  return { handlers: video[2] ? apiRoutes["/v1/videos/[id]/content"] : apiRoutes["/v1/videos/[id]"], params: { id } };
}
