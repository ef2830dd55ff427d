import { ConnectionError, type DoitongError, errorFor, RateLimitError, ServerError } from "./errors.js";

export interface TransportOptions {
  apiKey: string;
  /** Origin of the API, e.g. https://api.doitong.com (the GraphQL endpoint is <baseUrl>/graphql). */
  baseUrl: string;
  fetch: typeof fetch;
  /** Retries after a 429, a 5xx or a lost connection (only where retrying cannot do the work twice). */
  maxRetries: number;
  /** The longest wait between attempts, in seconds, whatever Retry-After says. */
  maxRetryDelay: number;
  userAgent: string;
}

export interface RequestOptions {
  /** Sent as the Idempotency-Key header: the API answers a repeat with the first result, never a second generation. */
  idempotencyKey?: string;
  /**
   * Whether a 5xx or a lost connection may be retried: true for queries and for mutations with an idempotency key
   * (the request may have been done before the connection dropped). A 429 is always retried: it did nothing.
   */
  idempotent: boolean;
  signal?: AbortSignal;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL request with the retry policy; returns `data` or throws the first error as its class. */
export async function graphqlRequest<T>(options: TransportOptions, query: string, variables: Record<string, unknown>, request: RequestOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let failure: DoitongError;
    let retryAfter: number | undefined;
    try {
      const response = await options.fetch(`${options.baseUrl}/graphql`, {
        method: "POST",
        headers: headersFor(options, request),
        body: JSON.stringify({ query, variables }),
        signal: request.signal,
      });
      const outcome = await readResponse<T>(response);
      if (outcome.kind === "data") return outcome.data;
      failure = outcome.error;
      retryAfter = outcome.retryAfter;
    } catch (error) {
      if (request.signal?.aborted || (error instanceof Error && error.name === "AbortError")) throw error;
      failure = new ConnectionError(`Could not reach ${options.baseUrl}: ${error instanceof Error ? error.message : String(error)}`, { code: "CONNECTION_ERROR" });
    }
    const retryable = failure instanceof RateLimitError || (request.idempotent && (failure instanceof ServerError || failure instanceof ConnectionError));
    if (!retryable || attempt >= options.maxRetries) throw failure;
    await sleep(delaySeconds(attempt, retryAfter, options.maxRetryDelay) * 1000, request.signal);
  }
}

export function headersFor(options: TransportOptions, request: { idempotencyKey?: string }, accept = "application/json"): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    "content-type": "application/json",
    accept,
    "user-agent": options.userAgent,
  };
  if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
  return headers;
}

type Outcome<T> = { kind: "data"; data: T } | { kind: "error"; error: DoitongError; retryAfter?: number };

async function readResponse<T>(response: Response): Promise<Outcome<T>> {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  let body: GraphQLResponse | undefined;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const code = typeof extensions.code === "string" ? extensions.code : response.status >= 500 ? "INTERNAL" : "UNKNOWN";
    const error = errorFor(first.message, {
      code,
      field: typeof extensions.field === "string" ? extensions.field : undefined,
      requestId: typeof extensions.requestId === "string" ? extensions.requestId : requestId,
      status: response.status,
      retryAfter: retryAfter ?? (typeof extensions.retryAfter === "number" ? extensions.retryAfter : undefined),
      extensions,
    });
    return { kind: "error", error, retryAfter };
  }
  if (response.ok && body?.data) return { kind: "data", data: body.data as T };
  // Not the API's answer (a proxy's error page, an empty body): judged by the status alone.
  const details = { status: response.status, requestId, retryAfter };
  if (response.status === 429) return { kind: "error", error: new RateLimitError("Too many requests", { code: "RATE_LIMIT", ...details }), retryAfter };
  return { kind: "error", error: new ServerError(`Unexpected response: HTTP ${response.status}`, { code: "INTERNAL", ...details }), retryAfter };
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** The server's Retry-After when it gave one; otherwise exponential backoff (0.5 s, 1 s, 2 s…) with jitter. */
function delaySeconds(attempt: number, retryAfter: number | undefined, max: number): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, max);
  return Math.min(0.5 * 2 ** attempt * (0.5 + Math.random() / 2), max);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
