import { createCheckout } from "../billing/create-checkout";
import { changePlan } from "../billing/change-plan";
import { CREDIT_PACKS } from "../billing/packs";
import { billingStatus } from "../billing/stripe";
import type { Resolvers } from "./generated/schema-types";

export const billingResolvers: Resolvers = {
  Query: {
    billing: async (_, __, ctx) => {
      await ctx.sessionCaller();
      const status = billingStatus();
      return { ...status, packs: CREDIT_PACKS, plansPurchasable: status.purchasablePlans.length > 0 };
    },
  },
  Mutation: {
    createCheckout: async (_, args, ctx) => createCheckout(await ctx.sessionCaller(), args.packId, ctx.baseUrl.replace(/\/$/, "")),
    changePlan: async (_, args, ctx) => changePlan(await ctx.sessionCaller(), args.plan, ctx.baseUrl.replace(/\/$/, "")),
  },
};
