import type { Prisma } from "../generated/prisma/client";

/** The body of a webhook, as the Standard Webhooks spec suggests: `{ type, timestamp, data }`. */
export function webhookPayload(type: string, at: Date, data: unknown): Prisma.InputJsonValue {
  return { type, timestamp: at.toISOString(), data } as Prisma.InputJsonValue;
}
