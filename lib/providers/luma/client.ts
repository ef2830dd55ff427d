import { ProviderError, errorFromStatus } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";
import { lumaErrorReason } from "./transform";

export const LUMA_API = "https://api.lumalabs.ai/dream-machine/v1";

/** Bearer key; plain HTTP statuses with `{detail}` or `{error:{…}}` bodies (both are seen, so both are read). */
export function lumaClient(vendor: VendorContext): VendorClient {
  return {
    provider: "luma",
    vendorName: "Luma",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("LUMAAI_API_KEY")}` }),
    check(response) {
      if (response.ok) return undefined;
      const reason = lumaErrorReason(jsonOrUndefined(response));
      // Luma refuses some prompts at submit with a 400 naming its moderation: a blocked request, not a bad parameter.
      if (response.status === 400 && /moderation|not allowed/i.test(reason)) {
        return new ProviderError("GENERATION_FAILED", `Luma's content moderation blocked this request: ${reason}`, { provider: "luma", status: 400 });
      }
      return errorFromStatus("luma", "Luma", response.status, reason, retryAfterSeconds(response.headers));
    },
  };
}
