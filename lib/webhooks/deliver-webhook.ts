import { Webhook } from "standardwebhooks";
import { db } from "../db";
import type { WebhookDeliveryStatus } from "../generated/prisma/client";
import { observeWebhookDelivered } from "../ops/metrics";
import { postWebhook, type PostResult } from "./post-webhook";
import { parseRetryAfter } from "../net/retry-after";
import { retryDelayMs } from "./retry-schedule";
import { signingSecrets } from "./webhook-secret";

export interface AttemptOutcome {
  status: WebhookDeliveryStatus;
  /** When the next attempt is due, for PENDING. */
  nextAttemptAt: Date | null;
}

/**
 * Makes one attempt of a claimed delivery: signs the stored payload (Standard Webhooks: webhook-id, a timestamp
 * of this attempt, and one `v1,` signature per valid secret), POSTs it, logs the attempt, and decides what next:
 * 2xx succeeded; 410 Gone disables the endpoint and its pending deliveries; anything else is retried on the
 * schedule (or after Retry-After, when the receiver asks for longer) until the schedule runs out.
 */
export async function deliverWebhook(deliveryId: string, now = () => new Date()): Promise<AttemptOutcome | null> {
  const client = await db();
  const delivery = await client.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: { select: { enabled: true } } } });
  if (!delivery || delivery.status !== "PENDING") return null;
  if (delivery.endpointId && delivery.endpoint && !delivery.endpoint.enabled) {
    await client.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "DISABLED", nextAttemptAt: null, lockedUntil: null } });
    return { status: "DISABLED", nextAttemptAt: null };
  }

  const body = JSON.stringify(delivery.payload);
  const timestamp = now();
  const secrets = await signingSecrets(client, delivery.accountId, delivery.mode, timestamp);
  const signature = secrets.map((secret) => new Webhook(secret).sign(delivery.id, timestamp, body)).join(" ");
  const result = await postWebhook(delivery.url, body, {
    "webhook-id": delivery.id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  });

  const attempts = delivery.attemptCount + 1;
  const outcome = decide(result, attempts, Boolean(delivery.endpointId), now());
  await client.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        deliveryId,
        attemptedAt: timestamp,
        httpStatus: result.httpStatus,
        responseSnippet: result.responseSnippet,
        error: result.error ?? (outcome.status === "SUCCEEDED" ? null : describeStatus(result.httpStatus)),
        durationMs: result.durationMs,
      },
    });
    await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: "PENDING" },
      data: { attemptCount: attempts, lastStatus: result.httpStatus, status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, lockedUntil: null },
    });
    if (result.httpStatus === 410 && delivery.endpointId) {
      const reason = `The endpoint answered 410 Gone on ${timestamp.toISOString()}; enable it again to resume deliveries`;
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId }, data: { enabled: false, disabledReason: reason } });
      await tx.webhookDelivery.updateMany({ where: { endpointId: delivery.endpointId, status: "PENDING" }, data: { status: "DISABLED", nextAttemptAt: null } });
    }
  });
  if (outcome.status === "SUCCEEDED") observeWebhookDelivered((Date.now() - delivery.createdAt.getTime()) / 1000);
  return outcome;
}

function decide(result: PostResult, attempts: number, hasEndpoint: boolean, now: Date): AttemptOutcome {
  const status = result.httpStatus ?? 0;
  if (status >= 200 && status < 300) return { status: "SUCCEEDED", nextAttemptAt: null };
  if (status === 410) return { status: hasEndpoint ? "DISABLED" : "FAILED", nextAttemptAt: null };
  const delay = retryDelayMs(attempts, { retryAfterSeconds: parseRetryAfter(result.retryAfter, now.getTime()) });
  return delay === null ? { status: "FAILED", nextAttemptAt: null } : { status: "PENDING", nextAttemptAt: new Date(now.getTime() + delay) };
}

function describeStatus(status: number | null): string | null {
  if (status === null) return null;
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed for webhooks`;
  return `HTTP ${status}`;
}
