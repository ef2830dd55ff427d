/** The event log and the generationUpdated push. */
export const eventsTypeDefs = /* GraphQL */ `
  "One state change of a generation, from the account's event log."
  type GenerationEvent {
    id: ID!
    "generation.created, generation.started, generation.progress, generation.completed, generation.failed or generation.cancelled."
    type: String!
    generationId: ID!
    "The generation's public fields as of this event (no download URL: ask generation(id) for a fresh one)."
    data: JSON!
    "Position in the account's log (increasing)."
    sequence: String!
    createdAt: DateTime!
  }

  type GenerationEventEdge {
    cursor: String!
    node: GenerationEvent!
  }

  type GenerationEventConnection {
    edges: [GenerationEventEdge!]!
    nodes: [GenerationEvent!]!
    "endCursor is the cursor to pass as \`after\` next time (the one you sent when there is nothing new)."
    pageInfo: PageInfo!
  }

  type Subscription {
    "The generation now, then after each change until it is final (then the stream completes). Over SSE: send Accept: text/event-stream."
    generationUpdated(id: ID!): Generation!
  }

  extend type Query {
    "Every state change of your generations, oldest first: page with \`after\` to catch up on what you missed."
    generationEvents(after: String, first: Int = 50): GenerationEventConnection!
  }
`;
