import { createHmac, timingSafeEqual } from "node:crypto";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds, vendorRequest } from "../http/vendor-request";
import type { VendorContext } from "../types";

export const HEYGEN_API = "https://api.heygen.com";
const HEYGEN_UPLOAD_API = "https://upload.heygen.com";

/** The signing secret the built-in fake hands out for every webhook endpoint (LIVE: HEYGEN_WEBHOOK_SECRET). */
export const HEYGEN_SANDBOX_WEBHOOK_SECRET = "sandbox-heygen-webhook-secret";

type ErrorBody = { error?: { code?: string | number; message?: string } | string | null; code?: number; message?: string };

/** `X-Api-Key`; v2 errors are `{error:{code,message}}`, v1 answers carry `code` (100 = success) and `message`. */
export function heygenClient(vendor: VendorContext): VendorClient {
  return {
    provider: "heygen",
    vendorName: "HeyGen",
    vendor,
    headers: () => ({ "x-api-key": vendor.credential("HEYGEN_API_KEY") }),
    check: heygenError,
  };
}

/**
 * HeyGen's error → ours. Error codes are strings like `invalid_parameter`, `avatar_not_found` [U: the list is not
 * published in one place], so they are matched by what they name: credits and auth are ours to fix, a missing
 * avatar or voice is the client's.
 */
function heygenError(response: VendorResponse): ProviderError | undefined {
  const body = response.ok && !/json/i.test(response.headers.get("content-type") ?? "") ? undefined : jsonOrUndefined<ErrorBody>(response);
  const v1Failure = typeof body?.code === "number" && body.code !== 100;
  if (response.ok && !v1Failure) return undefined;
  const error = typeof body?.error === "object" && body.error ? body.error : undefined;
  const code = String(error?.code ?? body?.code ?? "");
  const message = error?.message ?? (typeof body?.error === "string" ? body.error : undefined) ?? body?.message ?? "";
  const facts = { provider: "heygen", status: response.status, vendorCode: code || undefined };
  const reason = [code, message].filter(Boolean).join(": ");
  if (response.status === 402 || /credit|quota|balance|payment|subscription/i.test(code)) {
    return new ProviderError("PROVIDER_UNAVAILABLE", `HeyGen refused this server's account: ${reason}`, facts);
  }
  if (/avatar|talking_photo/i.test(code)) return new ProviderError("INVALID_INPUT", `HeyGen: ${reason}`, { ...facts, field: "options.avatarId" });
  if (/voice/i.test(code)) return new ProviderError("INVALID_INPUT", `HeyGen: ${reason}`, { ...facts, field: "options.voice" });
  if (response.ok) return new ProviderError("INVALID_INPUT", `HeyGen rejected the request: ${reason}`, facts);
  return errorFromStatus("heygen", "HeyGen", response.status, reason, retryAfterSeconds(response.headers));
}

/**
 * Where audio assets go: HeyGen takes uploads on a separate host. Against a fake or proxy (a non-default base
 * URL) they go to the same base, unless HEYGEN_UPLOAD_BASE_URL says otherwise.
 */
export function heygenUploadBase(vendor: VendorContext): string {
  return vendor.setting("HEYGEN_UPLOAD_BASE_URL") ?? (vendor.baseUrl.replace(/\/+$/, "") === HEYGEN_API ? HEYGEN_UPLOAD_API : vendor.baseUrl);
}

/** The secret HeyGen signs webhook events with: fixed for the built-in fake, HEYGEN_WEBHOOK_SECRET for LIVE. */
export function heygenWebhookSecret(vendor: VendorContext): string | undefined {
  return vendor.sandbox ? HEYGEN_SANDBOX_WEBHOOK_SECRET : vendor.setting("HEYGEN_WEBHOOK_SECRET");
}

/**
 * HeyGen signs each event with HMAC-SHA256 of the raw body, hex, in a `Signature` header [U: header name and
 * encoding are from HeyGen's example code, not a spec].
 */
export function heygenSignature(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

export function verifyHeygenSignature(body: string, signature: string | null, secret: string): boolean {
  const expected = Buffer.from(heygenSignature(body, secret));
  const given = Buffer.from(signature ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Registers the one endpoint HeyGen posts every webhook event of the account to (an operator step, run once:
 * `POST /v1/webhook/endpoint.add`; HeyGen first checks the URL with an OPTIONS request). Keep the returned secret
 * as HEYGEN_WEBHOOK_SECRET.
 */
export async function registerHeygenWebhook(vendor: VendorContext, url: string, signal: AbortSignal): Promise<{ endpointId: string; secret: string }> {
  const res = await vendorRequest(heygenClient(vendor), {
    path: "/v1/webhook/endpoint.add",
    json: { url, events: ["avatar_video.success", "avatar_video.fail"] },
    signal,
  });
  const { data } = res.json<{ data: { endpoint_id: string; secret: string } }>();
  return { endpointId: data.endpoint_id, secret: data.secret };
}
