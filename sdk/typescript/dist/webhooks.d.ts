import { DoitongError } from "./errors.js";
/** A webhook that is not ours, was changed on the way, or is too old (a replay). */
export declare class WebhookVerificationError extends DoitongError {
    constructor(message: string);
}
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;
/**
 * Verifies a webhook as the Standard Webhooks spec defines it (https://www.standardwebhooks.com, the scheme the
 * API signs with: lib/webhooks/deliver-webhook.ts): HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with
 * the base64 key after `whsec_`, any one of the space-separated `v1,<base64>` signatures matching, and a timestamp
 * within five minutes. Pass the raw body exactly as received (not re-serialized JSON). Returns the parsed payload;
 * throws WebhookVerificationError. Uses WebCrypto, so it runs in Node 18+, edge runtimes and Deno alike.
 */
export declare function verifyWebhook<T = unknown>(body: string | Uint8Array, headers: WebhookHeaders, secret: string, now?: Date): Promise<T>;
