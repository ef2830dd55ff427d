import { createHash, createPublicKey, verify } from "node:crypto";
import { logger } from "../../log";
import { errorFromStatus, ProviderError } from "../http/provider-error";
import { type VendorClient, type VendorResponse, jsonOrUndefined, retryAfterSeconds, vendorRequest } from "../http/vendor-request";
import type { CallbackRequest, VendorContext } from "../types";
import type { HedraErrorEnvelope } from "./transform";

export const HEDRA_API = "https://api.hedra.com/v3";

/** Which of our fields a Hedra `param` names. */
const FIELDS: Record<string, string> = {
  "input.aspect_ratio": "options.aspectRatio",
  "input.resolution": "options.resolution",
  "input.duration_ms": "options.duration",
  "input.start_image": "input.image",
  "input.audio": "input.audio",
  "input.voice_id": "options.voice",
  "input.text": "input.text",
  "input.prompt": "input.text",
};

/** `Authorization: Bearer <key_id>:<secret>` (the spec's KeyAuth scheme; HEDRA_API_KEY holds the whole pair). */
export function hedraClient(vendor: VendorContext): VendorClient {
  return {
    provider: "hedra",
    vendorName: "Hedra",
    vendor,
    headers: () => ({ authorization: `Bearer ${vendor.credential("HEDRA_API_KEY")}` }),
    check: (response) => (response.ok ? undefined : hedraError(response)),
  };
}

/** Hedra's `{error:{code,message,retryable,retry_after,param,details,replaced_by}}` → ours. */
export function hedraError(response: VendorResponse): ProviderError {
  const error = jsonOrUndefined<{ error?: HedraErrorEnvelope }>(response)?.error;
  const reason = error ? `${error.code}: ${error.message}` : response.text().slice(0, 200);
  const facts = { provider: "hedra", status: response.status, vendorCode: error?.code };
  switch (error?.code) {
    case "INVALID_ARGUMENT": {
      const detail = (error.details ?? []).map((d) => d.message).join("; ");
      const field = FIELDS[error.param ?? error.details?.[0]?.field ?? ""];
      return new ProviderError("INVALID_INPUT", `Hedra rejected the request: ${detail || error.message}`, { ...facts, field });
    }
    case "MODERATION_FAILED":
      return new ProviderError("GENERATION_FAILED", `Hedra's content moderation refused this request: ${error.message}`, facts);
    case "INSUFFICIENT_BALANCE":
    case "UNAUTHORIZED":
    case "PERMISSION_DENIED":
      return new ProviderError("PROVIDER_UNAVAILABLE", `Hedra refused this server's key or wallet: ${reason}`, facts);
    case "GONE":
      return new ProviderError("PROVIDER_UNAVAILABLE", `Hedra retired this model${error.replaced_by ? ` (replaced by ${error.replaced_by})` : ""}: ${error.message}`, facts);
    case undefined:
    default: {
      const retryAfter = error?.retry_after ?? retryAfterSeconds(response.headers);
      const mapped = errorFromStatus("hedra", "Hedra", response.status, reason, retryAfter ?? undefined);
      return new ProviderError(mapped.code as ConstructorParameters<typeof ProviderError>[0], mapped.message, {
        ...facts,
        retryable: mapped.retryable,
        retryAfter: mapped.retryAfter,
      });
    }
  }
}

/** Hedra's webhook public key per API root: one fetch per process. */
const publicKeys = new Map<string, Promise<string>>();

/** A delivery older than this is refused (Hedra's own rule). */
const MAX_AGE_S = 5 * 60;
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/**
 * Checks a webhook delivery the way Hedra documents it: a hex ed25519 signature (`X-Hedra-Webhook-Signature`) over
 * timestamp, id, event, redelivery flag and the body's sha256, one per line, verified with the key from
 * `GET /webhooks/public-key`; deliveries more than 5 minutes old are refused.
 */
export async function verifyHedraWebhook(request: CallbackRequest, vendor: VendorContext): Promise<boolean> {
  const h = (name: string) => request.headers.get(`x-hedra-webhook-${name}`);
  const [timestamp, id, event, redelivery, signature] = [h("timestamp"), h("id"), h("event"), h("redelivery"), h("signature")];
  if (!timestamp || !id || !event || !redelivery || !signature) return false;
  if (!(Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_AGE_S)) return false;
  const canonical = [timestamp, id, event, redelivery, createHash("sha256").update(request.body, "utf8").digest("hex")].join("\n");
  try {
    const key = await hedraPublicKey(vendor);
    const raw = Buffer.from(key, "base64");
    const der = raw.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, raw]) : raw;
    return verify(null, Buffer.from(canonical, "utf8"), createPublicKey({ key: der, format: "der", type: "spki" }), Buffer.from(signature, "hex"));
  } catch (err) {
    logger("hedra").error({ err }, "could not check a Hedra webhook signature");
    return false;
  }
}

function hedraPublicKey(vendor: VendorContext): Promise<string> {
  const cached = publicKeys.get(vendor.baseUrl);
  if (cached) return cached;
  const fetched = vendorRequest(hedraClient(vendor), { path: "/webhooks/public-key", signal: AbortSignal.timeout(10_000) }).then(
    (res) => res.json<{ public_key: string }>().public_key,
  );
  publicKeys.set(vendor.baseUrl, fetched);
  fetched.catch(() => publicKeys.delete(vendor.baseUrl)); // a failed fetch is tried again next time
  return fetched;
}
