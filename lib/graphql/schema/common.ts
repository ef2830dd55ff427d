/** What every part of the schema shares: scalars, paging, key modes, and the root types the domain files extend. */
export const commonTypeDefs = /* GraphQL */ `
  "Any JSON value."
  scalar JSON

  "An ISO-8601 timestamp in UTC."
  scalar DateTime

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  enum KeyMode { LIVE TEST }

  # The roots: each domain file adds its own fields (extend type Query / Mutation).
  type Query
  type Mutation
`;
