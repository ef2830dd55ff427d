import { createCheckout } from "../billing/create-checkout";
import { createPlanCheckout } from "../billing/create-plan-checkout";
import { CREDIT_PACKS } from "../billing/packs";
import { billingStatus } from "../billing/stripe";
import { env } from "../env";
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
    "Plans changePlan can open a subscription checkout for."
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
    "Dashboard only. Opens a subscription Checkout for STARTER or PRO; the plan changes when Stripe confirms it."
    changePlan(plan: Plan!): CheckoutSession!
  }
`;

/**
 * Where Checkout sends the person back: DOITONG_PUBLIC_URL, else the host the browser used. Not ctx.baseUrl's
 * request origin: Next reports that as localhost, and a return to another host name would lose the session cookie.
 */
function returnOrigin(ctx: GraphQLContext): string {
  const configured = env().DOITONG_PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const host = ctx.request.headers.get("x-forwarded-host") ?? ctx.request.headers.get("host");
  const proto = ctx.request.headers.get("x-forwarded-proto") ?? new URL(ctx.request.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : ctx.baseUrl;
}

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
      createCheckout(await ctx.sessionCaller(), args.packId, returnOrigin(ctx)),
    changePlan: async (_: unknown, args: { plan: Plan }, ctx: GraphQLContext) => createPlanCheckout(await ctx.sessionCaller(), args.plan, returnOrigin(ctx)),
  },
};
