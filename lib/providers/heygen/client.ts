import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const HEYGEN_API = "https://api.heygen.com";

/** HeyGen's v3 error envelope (heygen-cli internal/errors/api_error.go). */
type ErrorBody = { error?: { code?: string; message?: string; param?: string | null } | string | null; message?: string };

/** Which of our options a HeyGen `param` names, so INVALID_INPUT points at what the client sent. */
const FIELDS: Record<string, string> = {
  avatar_id: "options.avatarId",
  voice_id: "options.voice",
  script: "input.text",
  audio_url: "input.audio",
  audio_asset_id: "input.audio",
  resolution: "options.resolution",
  aspect_ratio: "options.aspectRatio",
  background: "options.background",
  "voice_settings.speed": "options.speed",
};

/** `X-Api-Key`; errors are `{error:{code,message,param,doc_url}}`. */
export function heygenClient(vendor: VendorContext): VendorClient {
  return {
    provider: "heygen",
    vendorName: "HeyGen",
    vendor,
    headers: () => ({ "x-api-key": vendor.credential("HEYGEN_API_KEY") }),
    check: (response) => (response.ok ? undefined : heygenError(response)),
  };
}

/**
 * HeyGen's error → ours. Codes are words (`invalid_parameter`, `not_found`, `insufficient_credit`,
 * `rate_limit_exceeded`…) and `param` names the offending field: credits and auth are ours to fix, a missing
 * avatar or voice is the client's.
 */
export function heygenError(response: VendorResponse): ProviderError {
  const body = jsonOrUndefined<ErrorBody>(response);
  const error = typeof body?.error === "object" && body.error ? body.error : undefined;
  const code = error?.code ?? "";
  const message = error?.message ?? (typeof body?.error === "string" ? body.error : undefined) ?? body?.message ?? "";
  const param = error?.param ?? undefined;
  const facts = { provider: "heygen", status: response.status, vendorCode: code || undefined };
  const reason = [code, message].filter(Boolean).join(": ");
  if (response.status === 402 || /credit|quota|balance|payment|subscription/i.test(code)) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `HeyGen refused this server's account: ${reason}`, facts);
  }
  const field = param ? FIELDS[param] : undefined;
  if (field && response.status >= 400 && response.status < 500 && response.status !== 429) {
    return new ProviderError("INVALID_INPUT", `HeyGen: ${reason}`, { ...facts, field });
  }
  return errorFromStatus("heygen", "HeyGen", response.status, reason, retryAfterSeconds(response.headers));
}
