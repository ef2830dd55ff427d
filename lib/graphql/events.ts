import { listGenerationEvents } from "../events/list-generation-events";
import { watchGeneration } from "../generations/watch-generation";
import type { Generation, GenerationEvent, KeyMode, WebhookAttempt } from "../generated/prisma/client";
import { getGenerationOrThrow } from "../generations/get-generation";
import { createWebhookEndpoint } from "../webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "../webhooks/delete-webhook-endpoint";
import { getWebhookSecret } from "../webhooks/get-webhook-secret";
import { listWebhookDeliveries } from "../webhooks/list-webhook-deliveries";
import { listWebhookEndpoints } from "../webhooks/list-webhook-endpoints";
import { redeliverWebhook } from "../webhooks/redeliver-webhook";
import { rotateWebhookSecret } from "../webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "../webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "../webhooks/update-webhook-endpoint";
import { toConnection } from "./connection";
import type { GraphQLContext } from "./context";

// The event log, the generationUpdated push and webhooks: their part of the schema, and resolvers that only translate.
export const eventsTypeDefs = /* GraphQL */ `
  "One state change of a generation, from the account's event log."
  type GenerationEvent {
    id: ID!
    "generation.created, generation.started, generation.progress, generation.completed, generation.failed or generation.cancelled."
    type: String!
    generationId: ID!
    "The generation's public fields as of this event (no download URL: ask generation(id) for a fresh one)."
    data: JSON!
    "Position in the account's log (increasing)."
    sequence: String!
    createdAt: DateTime!
  }

  type GenerationEventEdge {
    cursor: String!
    node: GenerationEvent!
  }

  type GenerationEventConnection {
    edges: [GenerationEventEdge!]!
    nodes: [GenerationEvent!]!
    "endCursor is the cursor to pass as \`after\` next time (the one you sent when there is nothing new)."
    pageInfo: PageInfo!
  }

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

  type Subscription {
    "The generation now, then after each change until it is final (then the stream completes). Over SSE: send Accept: text/event-stream."
    generationUpdated(id: ID!): Generation!
  }

  extend type Query {
    "Every state change of your generations, oldest first: page with \`after\` to catch up on what you missed."
    generationEvents(after: String, first: Int = 50): GenerationEventConnection!
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

export const eventsResolvers = {
  Query: {
    generationEvents: async (_: unknown, args: { first?: number; after?: string }, ctx: GraphQLContext) =>
      toConnection(await listGenerationEvents(await ctx.caller(), args)),
    webhookEndpoints: async (_: unknown, __: unknown, ctx: GraphQLContext) => listWebhookEndpoints(await ctx.caller()),
    webhookDeliveries: async (_: unknown, args: { first?: number; after?: string; endpointId?: string }, ctx: GraphQLContext) =>
      toConnection(await listWebhookDeliveries(await ctx.caller(), args)),
  },
  Subscription: {
    generationUpdated: {
      // Checked before the stream starts, so another account's id is a plain NOT_FOUND result, not a broken stream.
      subscribe: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
        const caller = await ctx.caller();
        await getGenerationOrThrow(caller, args.id);
        return watchGeneration(caller, args.id, ctx.request.signal);
      },
      resolve: (generation: Generation) => generation,
    },
  },
  Mutation: {
    rotateWebhookSecret: async (_: unknown, args: { mode?: KeyMode | null }, ctx: GraphQLContext) => rotateWebhookSecret(await ctx.sessionCaller(), args.mode),
    createWebhookEndpoint: async (_: unknown, args: { url: string; events?: string[] | null; mode?: KeyMode | null }, ctx: GraphQLContext) =>
      createWebhookEndpoint(await ctx.sessionCaller(), args),
    updateWebhookEndpoint: async (_: unknown, args: { id: string; url?: string | null; events?: string[] | null; enabled?: boolean | null }, ctx: GraphQLContext) =>
      updateWebhookEndpoint(await ctx.sessionCaller(), args.id, args),
    deleteWebhookEndpoint: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => deleteWebhookEndpoint(await ctx.sessionCaller(), args.id),
    redeliverWebhook: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => redeliverWebhook(await ctx.caller(), args.id),
    sendTestWebhook: async (_: unknown, args: { endpointId: string }, ctx: GraphQLContext) => sendTestWebhook(await ctx.caller(), args.endpointId),
  },
  Me: {
    webhookSecret: async (_: unknown, args: { mode?: KeyMode | null }, ctx: GraphQLContext) => (await getWebhookSecret(await ctx.caller(), args.mode)).secret,
    previousWebhookSecretExpiresAt: async (_: unknown, args: { mode?: KeyMode | null }, ctx: GraphQLContext) =>
      (await getWebhookSecret(await ctx.caller(), args.mode)).previousSecretExpiresAt,
  },
  GenerationEvent: {
    sequence: (e: GenerationEvent) => e.sequence.toString(),
  },
  WebhookAttempt: {
    id: (a: WebhookAttempt) => a.id.toString(),
  },
};
