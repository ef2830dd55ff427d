import type { RequestCaller, SessionCaller } from "../auth/caller";
import { AppError } from "../errors";
import { publicBaseUrl } from "../net/client-address";
import { type ResponseMeta, responseMeta } from "../limits/response-meta";
import { listAttemptViewsOf, type AttemptView } from "../generations/generation-attempts";
import { callerOrThrow } from "./admit-request";
import { batchLoader } from "./batch-loader";

export interface GraphQLContext {
  request: Request;
  /**
   * The origin the client used (DOITONG_PUBLIC_URL, else Host; X-Forwarded-Host/-Proto only behind a proxy that
   * DOITONG_TRUST_PROXY trusts, so a client cannot choose the host of the links we sign): media URLs, Checkout returns.
   */
  baseUrl: string;
  /** Facts for the response headers (rate limits, idempotent replay). */
  meta: ResponseMeta;
  /**
   * The authenticated caller, memoised per request; throws UNAUTHENTICATED. An API key (Authorization: Bearer)
   * for the public API, or the dashboard's session cookie — which also needs the `x-doitong-csrf` header, a custom
   * header that another site's page cannot send without a CORS preflight we never grant.
   */
  caller(): Promise<RequestCaller>;
  /** The dashboard user, or FORBIDDEN-style UNAUTHENTICATED for API-key callers. */
  sessionCaller(): Promise<SessionCaller>;
  /**
   * The Idempotency-Key header for the next `generate` in this document: the key itself for the first, `key:2`,
   * `key:3`… for further ones (mutation fields run in order, so the numbering is stable across retries).
   */
  nextIdempotencyKey(): string | undefined;
  /** Per-request batch loaders for fields resolved once per item of a list (batch-loader.ts). */
  loaders: { attempts(generationId: string): Promise<AttemptView[]> };
}

export function createContext(request: Request): GraphQLContext {
  const headerKey = request.headers.get("idempotency-key") ?? undefined;
  let used = 0;
  return {
    request,
    baseUrl: publicBaseUrl(request),
    meta: responseMeta(request),
    caller: () => callerOrThrow(request),
    async sessionCaller() {
      const who = await this.caller();
      if (who.kind !== "session") throw new AppError("UNAUTHENTICATED", "This operation is only available when signed in to the dashboard");
      return who;
    },
    nextIdempotencyKey() {
      if (headerKey === undefined) return undefined;
      used += 1;
      return used === 1 ? headerKey : `${headerKey}:${used}`;
    },
    loaders: { attempts: batchLoader(listAttemptViewsOf, () => []) },
  };
}
