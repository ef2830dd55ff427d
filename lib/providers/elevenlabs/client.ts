import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const ELEVENLABS_API = "https://api.elevenlabs.io";

/** ElevenLabs asks for a pause on `system_busy` (its servers, not our concurrency); this is how long. */
const SYSTEM_BUSY_RETRY_S = 5;

type ErrorBody = { detail?: { status?: string; message?: string } | { loc?: unknown[]; msg?: string }[] | string };

/** `xi-api-key`; errors are `{detail:{status,message}}` (or FastAPI's `{detail:[…]}` for malformed fields). */
export function elevenLabsClient(vendor: VendorContext): VendorClient {
  return {
    provider: "elevenlabs",
    vendorName: "ElevenLabs",
    vendor,
    headers: () => ({ "xi-api-key": vendor.credential("ELEVENLABS_API_KEY") }),
    check: (response) => (response.ok ? undefined : elevenLabsError(response)),
  };
}

function elevenLabsError(response: VendorResponse): ProviderError {
  const detail = jsonOrUndefined<ErrorBody>(response)?.detail;
  const facts = { provider: "elevenlabs", status: response.status };
  if (Array.isArray(detail)) {
    const reason = detail.map((d) => `${(d.loc ?? []).slice(1).join(".")}: ${d.msg}`).join("; ");
    return new ProviderError("INVALID_INPUT", `ElevenLabs rejected the request: ${reason}`, facts);
  }
  const status = typeof detail === "object" ? detail?.status : undefined;
  const message = typeof detail === "object" ? (detail?.message ?? "") : (detail ?? "");
  const known = { ...facts, vendorCode: status };
  switch (status) {
    case "invalid_api_key":
    case "quota_exceeded":
    case "payment_required":
      // Our key or our ElevenLabs balance: nothing the client can change.
      return new ProviderError("PROVIDER_UNAVAILABLE", `ElevenLabs refused this server's account (${status}): ${message}`, known);
    case "too_many_concurrent_requests":
      return new ProviderError("PROVIDER_UNAVAILABLE", `ElevenLabs is at this account's concurrency limit: ${message}`, {
        ...known,
        retryable: true,
        retryAfter: retryAfterSeconds(response.headers),
      });
    case "system_busy":
      return new ProviderError("PROVIDER_UNAVAILABLE", `ElevenLabs is busy: ${message}`, {
        ...known,
        retryable: true,
        retryAfter: retryAfterSeconds(response.headers) ?? SYSTEM_BUSY_RETRY_S,
      });
    case "voice_not_found":
      return new ProviderError("INVALID_INPUT", `ElevenLabs has no such voice: ${message}`, { ...known, field: "input.voice" });
    case "max_character_limit_exceeded":
      return new ProviderError("INVALID_INPUT", `The text is too long for this ElevenLabs model: ${message}`, { ...known, field: "input.text" });
    case "content_against_policy":
      return new ProviderError("GENERATION_FAILED", `ElevenLabs refused the text under its usage policy: ${message}`, known);
    case undefined:
    default:
      return errorFromStatus("elevenlabs", "ElevenLabs", response.status, [status, message].filter(Boolean).join(": "), retryAfterSeconds(response.headers));
  }
}
