import { listGenerationEvents } from "../events/list-generation-events";
import { watchGeneration } from "../generations/watch-generation";
import type { Generation } from "../generated/prisma/client";
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
import type { Resolvers } from "./generated/schema-types";

export const eventsResolvers: Resolvers = {
  Query: {
    generationEvents: async (_, args, ctx) => toConnection(await listGenerationEvents(await ctx.caller(), args)),
    webhookEndpoints: async (_, __, ctx) => listWebhookEndpoints(await ctx.caller()),
    webhookDeliveries: async (_, args, ctx) => toConnection(await listWebhookDeliveries(await ctx.caller(), args)),
  },
  Subscription: {
    generationUpdated: {
      // Checked before the stream starts, so another account's id is a plain NOT_FOUND result, not a broken stream.
      subscribe: async (_, args, ctx) => {
        const caller = await ctx.caller();
        await getGenerationOrThrow(caller, args.id);
        return watchGeneration(caller, args.id, ctx.request.signal);
      },
      resolve: (generation: Generation) => generation,
    },
  },
  Mutation: {
    rotateWebhookSecret: async (_, args, ctx) => rotateWebhookSecret(await ctx.sessionCaller(), args.mode),
    createWebhookEndpoint: async (_, args, ctx) => createWebhookEndpoint(await ctx.sessionCaller(), args),
    updateWebhookEndpoint: async (_, args, ctx) => updateWebhookEndpoint(await ctx.sessionCaller(), args.id, args),
    deleteWebhookEndpoint: async (_, args, ctx) => deleteWebhookEndpoint(await ctx.sessionCaller(), args.id),
    redeliverWebhook: async (_, args, ctx) => redeliverWebhook(await ctx.caller(), args.id),
    sendTestWebhook: async (_, args, ctx) => sendTestWebhook(await ctx.caller(), args.endpointId),
  },
  Me: {
    webhookSecret: async (_, args, ctx) => (await getWebhookSecret(await ctx.caller(), args.mode)).secret,
    previousWebhookSecretExpiresAt: async (_, args, ctx) => (await getWebhookSecret(await ctx.caller(), args.mode)).previousSecretExpiresAt,
  },
  GenerationEvent: {
    sequence: (e) => e.sequence.toString(),
  },
  WebhookAttempt: {
    id: (a) => a.id.toString(),
  },
};
