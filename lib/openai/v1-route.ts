import type { ApiKeyCaller } from "../auth/caller";
import { authenticateApiRequestOrThrow, noteRetryAfter } from "../auth/authenticate-api-request";
import { type ResponseMeta, rateLimitHeaders, responseMeta } from "../limits/response-meta";
import { publicBaseUrl } from "../net/client-address";
import { withRequestId } from "../request-context";
import { openAIError, type ParamNames } from "./errors";

export interface V1Context {
  request: Request;
  caller: ApiKeyCaller;
  meta: ResponseMeta;
  /** Where signed media links point. */
  baseUrl: string;
}

/**
 * One /v1 route: a request id, the API key and the per-minute limit (as GraphQL counts them), the handler, and
 * every error in OpenAI's shape — with the rate-limit headers on successes and failures alike. `params` names our
 * field paths the way this endpoint's OpenAI request does, for the error's `param`.
 */
export function v1Route<Route>(params: ParamNames, handle: (ctx: V1Context, route: Route) => Promise<Response>) {
  return withRequestId(async (request: Request, route: Route) => {
    const meta = responseMeta(request);
    let response: Response;
    try {
      const caller = await authenticateApiRequestOrThrow(request, meta);
      response = await handle({ request, caller, meta, baseUrl: publicBaseUrl(request) }, route);
    } catch (error) {
      noteRetryAfter(error, meta);
      const { status, body, headers } = openAIError(error, params);
      response = Response.json(body, { status, headers });
    }
    for (const [name, value] of Object.entries(rateLimitHeaders(meta))) response.headers.set(name, value);
    return response;
  });
}
