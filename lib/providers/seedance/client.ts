import { ProviderError, errorFromStatus } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const ARK_API = "https://ark.ap-southeast.bytepluses.com/api/v3";

interface ArkErrorBody {
  error?: { code?: string; message?: string; param?: string; type?: string };
}

/**
 * BytePlus ModelArk: bearer API key; errors are plain HTTP statuses with `{error:{code,message,param,type}}`.
 * The code refines the status: sensitive-content refusals are moderation, an unknown or not-activated model is our
 * account's setup (not the client's parameters).
 */
export function seedanceClient(vendor: VendorContext): VendorClient {
  return {
    provider: "seedance",
    vendorName: "Seedance",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("ARK_API_KEY")}` }),
    check(response) {
      if (response.ok) return undefined;
      const error = jsonOrUndefined<ArkErrorBody>(response)?.error ?? {};
      const code = error.code;
      const reason = [code, error.message].filter(Boolean).join(": ");
      const facts = { provider: "seedance", status: response.status, vendorCode: code };
      if (code && /SensitiveContent/i.test(code)) {
        return new ProviderError("GENERATION_FAILED", `Seedance's content moderation blocked this request: ${error.message ?? code}`, facts);
      }
      if (code && /^(ModelNotOpen|InvalidEndpointOrModel)/.test(code)) {
        return new ProviderError("PROVIDER_UNAVAILABLE", `Seedance is not enabled for this server's account: ${reason}`, facts);
      }
      return withVendorCode(errorFromStatus("seedance", "Seedance", response.status, reason, retryAfterSeconds(response.headers)), code);
    },
  };
}

/** errorFromStatus's mapping, keeping Ark's error code in the details for support. */
function withVendorCode(mapped: ProviderError, vendorCode: string | undefined): ProviderError {
  const code = mapped.code as ConstructorParameters<typeof ProviderError>[0];
  const { provider, status } = mapped.details as { provider: string; status: number };
  return new ProviderError(code, mapped.message, { provider, status, vendorCode, retryable: mapped.retryable, retryAfter: mapped.retryAfter });
}
