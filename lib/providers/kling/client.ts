import { SignJWT } from "jose";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { jsonOrUndefined, retryAfterSeconds, type VendorClient, type VendorResponse } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const KLING_API = "https://api-singapore.klingai.com";

/** Every Kling answer, success or not: `code` 0 is success, anything else is an error even under HTTP 200. */
export interface KlingEnvelope<T = unknown> {
  code?: number;
  message?: string;
  request_id?: string;
  data?: T;
}

/**
 * Kling authenticates with a short-lived JWT (HS256) made from the access key and signed with the secret key,
 * as Kling's docs and the AI SDK's provider do: `iss` = access key, valid 30 minutes, from 5 s ago (clock skew).
 */
export async function klingToken(accessKey: string, secretKey: string, now = Date.now()): Promise<string> {
  const seconds = Math.floor(now / 1000);
  return new SignJWT({ iss: accessKey })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setExpirationTime(seconds + 1800)
    .setNotBefore(seconds - 5)
    .sign(new TextEncoder().encode(secretKey));
}

/** One client for Kling's API, used by both Kling video (`kling`) and Kolors images (`kolors`). */
export function klingClient(vendor: VendorContext, provider: "kling" | "kolors" = "kling"): VendorClient {
  const vendorName = provider === "kolors" ? "Kolors (Kling)" : "Kling";
  return {
    provider,
    vendorName,
    vendor,
    // A fresh token per request: cheap, and a long follow can never send an expired one.
    headers: async () => ({ authorization: `Bearer ${await klingToken(vendor.credential("KLING_ACCESS_KEY"), vendor.credential("KLING_SECRET_KEY"))}` }),
    check: (response) => klingError(provider, vendorName, response),
  };
}

/**
 * Kling's error table (HTTP status / `code`), in our terms. Kling answers 429 both for rate limits (1302, 1303:
 * wait and retry) and for billing (1100–1102: the account is in arrears or its resource pack is used up, which no
 * retry fixes), so the code decides, not the status.
 */
export function klingError(provider: string, vendorName: string, response: VendorResponse): ProviderError | undefined {
  const body = jsonOrUndefined<KlingEnvelope>(response);
  const code = typeof body?.code === "number" ? body.code : undefined;
  if (response.ok && (code === undefined || code === 0)) return undefined;
  const status = response.status;
  const reason = body?.message ?? (body ? "" : response.text().slice(0, 200));
  const detail = reason ? `: ${reason}` : "";
  const facts = { provider, status, vendorCode: code, retryAfter: retryAfterSeconds(response.headers) };
  const unavailable = (message: string, retryable = false) => new ProviderError("PROVIDER_UNAVAILABLE", message, { ...facts, retryable });

  if (code === undefined) {
    return response.ok ? unavailable(`${vendorName} sent an answer without a result code`) : errorFromStatus(provider, vendorName, status, reason, facts.retryAfter);
  }
  if (code >= 1000 && code <= 1004) return unavailable(`${vendorName} refused this server's credentials (code ${code})${detail}`);
  if (code >= 1100 && code <= 1102) return unavailable(`${vendorName} refused this server's account: its balance or resource pack is used up (code ${code})${detail}`);
  if (code === 1103) return unavailable(`${vendorName} says this server's account has no access to this model or API (code ${code})${detail}`);
  if (code === 1301) {
    return new ProviderError("GENERATION_FAILED", `${vendorName}'s content safety check blocked this request${detail}`, { provider, status, vendorCode: code });
  }
  if (code === 1302 || code === 1303) return unavailable(`${vendorName} is rate limiting requests (code ${code})${detail}`, true);
  if (code === 1304) return unavailable(`${vendorName} refused this server's IP address (code ${code})${detail}`);
  if (code >= 1200 && code <= 1299) return new ProviderError("INVALID_INPUT", `${vendorName} rejected the request (code ${code})${detail}`, { provider, status, vendorCode: code });
  if (code >= 5000 || status >= 500) return unavailable(`${vendorName} is unavailable (code ${code})${detail}`, true);
  return unavailable(`${vendorName} answered with error code ${code}${detail}`);
}
