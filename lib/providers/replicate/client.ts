import { createHash } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, jsonOrUndefined, retryAfterSeconds } from "../http/vendor-request";
import type { CallbackRequest, VendorContext } from "../types";

export const REPLICATE_API = "https://api.replicate.com";

/** Bearer token; errors are problem+json `{title, detail, status}` (422 adds `invalid_fields`). */
export function replicateClient(provider: string, vendor: VendorContext): VendorClient {
  return {
    provider,
    vendorName: "Replicate",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("REPLICATE_API_TOKEN")}` }),
    check(response) {
      if (response.ok) return undefined;
      const problem = jsonOrUndefined<{ title?: string; detail?: string }>(response);
      const reason = problem?.detail || problem?.title || response.text().slice(0, 200);
      if (response.status === 404) {
        // The model or prediction is gone: nothing the client sent is wrong.
        return new ProviderError("PROVIDER_UNAVAILABLE", `Replicate could not find it (HTTP 404): ${reason}`, { provider, status: 404 });
      }
      return errorFromStatus(provider, "Replicate", response.status, reason, retryAfterSeconds(response.headers));
    },
  };
}

/**
 * The `whsec_` secret Replicate signs webhooks with (Standard Webhooks). Replicate has one per account, shown by
 * `GET /v1/webhooks/default/secret`; LIVE servers set it as REPLICATE_WEBHOOK_SECRET. The built-in fake has no
 * account, so its secret is derived from the API token it was called with, which the sandbox context knows too.
 * Without a secret we cannot verify, so we do not ask for webhooks at all (polling still finishes the job).
 */
export function replicateWebhookSecret(vendor: VendorContext): string | undefined {
  const configured = vendor.setting("REPLICATE_WEBHOOK_SECRET");
  if (configured) return configured;
  return vendor.sandbox ? sandboxWebhookSecret(vendor.credential("REPLICATE_API_TOKEN")) : undefined;
}

export function sandboxWebhookSecret(token: string): string {
  return `whsec_${createHash("sha256").update(`replicate-sandbox-webhook:${token}`).digest().subarray(0, 24).toString("base64")}`;
}

/** True when the webhook carries a valid, fresh (±5 min) Standard Webhooks signature. */
export function verifyReplicateWebhook(request: CallbackRequest, secret: string | undefined): boolean {
  if (!secret) return false;
  try {
    new Webhook(secret).verify(request.body, {
      "webhook-id": request.headers.get("webhook-id") ?? "",
      "webhook-timestamp": request.headers.get("webhook-timestamp") ?? "",
      "webhook-signature": request.headers.get("webhook-signature") ?? "",
    });
    return true;
  } catch {
    return false;
  }
}
