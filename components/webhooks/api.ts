/** GraphQL documents and result shapes of the webhooks page; they mirror lib/graphql/type-defs.ts. */
export type DeliveryStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "DISABLED";

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
}

export interface WebhookAttempt {
  id: string;
  attemptedAt: string;
  httpStatus: number | null;
  responseSnippet: string | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string | null;
  generationId: string | null;
  url: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  createdAt: string;
  attempts: WebhookAttempt[];
}

/** What an endpoint can subscribe to, in the order the form shows them. */
export const EVENT_CHOICES: { type: string; label: string; hint: string }[] = [
  { type: "generation.completed", label: "Completed", hint: "the result is ready" },
  { type: "generation.failed", label: "Failed", hint: "credits were released" },
  { type: "generation.cancelled", label: "Cancelled", hint: "by you or a deadline" },
  { type: "generation.progress", label: "Progress", hint: "at most once a second per generation" },
];

const ENDPOINT_FIELDS = "id url events enabled disabledReason createdAt";
const DELIVERY_FIELDS = `id endpointId generationId url eventType status attemptCount nextAttemptAt lastStatus createdAt
  attempts { id attemptedAt httpStatus responseSnippet error durationMs }`;

export const ENDPOINTS_QUERY = /* GraphQL */ `query WebhookEndpoints { webhookEndpoints { ${ENDPOINT_FIELDS} } }`;
export const DELIVERIES_QUERY = /* GraphQL */ `
  query WebhookDeliveries($first: Int, $endpointId: ID) { webhookDeliveries(first: $first, endpointId: $endpointId) { nodes { ${DELIVERY_FIELDS} } } }
`;
export const SECRET_QUERY = /* GraphQL */ `query WebhookSecret { me { accountId webhookSecret previousWebhookSecretExpiresAt } }`;

export const ROTATE_SECRET = /* GraphQL */ `mutation RotateWebhookSecret { rotateWebhookSecret { secret previousSecretExpiresAt } }`;
export const CREATE_ENDPOINT = /* GraphQL */ `
  mutation CreateWebhookEndpoint($url: String!, $events: [String!]) { createWebhookEndpoint(url: $url, events: $events) { ${ENDPOINT_FIELDS} } }
`;
export const UPDATE_ENDPOINT = /* GraphQL */ `
  mutation UpdateWebhookEndpoint($id: ID!, $enabled: Boolean, $events: [String!]) {
    updateWebhookEndpoint(id: $id, enabled: $enabled, events: $events) { ${ENDPOINT_FIELDS} }
  }
`;
export const DELETE_ENDPOINT = /* GraphQL */ `mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
export const SEND_TEST = /* GraphQL */ `mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { ${DELIVERY_FIELDS} } }`;
export const REDELIVER = /* GraphQL */ `mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { ${DELIVERY_FIELDS} } }`;

/** "generation.completed" → "Completed"; anything else as sent. */
export function eventLabel(type: string): string {
  return EVENT_CHOICES.find((c) => c.type === type)?.label ?? type;
}
