import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const HEDRA_API = "https://api.hedra.com/web-app/public";

type ErrorBody = { messages?: string[]; message?: string; detail?: string | { loc?: unknown[]; msg?: string }[] };

/** `x-api-key`; errors are `{messages:[…]}`, or FastAPI's `{detail}` (a list of field errors on 422). */
export function hedraClient(vendor: VendorContext): VendorClient {
  return {
    provider: "hedra",
    vendorName: "Hedra",
    vendor,
    headers: () => ({ "x-api-key": vendor.credential("HEDRA_API_KEY") }),
    check: (response) => (response.ok ? undefined : hedraError(response)),
  };
}

function hedraError(response: VendorResponse): ProviderError {
  const body = jsonOrUndefined<ErrorBody>(response);
  const detail = body?.detail;
  const reason = Array.isArray(detail)
    ? detail.map((d) => `${(d.loc ?? []).slice(1).join(".")}: ${d.msg}`).join("; ")
    : [...(body?.messages ?? []), body?.message, typeof detail === "string" ? detail : undefined].filter(Boolean).join("; ");
  if (response.status === 422) {
    return new ProviderError("INVALID_INPUT", `Hedra rejected the request: ${reason || "invalid parameters"}`, { provider: "hedra", status: 422 });
  }
  // 401/403 (our key), 402 (our balance), 429 (retried after Retry-After), 5xx, and other 4xx as bad input.
  return errorFromStatus("hedra", "Hedra", response.status, reason, retryAfterSeconds(response.headers));
}
