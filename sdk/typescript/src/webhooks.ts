import { DoitongError } from "./errors.js";

/** A webhook that is not ours, was changed on the way, or is too old (a replay). */
export class WebhookVerificationError extends DoitongError {
  constructor(message: string) {
    super(message, { code: "WEBHOOK_VERIFICATION_FAILED" });
  }
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** How far a webhook-timestamp may be from now, as the Standard Webhooks reference libraries allow. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Verifies a webhook as the Standard Webhooks spec defines it (https://www.standardwebhooks.com, the scheme the
 * API signs with: lib/webhooks/deliver-webhook.ts): HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with
 * the base64 key after `whsec_`, any one of the space-separated `v1,<base64>` signatures matching, and a timestamp
 * within five minutes. Pass the raw body exactly as received (not re-serialized JSON). Returns the parsed payload;
 * throws WebhookVerificationError. Uses WebCrypto, so it runs in Node 18+, edge runtimes and Deno alike.
 */
export async function verifyWebhook<T = unknown>(body: string | Uint8Array, headers: WebhookHeaders, secret: string, now: Date = new Date()): Promise<T> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header");
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt)) throw new WebhookVerificationError("Invalid webhook-timestamp");
  const age = now.getTime() / 1000 - sentAt;
  if (age > TOLERANCE_SECONDS) throw new WebhookVerificationError("Webhook timestamp too old");
  if (age < -TOLERANCE_SECONDS) throw new WebhookVerificationError("Webhook timestamp too new");

  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const key = await crypto.subtle.importKey("raw", secretBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${text}`)));
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    return version === "v1" && signature !== undefined && constantTimeEqual(expected, fromBase64(signature));
  });
  if (!matches) throw new WebhookVerificationError("No matching signature found");
  return JSON.parse(text) as T;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key ? record[key] : undefined;
  return Array.isArray(value) ? value.join(" ") : value;
}

function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  const bytes = fromBase64(encoded);
  if (bytes.length === 0) throw new WebhookVerificationError("The webhook secret is empty or not base64 (expected whsec_…)");
  return bytes;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array(0);
  }
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
