import { setTimeout as sleep } from "node:timers/promises";
import { parseRetryAfter } from "../../net/retry-after";
import type { VendorContext } from "../types";
import { errorFromStatus, isAbort, ProviderError } from "./provider-error";

/** A vendor's answer, read once. `json()` throws a ProviderError when the vendor sent something that is not JSON. */
export interface VendorResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  bytes: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface VendorClient {
  provider: string;
  vendorName: string;
  vendor: VendorContext;
  /** Auth and version headers for every request. */
  headers(): Record<string, string> | Promise<Record<string, string>>;
  /**
   * The vendor's own error shape → our error, or undefined when the response is a success. Called for every
   * response, so errors inside HTTP 200 (Kling `code`, MiniMax `base_resp`) are caught here too. Without it, any
   * non-2xx status is mapped by `errorFromStatus`.
   */
  check?(response: VendorResponse): ProviderError | undefined;
}

export interface VendorRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Path under the client's base URL, or an absolute URL the vendor handed us (BFL polling_url). */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
  body?: Buffer;
  headers?: Record<string, string>;
  signal: AbortSignal;
  timeoutMs?: number;
  /**
   * Whether repeating this request cannot create a second job: true for reads, for deletes and for submits that
   * carry the vendor's idempotency reference. Other submits are repeated only when the vendor refused them
   * outright (429, 5xx before acceptance), never after a timeout that the vendor may have acted on.
   */
  idempotent?: boolean;
}

const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_S = 120;

/** One HTTP call to a vendor with its auth, mapped errors, and retries of what is safe to retry. */
export async function vendorRequest(client: VendorClient, request: VendorRequest): Promise<VendorResponse> {
  const method = request.method ?? (request.json || request.form || request.body ? "POST" : "GET");
  const idempotent = request.idempotent ?? (method === "GET" || method === "DELETE");
  const url = buildUrl(client.vendor.baseUrl, request.path, request.query);
  for (let attempt = 1; ; attempt++) {
    let error: ProviderError;
    try {
      const response = await send(client, method, url, request);
      const failure = client.check?.(response) ?? (response.ok ? undefined : defaultError(client, response));
      if (!failure) return response;
      error = failure;
    } catch (thrown) {
      if (isAbort(thrown) && request.signal.aborted) throw thrown;
      if (thrown instanceof ProviderError) throw thrown;
      // No answer (connection refused, reset, our timeout): a submit may or may not have reached the vendor.
      error = new ProviderError("PROVIDER_UNAVAILABLE", `${client.vendorName} did not answer: ${(thrown as Error).message}`, {
        provider: client.provider,
        retryable: idempotent,
        accepted: !idempotent,
      });
    }
    if (!error.retryable || attempt >= MAX_ATTEMPTS) throw error;
    await sleep(retryDelayMs(attempt, error.retryAfter) * client.vendor.timeScale, undefined, { signal: request.signal });
  }
}

async function send(client: VendorClient, method: string, url: string, request: VendorRequest): Promise<VendorResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...(await client.headers()), ...request.headers };
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form;
  } else if (request.body) {
    body = new Uint8Array(request.body);
  }
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 60_000);
  const res = await fetch(url, { method, headers, body, signal: AbortSignal.any([request.signal, timeout]), redirect: "follow" });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    ok: res.ok,
    headers: res.headers,
    bytes,
    text: () => bytes.toString("utf8"),
    json<T>() {
      try {
        return JSON.parse(bytes.toString("utf8")) as T;
      } catch {
        throw new ProviderError("PROVIDER_UNAVAILABLE", `${client.vendorName} sent a malformed response (HTTP ${res.status}, not JSON)`, {
          provider: client.provider,
          status: res.status,
          retryable: method === "GET",
        });
      }
    },
  };
}

function defaultError(client: VendorClient, response: VendorResponse): ProviderError {
  return errorFromStatus(client.provider, client.vendorName, response.status, response.text().slice(0, 300), retryAfterSeconds(response.headers));
}

export function buildUrl(baseUrl: string, path: string, query?: VendorRequest["query"]): string {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

/** A vendor's Retry-After as seconds (lib/net/retry-after.ts), capped at what a request may wait. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const seconds = parseRetryAfter(headers.get("retry-after"));
  return seconds === undefined ? undefined : Math.min(MAX_RETRY_AFTER_S, seconds);
}

/** Exponential backoff with full jitter, or the vendor's Retry-After when it gave one. */
export function retryDelayMs(attempt: number, retryAfter?: number): number {
  if (retryAfter !== undefined) return retryAfter * 1000;
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** A vendor error body that may not be JSON at all (HTML from a proxy, empty 502s). */
export function jsonOrUndefined<T = Record<string, unknown>>(response: VendorResponse): T | undefined {
  try {
    return JSON.parse(response.text()) as T;
  } catch {
    return undefined;
  }
}
