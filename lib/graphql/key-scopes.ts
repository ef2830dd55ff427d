import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema, isObjectType } from "graphql";
import { type KeyScope, requireKeyScope } from "../auth/key-scopes";
import type { GraphQLContext } from "./context";

/**
 * The scope an API key needs for each root field (and the few nested fields that reach further than their parent):
 * null for what any key may do (the catalog, estimates) and for dashboard-only fields, which refuse keys anyway.
 * Every root field of the schema must be listed — a test walks the schema — so a new operation cannot slip in
 * unguarded. The money path is also checked in the verbs themselves (createGeneration, cancelGeneration,
 * createUpload require `generate`), which is what /v1 and /mcp reach.
 */
export const FIELD_SCOPES: Record<string, KeyScope | null> = {
  "Query.plans": null,
  "Query.providers": null,
  "Query.voices": null,
  "Query.avatars": null,
  "Query.unifiedOptions": null,
  "Query.estimate": null,
  "Query.apiKeys": null,
  "Query.billing": null,
  "Query.workspaceExport": null,
  "Query.generation": "read",
  "Query.generations": "read",
  "Query.me": "read",
  "Query.creditLedger": "read",
  "Query.generationEvents": "read",
  "Query.usage": "read",
  "Query.upload": "generate",
  "Query.webhookEndpoints": "webhooks",
  "Query.webhookDeliveries": "webhooks",
  "Me.webhookSecret": "webhooks",
  "Me.previousWebhookSecretExpiresAt": "webhooks",
  "Mutation.generate": "generate",
  "Mutation.videoCreate": "generate",
  "Mutation.cancelGeneration": "generate",
  "Mutation.createUpload": "generate",
  "Mutation.deleteGeneration": "generate",
  "Mutation.deleteUpload": "generate",
  // It decides how long what `generate` makes is kept.
  "Mutation.setRetentionDefault": "generate",
  "Mutation.createWebhookEndpoint": "webhooks",
  "Mutation.updateWebhookEndpoint": "webhooks",
  "Mutation.deleteWebhookEndpoint": "webhooks",
  "Mutation.rotateWebhookSecret": "webhooks",
  "Mutation.redeliverWebhook": "webhooks",
  "Mutation.sendTestWebhook": "webhooks",
  "Mutation.createApiKey": null,
  "Mutation.revokeApiKey": null,
  "Mutation.updateApiKeyLimits": null,
  "Mutation.setLowBalanceThreshold": null,
  "Mutation.createCheckout": null,
  "Mutation.changePlan": null,
  // Teams: the audit log is readable with a key; the rest is dashboard-only (refused to keys by the verbs).
  "Query.auditLog": "read",
  "Query.members": null,
  "Query.invitations": null,
  "Query.workspaces": null,
  "Mutation.inviteMember": null,
  "Mutation.revokeInvitation": null,
  "Mutation.removeMember": null,
  "Mutation.changeMemberRole": null,
  "Mutation.transferOwnership": null,
  "Mutation.acceptInvitation": null,
  "Mutation.declineInvitation": null,
  "Mutation.leaveWorkspace": null,
  "Mutation.deleteWorkspace": null,
  "Subscription.generationUpdated": "read",
};

/** Wraps the listed fields' resolvers (and subscribers) so a key without the scope gets FORBIDDEN before they run. */
export function guardKeyScopes<S extends GraphQLSchema>(schema: S): S {
  for (const [coordinate, scope] of Object.entries(FIELD_SCOPES)) {
    if (scope === null) continue;
    const [typeName, fieldName] = coordinate.split(".");
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue; // listed ahead of a field another module adds; the schema walk test keeps the list honest
    const guard = async (ctx: GraphQLContext) => requireKeyScope(await ctx.caller(), scope);
    const config = field as unknown as GraphQLFieldConfig<unknown, GraphQLContext>;
    const resolve = field.resolve ?? defaultFieldResolver;
    config.resolve = async (source, args, ctx, info) => {
      await guard(ctx);
      return resolve(source, args, ctx, info);
    };
    if (field.subscribe) {
      const subscribe = field.subscribe;
      config.subscribe = async (source, args, ctx, info) => {
        await guard(ctx);
        return subscribe(source, args, ctx, info);
      };
    }
  }
  return schema;
}
