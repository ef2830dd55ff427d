/** Webhooks: endpoints, deliveries with every attempt, signing secrets. */
export const webhooksTypeDefs = /* GraphQL */ `
  "Where the account's webhooks go. \`events\` empty: every final event (completed, failed, cancelled) and every alert."
  type WebhookEndpoint {
    id: ID!
    url: String!
    "generation.completed, generation.failed, generation.cancelled, generation.progress (at most one per second per generation); alerts (live endpoints): account.low_balance, key.budget_warning."
    events: [String!]!
    enabled: Boolean!
    "Why it is disabled (by the account, or automatically after the endpoint answered 410 Gone)."
    disabledReason: String
    "TEST endpoints receive the events of test keys' generations (signed with the test secret), LIVE ones the rest."
    mode: KeyMode!
    createdAt: DateTime!
  }

  enum WebhookDeliveryStatus { PENDING SUCCEEDED FAILED DISABLED }

  "One HTTP attempt of a delivery."
  type WebhookAttempt {
    id: ID!
    attemptedAt: DateTime!
    "Null when there was no HTTP response (timeout, refused connection, private address)."
    httpStatus: Int
    "The first 500 characters of the response body."
    responseSnippet: String
    error: String
    durationMs: Int!
  }

  "One webhook message to one URL; its id is the webhook-id header, the same on every attempt."
  type WebhookDelivery {
    id: ID!
    "Null for a generation's own webhookUrl."
    endpointId: ID
    generationId: ID
    url: String!
    eventType: String!
    "The mode of what it reports; it is signed with that mode's secret."
    mode: KeyMode!
    "The JSON body that is sent and signed."
    payload: JSON!
    status: WebhookDeliveryStatus!
    attemptCount: Int!
    nextAttemptAt: DateTime
    lastStatus: Int
    createdAt: DateTime!
    attempts: [WebhookAttempt!]!
  }

  type WebhookDeliveryEdge {
    cursor: String!
    node: WebhookDelivery!
  }

  type WebhookDeliveryConnection {
    edges: [WebhookDeliveryEdge!]!
    nodes: [WebhookDelivery!]!
    pageInfo: PageInfo!
  }

  type WebhookSecret {
    secret: String!
    "Until then deliveries also carry a signature made with the previous secret."
    previousSecretExpiresAt: DateTime
  }

  extend type Query {
    "Your webhook endpoints."
    webhookEndpoints: [WebhookEndpoint!]!
    "Webhook messages, newest first, with every attempt."
    webhookDeliveries(first: Int = 20, after: String, endpointId: ID): WebhookDeliveryConnection!
  }

  extend type Mutation {
    "Dashboard only. A new signing secret for a mode (default LIVE); the old one keeps signing too for 24 hours."
    rotateWebhookSecret(mode: KeyMode): WebhookSecret!
    "Dashboard only. The URL must be http(s) on a public address. TEST endpoints receive test keys' events."
    createWebhookEndpoint(url: String!, events: [String!], mode: KeyMode = LIVE): WebhookEndpoint!
    "Dashboard only. Disabling stops its pending deliveries; enabling resumes new ones."
    updateWebhookEndpoint(id: ID!, url: String, events: [String!], enabled: Boolean): WebhookEndpoint!
    "Dashboard only."
    deleteWebhookEndpoint(id: ID!): Boolean!
    "Sends a delivery again now, with the same webhook-id and a fresh retry schedule."
    redeliverWebhook(id: ID!): WebhookDelivery!
    "Queues a webhook.test message to an endpoint."
    sendTestWebhook(endpointId: ID!): WebhookDelivery!
  }
`;
