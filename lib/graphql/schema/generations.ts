/** The public contract (product.md "Public API contract"): generations. Field names follow the product page's samples. */
export const generationsTypeDefs = /* GraphQL */ `
  enum GenerationType { VIDEO IMAGE AUDIO AVATAR }

  enum GenerationStatus { QUEUED PROCESSING COMPLETED FAILED CANCELLED }

  "How to choose a provider when none is named."
  enum Priority { QUALITY SPEED COST BALANCED }

  "What to generate from. \`text\` is the prompt (or the script for speech and avatars)."
  input GenerationInputData {
    text: String
    "Image for image-to-video or an avatar portrait: an http(s) URL (public addresses only), a data: URI, or an upload id (\`upload_…\`, see createUpload)."
    image: String
    "Last frame for image-to-video (Kling, MiniMax, Veo, Runway gen-3, Luma, Seedance); a URL, data: URI or upload id."
    endImage: String
    "Voice for speech and avatars."
    voice: String
    "Audio that drives an avatar (Hedra, HeyGen): a URL, data: URI or upload id."
    audio: String
    "Reference or driving video (Viggle dance): a URL, data: URI or upload id (videos up to 200 MB)."
    video: String
  }

  input GenerateInput {
    type: GenerationType!
    "A catalog provider id (see \`providers\`). Omit it to let the API choose by \`priority\`."
    provider: String
    input: GenerationInputData!
    "Options in the one vocabulary of the type (see \`unifiedOptions\`), valid on every provider, plus the chosen provider's own option names. Unified options a provider cannot take exactly are mapped, approximated or ignored, and said in \`warnings\`."
    options: JSON
    "Vendor-specific options per provider id, e.g. { kling: { cfgScale: 0.7 } }: only the chosen provider's are used, validated against its own option list."
    providerOptions: JSON
    priority: Priority
    webhookUrl: String
    "Reject instead of running when the cost would be above this many credits."
    maxCost: Int
    "Same as the Idempotency-Key header, for this generate only (at most 255 characters)."
    idempotencyKey: String
    "Refuse with INVALID_INPUT instead of adjusting, approximating or ignoring an option the provider cannot take natively (see \`warnings\`)."
    strict: Boolean
    "If it has not started by then (e.g. waiting behind your parallel limit), it is CANCELLED with error DEADLINE_EXCEEDED and nothing is charged."
    deadline: DateTime
  }

  "The Apollo sample's shape: a thin alias of \`generate\` for videos."
  input VideoCreateInput {
    prompt: String!
    "Provider id, as in \`GenerateInput.provider\`."
    model: String
    duration: Float
    resolution: String
    aspectRatio: String
    image: String
    webhookUrl: String
    maxCost: Int
    idempotencyKey: String
  }

  "Measured from the produced file, not echoed from the request."
  type GenerationMetadata {
    width: Int
    height: Int
    duration: Float
    resolution: String
    format: String
    mimeType: String
    size: Int
    hasAudio: Boolean
  }

  "One file of a generation (several with the unified option numOutputs)."
  type GenerationOutput {
    "The slot among the numOutputs asked for, from 0; a slot whose vendor job failed is missing."
    index: Int!
    "Signed download URL, valid for an hour."
    url: String!
    metadata: GenerationMetadata!
  }

  type GenerationError {
    code: String!
    message: String!
  }

  type Generation {
    id: ID!
    status: GenerationStatus!
    type: GenerationType!
    provider: String!
    "Signed download URL of the result (the first of \`outputs\`), valid for an hour; null until COMPLETED."
    url: String
    "Every file made, in slot order; empty until COMPLETED. Several when the request set numOutputs."
    outputs: [GenerationOutput!]!
    "Files asked for (numOutputs); \`outputs\` holds fewer when some failed (see warnings: those were not charged)."
    numOutputs: Int!
    "0–100."
    progress: Int!
    "Measured from the first of \`outputs\`."
    metadata: GenerationMetadata
    "Credits reserved for this generation (per output asked for), charged per output delivered when it completes and released otherwise; once COMPLETED, what was charged."
    creditCost: Int!
    "Expected seconds from start to result."
    estimatedTime: Int!
    error: GenerationError
    errorCode: String
    "The options as requested (validated, with defaults)."
    options: JSON!
    "Same as \`options\`."
    requestedOptions: JSON!
    "What the provider was actually sent, after adjusting what it cannot honour exactly."
    appliedOptions: JSON!
    "One sentence per adjusted option; empty when the request was honoured exactly."
    warnings: [String!]!
    "The same warnings as data, in the same order: a code and the facts the sentence names, to word them in another language or act on them."
    warningDetails: [Warning!]!
    "LIVE, or TEST when made with a test key: run against the provider's built-in fake, no credits spent."
    mode: KeyMode!
    "The start deadline given in the request, if any."
    deadline: DateTime
    "While QUEUED: 1 for this account's next generation to start; null once it has started."
    queuePosition: Int
    "Seconds until the result is expected (this model's p50 from our history, minus the time already spent); 0 once final."
    estimatedTimeRemaining: Int!
    "How the provider was chosen: every candidate with its score or why it was excluded, the choice and the reason."
    routing: Routing
    "Every provider tried, in order (more than one when the API fell back after a vendor refused or failed)."
    attempts: [ProviderAttempt!]!
    prompt: String!
    createdAt: DateTime!
    startedAt: DateTime
    completedAt: DateTime
  }

  type RoutingCandidate {
    provider: String!
    "0–1 for the priority; null when the provider was excluded (the reason says why)."
    score: Float
    reason: String!
  }

  type Routing {
    "null when the provider was named in the request."
    priority: Priority
    "Version of the quality table used (lib/routing/quality-scores.ts)."
    qualityVersion: String!
    candidates: [RoutingCandidate!]!
    chosen: String!
    reason: String!
  }

  type ProviderAttempt {
    provider: String!
    "running, succeeded, refused (before the vendor accepted), failed, or timed_out"
    status: String!
    errorCode: String
    message: String
    startedAt: DateTime!
    endedAt: DateTime
  }

  type VideoGeneration {
    id: ID!
    status: GenerationStatus!
    provider: String!
    videoUrl: String
    progress: Int!
    creditCost: Int!
    estimatedTime: Int!
    error: GenerationError
  }

  type Estimate {
    provider: String!
    "For every output asked for: numOutputs × the price of one."
    creditCost: Int!
    "Files the request asks for (unified option numOutputs)."
    numOutputs: Int!
    estimatedTime: Int!
    options: JSON!
    appliedOptions: JSON!
    warnings: [String!]!
    "The same warnings as data (see Generation.warningDetails)."
    warningDetails: [Warning!]!
  }

  """
  A warning as data; \`message\` is the English sentence also listed in \`warnings\`. Codes: OPTION_IGNORED (field,
  provider), OPTION_APPROXIMATED (field, provider), VALUE_UNAVAILABLE (field, provider, value; used when something else
  was sent), PRESET_MATCHED (field, provider, value, used), VOICE_FOR_LANGUAGE (language → the voice in used),
  BACKGROUND_AS_COLOUR (value → the colour in used), OPTION_ADJUSTED (a model's own rule; provider, field when known),
  MODEL_DEPRECATED (value is the model; params sunsetAt, successor), PARTIAL_OUTPUTS (params made, asked, charged,
  released), NOTICE (no code: generations stored before codes existed). New codes may be added; show \`message\` for
  one you do not know.
  """
  type Warning {
    code: String!
    message: String!
    "The option or input it is about, e.g. aspectRatio or input.endImage."
    field: String
    "The provider's display name."
    provider: String
    "The value asked for, as text."
    value: String
    "What was used instead, as text."
    used: String
    "Further facts some codes carry (counts, dates)."
    params: JSON
  }

  type GenerationEdge {
    cursor: String!
    node: Generation!
  }

  type GenerationConnection {
    edges: [GenerationEdge!]!
    nodes: [Generation!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "One of your generations. Ids of other accounts are NOT_FOUND."
    generation(id: ID!): Generation
    "Your generations, newest first."
    generations(first: Int = 20, after: String, type: GenerationType, status: GenerationStatus, provider: String): GenerationConnection!
    "Cost and time of a request, and the provider it would use, without running it."
    estimate(input: GenerateInput!): Estimate!
  }

  extend type Mutation {
    "Starts a generation and returns at once with status QUEUED."
    generate(input: GenerateInput!): Generation!
    "True when this call cancelled it; false when it had already finished."
    cancelGeneration(id: ID!): Boolean!
    videoCreate(input: VideoCreateInput!): VideoGeneration!
  }
`;
