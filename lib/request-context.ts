import { AsyncLocalStorage } from "node:async_hooks";
import { newId } from "./ids";
import { processSingleton } from "./process-singleton";

/**
 * Who is being served right now: one request id per API request, carried by AsyncLocalStorage through everything
 * the request calls, so every log line written on its behalf has it (lib/log.ts) and every error it gets back
 * names it (`extensions.requestId`, the `X-Request-Id` header). A proxy's X-Request-Id is kept when it looks
 * like an id, so one request can be followed across both logs.
 */
export interface RequestContext {
  requestId: string;
}

const storage = processSingleton("request-context", () => new AsyncLocalStorage<RequestContext>());

const FORWARDED_ID = /^[\w.:-]{8,64}$/;

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `handler` as one request with its own id, and says the id in the response's X-Request-Id header. */
export function withRequestId<Args extends unknown[]>(handler: (request: Request, ...rest: Args) => Response | Promise<Response>) {
  return (request: Request, ...rest: Args): Promise<Response> => {
    const forwarded = request.headers.get("x-request-id");
    const requestId = forwarded && FORWARDED_ID.test(forwarded) ? forwarded : newId("req");
    return storage.run({ requestId }, async () => withHeader(await handler(request, ...rest), "x-request-id", requestId));
  };
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a Response.redirect, a fetched response passed through): copy it with the header added.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
