import { errorFromStatus, ProviderError } from "../http/provider-error";
import { jsonOrUndefined, retryAfterSeconds, type VendorClient, type VendorResponse } from "../http/vendor-request";
import type { VendorContext } from "../types";
import type { BaseResp } from "./transform";

export const MINIMAX_API = "https://api.minimax.io";

const PROVIDER = "minimax";
const VENDOR = "MiniMax";

/** Bearer key; MiniMax reports errors in `base_resp`, usually under HTTP 200. */
export function minimaxClient(vendor: VendorContext): VendorClient {
  return {
    provider: PROVIDER,
    vendorName: VENDOR,
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("MINIMAX_API_KEY")}` }),
    check: minimaxError,
  };
}

const RATE_LIMITS = new Set([1002, 1039, 1041]);
const OUTAGES = new Set([1000, 1001, 1013]);

/**
 * `base_resp.status_code` in our terms: 1002/1039/1041 are rate, token and connection limits (retry later);
 * 1004/2049 our key; 1008 our balance; 1026/1027 moderation of the input or the output; 2013 bad parameters.
 * A polled task that ended in `Fail` is left to the poller, which explains it with the task's own code.
 */
export function minimaxError(response: VendorResponse): ProviderError | undefined {
  const body = jsonOrUndefined<{ status?: string; base_resp?: BaseResp }>(response);
  const code = body?.base_resp?.status_code;
  if (response.ok && (!code || body?.status === "Fail")) return undefined;
  const reason = body?.base_resp?.status_msg ?? (body ? "" : response.text().slice(0, 200));
  if (!code) return errorFromStatus(PROVIDER, VENDOR, response.status, reason, retryAfterSeconds(response.headers));
  return minimaxCodeError(code, reason, response.status);
}

export function minimaxCodeError(code: number, reason: string, status?: number, accepted = false): ProviderError {
  const detail = reason ? `: ${reason}` : "";
  const facts = { provider: PROVIDER, status, vendorCode: code, accepted };
  if (RATE_LIMITS.has(code)) return new ProviderError("PROVIDER_UNAVAILABLE", `${VENDOR} is rate limiting requests (code ${code})${detail}`, { ...facts, retryable: true });
  if (OUTAGES.has(code)) return new ProviderError("PROVIDER_UNAVAILABLE", `${VENDOR} is unavailable (code ${code})${detail}`, { ...facts, retryable: true });
  if (code === 1004 || code === 2049) return new ProviderError("PROVIDER_UNAVAILABLE", `${VENDOR} refused this server's API key (code ${code})${detail}`, facts);
  if (code === 1008) return new ProviderError("PROVIDER_UNAVAILABLE", `${VENDOR} refused this server's account: insufficient balance (code ${code})${detail}`, facts);
  if (code === 1026) return new ProviderError("GENERATION_FAILED", `${VENDOR}'s content moderation blocked the prompt or image (code ${code})${detail}`, facts);
  if (code === 1027) return new ProviderError("GENERATION_FAILED", `${VENDOR}'s content moderation blocked the generated video (code ${code})${detail}`, facts);
  if (code === 2013 || code === 1042) return new ProviderError("INVALID_INPUT", `${VENDOR} rejected the request (code ${code})${detail}`, facts);
  return new ProviderError("PROVIDER_UNAVAILABLE", `${VENDOR} answered with error code ${code}${detail}`, facts);
}
