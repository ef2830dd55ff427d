// The Doitong SDK: `new Doitong({ apiKey })`, its errors, webhook verification and the generated API types.
export { Doitong } from "./client.js";
export * from "./errors.js";
export { isFinal } from "./wait.js";
export { verifyWebhook, WebhookVerificationError } from "./webhooks.js";
