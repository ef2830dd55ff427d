/** Credits: the ledger of their movements, and buying credits and plans (dashboard only: an API key can spend credits, never buy them). */
export const billingTypeDefs = /* GraphQL */ `
  enum LedgerKind { RESERVE CHARGE RELEASE TOP_UP ADJUSTMENT }

  "One credit movement. amount is the change to the spendable balance (a charge moves reserved credits, so 0)."
  type LedgerEntry {
    id: ID!
    kind: LedgerKind!
    amount: Int!
    balanceAfter: Int!
    generationId: ID
    note: String
    "A top-up's receipt on Stripe (its card charge's receipt page); null for other movements and opening credits."
    receiptUrl: String
    createdAt: DateTime!
  }

  type LedgerEdge {
    cursor: String!
    node: LedgerEntry!
  }

  type LedgerConnection {
    edges: [LedgerEdge!]!
    nodes: [LedgerEntry!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "Your credit movements, newest first."
    creditLedger(first: Int = 20, after: String): LedgerConnection!
  }

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
