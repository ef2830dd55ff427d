/** How long media is kept, deleting it sooner, and the owner's export and deletion of the workspace (lib/retention). */
export const retentionTypeDefs = /* GraphQL */ `
  extend input GenerateInput {
    """
    How long to keep the media after the generation finishes: a number and a unit (m, h, d), at least 1h and at most
    the plan's maximum (Free 7d, Starter 30d, Pro 90d; Enterprise may say "forever"). Omitted: the workspace default
    (see \`me.retention\`). When it runs out the files are deleted; the generation stays, with \`url: null\`.
    """
    retention: String
  }

  extend type Generation {
    "The retention it was accepted with (7d…), or forever."
    retention: String!
    "When its files will be (or were due to be) deleted; null while it runs, or when kept forever."
    mediaExpiresAt: DateTime
    "When its files were deleted (retention ran out, or deleteGeneration); url and outputs are empty from then on."
    mediaExpiredAt: DateTime
    "When deleteGeneration removed its media and request (prompt, inputs, webhook URL); status and cost remain."
    deletedAt: DateTime
  }

  "How long this workspace keeps generated media."
  type RetentionSettings {
    "The workspace default as set, or null: none set, the plan's maximum applies."
    default: String
    "What a generate without \`retention\` gets now."
    effective: String!
    "The longest the plan allows, or forever."
    planMaximum: String!
  }

  extend type Me {
    retention: RetentionSettings!
  }

  extend type PlanInfo {
    "The longest a generation's media may be kept on this plan (7d…), or forever."
    maxRetention: String!
  }

  extend type Query {
    """
    Dashboard only (the owner): everything the workspace holds as one JSON document — account, people, API keys
    (not the keys), webhook endpoints, uploads, every generation with signed media links valid 7 days, the ledger.
    """
    workspaceExport: JSON!
  }

  extend type Mutation {
    "Sets the workspace's default retention (1h … the plan's maximum); null goes back to the plan's maximum. Live keys and the dashboard."
    setRetentionDefault(retention: String): RetentionSettings!
    """
    Deletes a finished generation's media at once and erases its prompt, inputs and webhook URL. Its status, cost,
    options and metadata stay (accounting), with \`deletedAt\` set. A queued or running one: cancel it first.
    """
    deleteGeneration(id: ID!): Generation!
    "Deletes an upload and its bytes at once."
    deleteUpload(id: ID!): Boolean!
    """
    Dashboard only (the owner). Deletes every file and personal datum of the workspace; only the ledger's amounts stay,
    under an anonymised account. Sessions and API keys stop working. \`confirmEmail\` must be the workspace's email.
    """
    deleteWorkspace(confirmEmail: String!): Boolean!
  }
`;
