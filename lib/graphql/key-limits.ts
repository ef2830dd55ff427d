import { setLowBalanceThreshold } from "../accounts/set-low-balance-threshold";
import { setApiKeyLimits } from "../keys/set-api-key-limits";
import type { Resolvers } from "./generated/schema-types";

// The limits are parsed again by setApiKeyLimits: its zod schema checks ranges and lists the schema cannot.
export const keyLimitsResolvers: Resolvers = {
  Mutation: {
    updateApiKeyLimits: async (_, args, ctx) => setApiKeyLimits(await ctx.sessionCaller(), args.id, args.limits),
    setLowBalanceThreshold: async (_, args, ctx) => setLowBalanceThreshold(await ctx.sessionCaller(), args.credits ?? null),
  },
};
