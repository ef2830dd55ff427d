import { ProviderError } from "../http/provider-error";
import { type VendorResponse, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";

/**
 * google.rpc.Status as Google's JSON APIs send it, inside `{error: …}`: the same for the Gemini API, Vertex AI and
 * Cloud Text-to-Speech, and (without `status`) as the `error` of a finished long-running operation.
 */
export interface GoogleStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: { "@type"?: string; reason?: string; retryDelay?: string }[];
}

/** ErrorInfo reasons that mean our key, token, project or billing is the problem, whatever the HTTP status. */
const ACCOUNT_REASONS = new Set([
  "API_KEY_INVALID",
  "API_KEY_EXPIRED",
  "API_KEY_SERVICE_BLOCKED",
  "API_KEY_HTTP_REFERRER_BLOCKED",
  "SERVICE_DISABLED",
  "BILLING_DISABLED",
  "CONSUMER_INVALID",
  "CREDENTIALS_MISSING",
  "ACCESS_TOKEN_EXPIRED",
  "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
  "ACCESS_TOKEN_TYPE_UNSUPPORTED",
  "IAM_PERMISSION_DENIED",
]);
const TRANSIENT = new Set(["UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "UNKNOWN", "ABORTED"]);
/** How Google words a Responsible-AI refusal (Imagen answers them as 400 INVALID_ARGUMENT). */
const SAFETY = /responsible ai|safety (filter|setting|polic)|usage guidelines|sensitive words|violat(e|es|ed|ing) .*(polic|guideline)/i;

export const isSafetyRefusal = (message: string) => SAFETY.test(message);

/** `check` for every Google client: a non-2xx answer → our error; Google never reports errors inside a 200. */
export function googleCheck(provider: string, vendorName: string) {
  return (response: VendorResponse): ProviderError | undefined => {
    if (response.ok) return undefined;
    const status = jsonOrUndefined<{ error?: GoogleStatus }>(response)?.error ?? { message: response.text().slice(0, 300) };
    return googleError(provider, vendorName, response.status, status, retryAfterSeconds(response.headers));
  };
}

/**
 * One mapping for all Google APIs. The canonical `status` decides, not the HTTP code alone: Gemini answers a bad
 * API key with 400 INVALID_ARGUMENT + reason API_KEY_INVALID, which is our configuration, not the client's input.
 */
export function googleError(provider: string, vendorName: string, httpStatus: number, error: GoogleStatus, retryAfter?: number): ProviderError {
  const status = error.status ?? "";
  const message = error.message?.trim() || `HTTP ${httpStatus}`;
  const reason = error.details?.find((d) => d.reason)?.reason;
  const facts = { provider, status: httpStatus, vendorCode: reason ?? (status || undefined) };
  if ((reason && ACCOUNT_REASONS.has(reason)) || ["UNAUTHENTICATED", "PERMISSION_DENIED", "FAILED_PRECONDITION"].includes(status) || httpStatus === 401 || httpStatus === 403) {
    // Bad key or token, API not enabled, billing off, region not served: nothing the client can fix.
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} refused this server's credentials or project: ${message}`, facts);
  }
  if (status === "RESOURCE_EXHAUSTED" || httpStatus === 429) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} is rate limiting requests: ${message}`, {
      ...facts,
      retryable: true,
      retryAfter: retryDelaySeconds(error) ?? retryAfter,
    });
  }
  if (TRANSIENT.has(status) || httpStatus >= 500) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} is unavailable (HTTP ${httpStatus}): ${message}`, { ...facts, retryable: true, retryAfter });
  }
  if (status === "NOT_FOUND" || httpStatus === 404) {
    // A model this server names, or an operation, that Google no longer has.
    return new ProviderError("PROVIDER_UNAVAILABLE", `${vendorName} does not have what this server asked for: ${message}`, facts);
  }
  if (isSafetyRefusal(message)) {
    return new ProviderError("GENERATION_FAILED", `${vendorName}'s safety filter blocked this request: ${message}`, facts);
  }
  return new ProviderError("INVALID_INPUT", `${vendorName} rejected the request: ${message}`, facts);
}

/** A long-running operation that ended with `error`: the job was taken and then failed, in Google's words. */
export function operationFailed(provider: string, vendorName: string, error: GoogleStatus): ProviderError {
  const message = error.message?.trim() || "no reason given";
  const text = isSafetyRefusal(message) ? `${vendorName}'s safety filter blocked this request: ${message}` : `${vendorName} failed: ${message}`;
  return new ProviderError("GENERATION_FAILED", text, { provider, vendorCode: error.code, accepted: true });
}

/** google.rpc.RetryInfo `retryDelay` ("37s", "1.5s"), which Gemini sends with its 429s instead of Retry-After. */
function retryDelaySeconds(error: GoogleStatus): number | undefined {
  const delay = error.details?.find((d) => d["@type"]?.endsWith("google.rpc.RetryInfo"))?.retryDelay;
  const seconds = delay ? Number.parseFloat(delay) : Number.NaN;
  return Number.isFinite(seconds) ? Math.min(120, Math.max(0, seconds)) : undefined;
}
