/** Usage reports: generations and credits of a period, grouped by day, provider, model, type, key or member. */
export const usageTypeDefs = /* GraphQL */ `
  """
  How a usage report groups generations. MEMBER: the person who made them — signed in to the dashboard, or through
  an API key they created (a key made by the admin command, and work older than this grouping, is "unknown").
  """
  enum UsageGroupBy { DAY PROVIDER MODEL TYPE KEY MEMBER }

  "Generations of one group (a day, provider, model, type, key or member) created in the report's period."
  type UsageRow {
    "The group's value: a UTC date (YYYY-MM-DD), provider id, model id, type, key id (dashboard: made without a key), or member's user id (unknown: nobody can be named)."
    group: String!
    "The group as a person reads it (a key's name, a provider's name, a member's email)."
    label: String!
    generations: Int!
    "Files delivered."
    outputs: Int!
    "Credits spent according to the ledger: reserved, less released and refunded (credits still held included)."
    credits: Int!
    "Seconds of audio and video delivered."
    outputSeconds: Float!
    "Megapixels of images delivered."
    outputMegapixels: Float!
    "Failed among the finished ones (0–1)."
    failureRate: Float!
    "Median seconds from start to result of the completed ones."
    p50Seconds: Float
  }

  type UsageReport {
    from: DateTime!
    to: DateTime!
    groupBy: UsageGroupBy!
    rows: [UsageRow!]!
    totals: UsageRow!
  }

  extend type Query {
    "Your usage of [from, to) (at most 366 days), grouped. A test key sees its test work, which spends nothing."
    usage(from: DateTime!, to: DateTime!, groupBy: UsageGroupBy = DAY): UsageReport!
  }
`;
