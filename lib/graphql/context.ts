import { authenticateApiKeyOrThrow, bearerToken } from "../auth/api-keys";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { env } from "../env";

export interface GraphQLContext {
  request: Request;
  /** Origin for absolute URLs in responses (signed media URLs). */
  baseUrl: string;
  /** The authenticated caller; throws UNAUTHENTICATED. Memoised per request. */
  caller(): Promise<Caller>;
}

export function createContext(request: Request): GraphQLContext {
  let caller: Promise<Caller> | undefined;
  return {
    request,
    baseUrl: env().DOITONG_PUBLIC_URL ?? new URL(request.url).origin,
    caller() {
      caller ??= db().then((client) => authenticateApiKeyOrThrow(client, bearerToken(request.headers.get("authorization"))));
      return caller;
    },
  };
}
