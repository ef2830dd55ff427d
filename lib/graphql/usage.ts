import { getUsage, type UsageGroupBy } from "../usage/get-usage";
import type { GraphQLContext } from "./context";

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

export const usageResolvers = {
  Query: {
    usage: async (_: unknown, args: { from: Date; to: Date; groupBy: UsageGroupBy }, ctx: GraphQLContext) => getUsage(await ctx.caller(), args),
  },
};
