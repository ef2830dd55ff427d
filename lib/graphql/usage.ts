import { getUsage } from "../usage/get-usage";
import type { Resolvers } from "./generated/schema-types";

export const usageResolvers: Resolvers = {
  Query: {
    usage: async (_, args, ctx) => getUsage(await ctx.caller(), args),
  },
};
