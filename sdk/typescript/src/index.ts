// The Doitong SDK: `new Doitong({ apiKey })`, its errors, webhook verification and the generated API types.
export { Doitong, type DoitongOptions, type Estimate, type GenerationFilter, type LedgerEntry, type Me, type PageOptions, type Provider } from "./client.js";
export * from "./errors.js";
export type { Upload, UploadSource } from "./uploads.js";
export { isFinal, type Generation, type WaitOptions } from "./wait.js";
export { verifyWebhook, WebhookVerificationError, type WebhookHeaders } from "./webhooks.js";
export type { GenerateInput, GenerationInputData, GenerationStatus, GenerationType, Priority, KeyMode, LedgerKind, Plan } from "./generated/graphql.js";
