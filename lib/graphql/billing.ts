import { createCheckout } from "../billing/create-checkout";
import { changePlan } from "../billing/change-plan";
import { CREDIT_PACKS } from "../billing/packs";
import { billingStatus } from "../billing/stripe";
import type { Plan } from "../generated/prisma/client";
import type { GraphQLContext } from "./context";

/** Buying credits and plans: dashboard only (an API key can spend credits, never buy them). */
export const billingTypeDefs = /* GraphQL */ `
  "A credit pack sold through Stripe Checkout."
  type CreditPack {
    id: ID!
    credits: Int!
    "Price in the currency's smallest unit (cents)."
    priceCents: Int!
    "ISO currency code, lower case (usd)."
    currency: String!
    label: String!
  }

  type Billing {
    "False when this server has no Stripe key: top-ups and plan purchases are unavailable."
    configured: Boolean!
    packs: [CreditPack!]!
    "True when at least one plan can be bought here (see purchasablePlans)."
    plansPurchasable: Boolean!
    "Plans changePlan can move to on this server (paid plans need their Stripe price configured)."
    purchasablePlans: [Plan!]!
  }

  "A hosted Stripe Checkout page to send the person to."
  type CheckoutSession {
    url: String!
  }

  extend type Query {
    "Dashboard only: what can be bought on this server."
    billing: Billing!
  }

  extend type Mutation {
    "Dashboard only. Opens a Checkout for a credit pack; credits arrive when Stripe confirms the payment."
    createCheckout(packId: ID!): CheckoutSession!
    """
    Dashboard only. The first paid plan opens a subscription Checkout; with a subscription, STARTER ↔ PRO changes its
    price in place (prorated on the card on file) and FREE cancels it. The plan changes when Stripe confirms it; the
    returned URL is the Checkout page or, for in-place changes, the plans page.
    """
    changePlan(plan: Plan!): CheckoutSession!
  }
`;

export const billingResolvers = {
  Query: {
    billing: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      await ctx.sessionCaller();
      const status = billingStatus();
      return { ...status, packs: CREDIT_PACKS, plansPurchasable: status.purchasablePlans.length > 0 };
    },
  },
  Mutation: {
    createCheckout: async (_: unknown, args: { packId: string }, ctx: GraphQLContext) =>
      createCheckout(await ctx.sessionCaller(), args.packId, ctx.baseUrl.replace(/\/$/, "")),
    changePlan: async (_: unknown, args: { plan: Plan }, ctx: GraphQLContext) => changePlan(await ctx.sessionCaller(), args.plan, ctx.baseUrl.replace(/\/$/, "")),
  },
};
