import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import type { RequestCaller } from "../auth/caller";
import { can, OPERATION_CAPABILITY, type Principal } from "../teams/permissions";
import { forbidden } from "../teams/team-actor";
import type { GraphQLContext } from "./context";

export function principalOf(caller: RequestCaller): Principal {
  return caller.kind === "apiKey" ? { kind: "apiKey" } : { kind: "member", role: caller.role };
}

/**
 * The one place every GraphQL operation is checked against the permission table (lib/teams/permissions.ts): each
 * root field of Query, Mutation and Subscription — and the secret-bearing object fields the table lists — is
 * wrapped so that its caller's role (or API key) must hold the field's capability before its resolver runs; else
 * FORBIDDEN. A root field with no entry in the table stops the server from starting.
 */
export function withPermissions(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (!OPERATION_CAPABILITY[`${root!.name}.${field.name}`]) throw new Error(`${root!.name}.${field.name} has no entry in the permission table (lib/teams/permissions.ts)`);
    }
  }
  for (const [coordinate, capability] of Object.entries(OPERATION_CAPABILITY)) {
    const [typeName, fieldName] = coordinate.split(".");
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`The permission table names ${coordinate}, which the schema does not have`);
    const guard = async (ctx: GraphQLContext) => {
      if (!can(principalOf(await ctx.caller()), capability)) throw forbidden(capability);
    };
    const wrap = (inner: GraphQLFieldResolver<unknown, GraphQLContext> | undefined, fallback: GraphQLFieldResolver<unknown, GraphQLContext>) => {
      const resolver = inner ?? fallback;
      return async (source: unknown, args: Record<string, unknown>, ctx: GraphQLContext, info: Parameters<GraphQLFieldResolver<unknown, GraphQLContext>>[3]) => {
        await guard(ctx);
        return resolver(source, args, ctx, info);
      };
    };
    const defaultResolve: GraphQLFieldResolver<unknown, GraphQLContext> = (source) => (source as Record<string, unknown> | null)?.[fieldName];
    if (typeName === "Subscription") field.subscribe = wrap(field.subscribe as GraphQLFieldResolver<unknown, GraphQLContext> | undefined, defaultResolve);
    else field.resolve = wrap(field.resolve as GraphQLFieldResolver<unknown, GraphQLContext> | undefined, defaultResolve);
  }
  return schema;
}
