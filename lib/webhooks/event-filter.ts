import { invalidInput } from "../errors";
import { FINAL_EVENT_TYPES } from "./event-types";

/** Account alerts (lib/alerts): rare, and sent to every endpoint that does not filter them out. */
export const ALERT_EVENT_TYPES = ["account.low_balance", "key.budget_warning"] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** Event types an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ["generation.completed", "generation.failed", "generation.cancelled", "generation.progress", ...ALERT_EVENT_TYPES] as const;

/** Sent only by sendTestWebhook, whatever the filter. */
export const TEST_EVENT_TYPE = "webhook.test";

/**
 * Whether an endpoint with this filter gets an event. An empty filter means every final event and every alert;
 * progress events (up to one per second per generation) are sent only to endpoints that ask for them by name.
 */
export function endpointWants(filter: readonly string[], eventType: string): boolean {
  return filter.length === 0 ? FINAL_EVENT_TYPES.has(eventType) || (ALERT_EVENT_TYPES as readonly string[]).includes(eventType) : filter.includes(eventType);
}

/** Validates a filter from a client: known types, no duplicates. */
export function parseEventFilter(events: readonly string[] | null | undefined): string[] {
  const list = [...new Set((events ?? []).map((e) => e.trim()))];
  const unknown = list.find((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown !== undefined) throw invalidInput("events", `Unknown event type ${JSON.stringify(unknown)}; one of ${WEBHOOK_EVENT_TYPES.join(", ")}`);
  return list;
}
