import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";
import type { StabilityError } from "./transform";

export const STABILITY_API = "https://api.stability.ai";
const PROVIDER = "stable-diffusion";

/**
 * Bearer key and `Accept: image/*` (the image comes back as bytes, the finish reason and seed as headers). Errors
 * are `{id, name, errors[]}`; a 200 whose `finish-reason` is CONTENT_FILTERED is a moderated result, not an image.
 */
export function stabilityClient(vendor: VendorContext): VendorClient {
  return {
    provider: PROVIDER,
    vendorName: "Stability AI",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("STABILITY_API_KEY")}`, accept: "image/*" }),
    check: checkStability,
  };
}

export function checkStability(response: VendorResponse): ProviderError | undefined {
  if (response.ok) {
    if (response.headers.get("finish-reason") === "CONTENT_FILTERED") {
      return new ProviderError("GENERATION_FAILED", "Stability AI's content filter blocked the generated image", {
        provider: PROVIDER,
        vendorCode: "CONTENT_FILTERED",
        accepted: true,
      });
    }
    return undefined;
  }
  const body = jsonOrUndefined<StabilityError>(response);
  const reason = body?.errors?.join("; ") || body?.message || response.text().slice(0, 200);
  const facts = { provider: PROVIDER, status: response.status, vendorCode: body?.name };
  if (response.status === 403 && body?.name === "content_moderation") {
    return new ProviderError("GENERATION_FAILED", `Stability AI's content moderation refused this request: ${reason}`, facts);
  }
  if (response.status === 402) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `Stability AI refused the request: this server's Stability credits are used up (HTTP 402): ${reason}`, facts);
  }
  // The usual status mapping, keeping Stability's error name (rate_limit_exceeded, bad_request…) for support.
  const error = errorFromStatus(PROVIDER, "Stability AI", response.status, reason, retryAfterSeconds(response.headers));
  return new ProviderError(error.code as ConstructorParameters<typeof ProviderError>[0], error.message, { ...facts, retryable: error.retryable, retryAfter: error.retryAfter });
}
