/** Usage reports: generations and credits of a period, grouped by day, provider, model, type or key. */
export const usageTypeDefs = /* GraphQL */ `
  enum UsageGroupBy { DAY PROVIDER MODEL TYPE KEY }

  "Generations of one group (a day, provider, model, type or key) created in the report's period."
  type UsageRow {
    "The group's value: a UTC date (YYYY-MM-DD), provider id, model id, type, or key id (dashboard: made without a key)."
    group: String!
    "The group as a person reads it (a key's name, a provider's name)."
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
