import { errorFromStatus } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const RUNWAY_API = "https://api.dev.runwayml.com";
export const RUNWAY_VERSION = "2024-11-06";

/** Bearer key plus the API version header the SDK sends; errors are `{error}` with a plain HTTP status. */
export function runwayClient(vendor: VendorContext): VendorClient {
  return {
    provider: "runway",
    vendorName: "Runway",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("RUNWAYML_API_SECRET")}`, "x-runway-version": RUNWAY_VERSION }),
    check(response) {
      if (response.ok) return undefined;
      const reason = jsonOrUndefined<{ error?: string }>(response)?.error ?? "";
      return errorFromStatus("runway", "Runway", response.status, reason, retryAfterSeconds(response.headers));
    },
  };
}
