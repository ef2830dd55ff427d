import { ProviderError, errorFromStatus } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";
import { isTopviewSuccess, type TopviewEnvelope } from "./transform";

export const TOPVIEW_API = "https://api.topview.ai";

/**
 * Bearer key plus the account's `Topview-Uid`. Topview reports its errors inside HTTP 200 as `{code, message}`
 * ("200" is success); other statuses come from its gateway.
 */
export function topviewClient(vendor: VendorContext): VendorClient {
  return {
    provider: "topview",
    vendorName: "Topview",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("TOPVIEW_API_KEY")}`, "topview-uid": vendor.credential("TOPVIEW_UID") }),
    check(response) {
      if (!response.ok) return errorFromStatus("topview", "Topview", response.status, response.text().slice(0, 200), retryAfterSeconds(response.headers));
      const body = jsonOrUndefined<TopviewEnvelope<unknown>>(response);
      // Not JSON: left to the caller's json(), which reports a malformed answer.
      if (!body || typeof body !== "object" || !("code" in body) || isTopviewSuccess(body.code)) return undefined;
      return topviewError(String(body.code), body.message ?? "");
    },
  };
}

/** The pre-signed upload URL takes the file alone: no API key (S3 refuses a second auth mechanism). */
export function topviewUploadClient(vendor: VendorContext): VendorClient {
  return { provider: "topview", vendorName: "Topview's file storage", vendor, headers: () => ({}) };
}

/** Topview's documented response codes → ours. */
export function topviewError(code: string, message: string): ProviderError {
  const facts = { provider: "topview", vendorCode: code };
  const said = message ? `: ${message}` : "";
  switch (code) {
    case "4100":
      return new ProviderError("PROVIDER_UNAVAILABLE", `This server's Topview account is out of credits${said}`, facts);
    case "4002":
    case "4006":
    case "401":
    case "403":
      return new ProviderError("PROVIDER_UNAVAILABLE", `Topview refused this server's credentials (code ${code})${said}`, facts);
    case "4007":
      return new ProviderError("PROVIDER_UNAVAILABLE", `Topview is still working on this account's previous task${said}`, { ...facts, retryable: true });
    case "6001":
      return new ProviderError("GENERATION_FAILED", `Topview's content security check blocked this request${said}`, facts);
  }
  if (code.startsWith("5")) return new ProviderError("PROVIDER_UNAVAILABLE", `Topview is unavailable (code ${code})${said}`, { ...facts, retryable: true });
  if (code.startsWith("4")) return new ProviderError("INVALID_INPUT", `Topview rejected the request (code ${code})${said}`, facts);
  return new ProviderError("PROVIDER_UNAVAILABLE", `Topview answered with unknown code ${code}${said}`, facts);
}
