import { ProviderError, errorFromStatus } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";
import { type ViggleErrorBody, viggleError } from "./transform";

export const VIGGLE_API = "https://apis.viggle.ai";

/** Which client input a CS-ORIV (input validation) code is about. */
const INPUT_FIELDS: Record<string, string> = { "CS-ORIV-001": "input.image", "CS-ORIV-002": "input.video", "CS-ORIV-004": "input.video" };

/**
 * Bearer key; errors are HTTP statuses with `{detail:{error_code:"CS-ORIV-001",message,action}}`. Input codes
 * (CS-ORIV-*) name the client's field; CS-ORAU-* (our key) and CS-ORCR-* (our credits) are ours to fix.
 */
export function viggleClient(vendor: VendorContext): VendorClient {
  return {
    provider: "viggle",
    vendorName: "Viggle",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("VIGGLE_API_KEY")}` }),
    check(response) {
      if (response.ok) return undefined;
      const { code, reason } = viggleError(jsonOrUndefined<ViggleErrorBody>(response));
      const mapped = errorFromStatus("viggle", "Viggle", response.status, reason, retryAfterSeconds(response.headers));
      const field = code ? INPUT_FIELDS[code] : undefined;
      return new ProviderError(field ? "INVALID_INPUT" : (mapped.code as ConstructorParameters<typeof ProviderError>[0]), mapped.message, {
        provider: "viggle",
        status: response.status,
        vendorCode: code,
        field,
        retryable: mapped.retryable,
        retryAfter: mapped.retryAfter,
      });
    },
  };
}
