/** API keys' own limits and the account's alerts: set in the dashboard, read by anyone who may read the account. */
export const keysTypeDefs = /* GraphQL */ `
  "The period a key's spend cap counts over: the current UTC day or month, or the key's lifetime."
  enum KeySpendPeriod { DAY MONTH TOTAL }
  "What an API key may do: generate (and cancel, upload), read (generations, events, ledger, balance, usage), webhooks."
  enum KeyScope { generate read webhooks }

  extend type ApiKey {
    "Credits the key may spend per spendPeriod (null: no cap). Over it, generate answers INSUFFICIENT_CREDITS with extensions.scope = key."
    spendCap: Int
    spendPeriod: KeySpendPeriod
    "What the key spent in the cap's current period, held credits included (null when it has no cap)."
    spent: Int
    "Requests per minute for this key, below the plan's (null: the plan's alone)."
    rpmLimit: Int
    "After this the key is refused (UNAUTHENTICATED, extensions.reason = key-expired)."
    expiresAt: DateTime
    scopes: [KeyScope!]!
    "Providers the key may use (empty: any)."
    allowedProviders: [String!]!
    "Types the key may generate (empty: any)."
    allowedTypes: [GenerationType!]!
  }

  "A key's own limits; a field left out is unchanged, null clears it."
  input ApiKeyLimitsInput {
    spendCap: Int
    spendPeriod: KeySpendPeriod
    rpmLimit: Int
    expiresAt: DateTime
    scopes: [KeyScope!]
    allowedProviders: [String!]
    allowedTypes: [GenerationType!]
  }

  extend type Me {
    "Below this balance the account is warned by mail and an account.low_balance webhook, once per crossing (null: never)."
    lowBalanceThreshold: Int
  }

  extend type Mutation {
    "Dashboard only. Sets a key's spend cap, per-minute limit, expiry, scopes and allowed providers or types."
    updateApiKeyLimits(id: ID!, limits: ApiKeyLimitsInput!): ApiKey!
    "Dashboard only. The low-balance alert threshold in credits (null: no alert). Returns the threshold set."
    setLowBalanceThreshold(credits: Int): Int
  }
`;
