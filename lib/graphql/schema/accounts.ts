/** The account: who is calling, its plan, credits and limits, its API keys. */
export const accountsTypeDefs = /* GraphQL */ `
  enum Plan { FREE STARTER PRO ENTERPRISE }

  type PlanLimits {
    "null means unlimited."
    requestsPerMinute: Int
    parallel: Int
    daily: Int
  }

  type Credits {
    "Spendable now."
    balance: Int!
    "Held for generations in flight."
    reserved: Int!
  }

  type Usage {
    generationsToday: Int!
    running: Int!
    queued: Int!
  }

  "The per-minute request window after this request (null when the account has no per-minute limit)."
  type RateWindow {
    limit: Int!
    remaining: Int!
    resetSeconds: Int!
  }

  type Me {
    accountId: ID!
    email: String!
    plan: Plan!
    credits: Credits!
    limits: PlanLimits!
    "Generations that may be queued or running at once before generate answers RATE_LIMIT (null: unlimited)."
    queueCapacity: Int
    usage: Usage!
    rateLimit: RateWindow
    """
    Signs this account's webhooks (Standard Webhooks, whsec_…). Verify deliveries with it; rotate it in the dashboard.
    Each mode has its own: an API key gets its own mode's (and may not ask for the other); the dashboard LIVE unless asked.
    """
    webhookSecret(mode: KeyMode): String!
    "While in the future, webhooks are signed with the previous secret as well (after a rotation)."
    previousWebhookSecretExpiresAt(mode: KeyMode): DateTime
  }

  "An API key as the dashboard lists it: the key itself is shown once, at creation, and never stored."
  type ApiKey {
    id: ID!
    name: String!
    mode: KeyMode!
    "First characters of the key, e.g. dk_live_4f9a."
    prefix: String!
    createdAt: DateTime!
    lastUsedAt: DateTime
    revokedAt: DateTime
  }

  type CreatedApiKey {
    apiKey: ApiKey!
    "The full key. Shown once: copy it now."
    key: String!
  }

  type PlanInfo {
    id: Plan!
    name: String!
    limits: PlanLimits!
    "Limits set per account by us (Enterprise)."
    custom: Boolean!
  }

  extend type Query {
    "The plan table the API enforces."
    plans: [PlanInfo!]!
    "Dashboard only: the account's API keys."
    apiKeys: [ApiKey!]!
    me: Me!
  }

  extend type Mutation {
    "Dashboard only."
    createApiKey(name: String!, mode: KeyMode = LIVE): CreatedApiKey!
    "Dashboard only. The key stops working at once."
    revokeApiKey(id: ID!): ApiKey!
  }
`;
