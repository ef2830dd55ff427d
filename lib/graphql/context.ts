import { type ApiKeyCaller, authenticateApiKeyOrThrow, bearerToken } from "../auth/api-keys";
import { db } from "../db";
import { env } from "../env";
import { type ResponseMeta, responseMeta } from "./response-meta";

export interface GraphQLContext {
  request: Request;
  /** Origin for absolute URLs in responses (signed media URLs). */
  baseUrl: string;
  /** Facts for the response headers (rate limits, idempotent replay). */
  meta: ResponseMeta;
  /** The authenticated caller; throws UNAUTHENTICATED. Memoised per request. */
  caller(): Promise<ApiKeyCaller>;
  /**
   * The Idempotency-Key header for the next `generate` in this document: the key itself for the first, `key:2`,
   * `key:3`… for further ones (mutation fields run in order, so the numbering is stable across retries).
   */
  nextIdempotencyKey(): string | undefined;
}

export function createContext(request: Request): GraphQLContext {
  let caller: Promise<ApiKeyCaller> | undefined;
  const headerKey = request.headers.get("idempotency-key") ?? undefined;
  let used = 0;
  return {
    request,
    baseUrl: env().DOITONG_PUBLIC_URL ?? new URL(request.url).origin,
    meta: responseMeta(request),
    caller() {
      caller ??= db().then((client) => authenticateApiKeyOrThrow(client, bearerToken(request.headers.get("authorization"))));
      return caller;
    },
    nextIdempotencyKey() {
      if (headerKey === undefined) return undefined;
      used += 1;
      return used === 1 ? headerKey : `${headerKey}:${used}`;
    },
  };
}
