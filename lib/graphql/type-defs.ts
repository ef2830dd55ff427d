/** The public contract (product.md "Public API contract"). Field names follow the product page's samples. */
export const typeDefs = /* GraphQL */ `
  "Any JSON value."
  scalar JSON
  "An ISO-8601 timestamp in UTC."
  scalar DateTime

  enum GenerationType { VIDEO IMAGE AUDIO AVATAR }
  enum GenerationStatus { QUEUED PROCESSING COMPLETED FAILED CANCELLED }
  "How to choose a provider when none is named."
  enum Priority { QUALITY SPEED COST BALANCED }
  enum Plan { FREE STARTER PRO ENTERPRISE }
  enum OptionType { STRING INT FLOAT BOOLEAN }

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

  type ProviderPricing {
    "Credits with the provider's default options."
    creditCost: Int!
    estimatedTime: Int!
  }

  type ProviderOption {
    name: String!
    "True for the options of the one vocabulary every provider of the type accepts."
    unified: Boolean!
    type: OptionType!
    required: Boolean!
    description: String!
    allowedValues: [String!]
    min: Float
    max: Float
    default: JSON
  }

  type ProviderHealth {
    "closed (healthy), open (skipped after repeated vendor failures) or half_open (being probed)"
    circuit: String!
    faultRate: Float!
    recentCalls: Int!
    p50Seconds: Float
    completedRuns: Int!
    "When an open circuit lets the next probe through."
    retryAt: DateTime
  }

  "GA: generally available; PREVIEW: the vendor may still change it; DEPRECATED: runs, with a warning naming its end; RETIRED: refused."
  enum ModelStatus { GA PREVIEW DEPRECATED RETIRED }

  "One vendor model behind a provider id."
  type ProviderModel {
    "Our id: the value of the provider's model option (model, version or mode), or the provider id when it has one model."
    id: ID!
    "The vendor's own model id."
    vendorModelId: String!
    status: ModelStatus!
    "The day the vendor stops (or stopped) serving it, YYYY-MM-DD, when announced."
    sunsetAt: String
    "The model to move to."
    successor: String
  }

  "NATIVE: sent as the vendor's own field; APPROXIMATED: no such field, so approximated another way (the note says how); IGNORED: the vendor cannot do it."
  enum OptionTreatment { NATIVE APPROXIMATED IGNORED }

  "A unified option and how one provider treats it."
  type UnifiedOptionSupport {
    name: String!
    type: OptionType!
    description: String!
    "The portable values (a value the provider lists under its own option of that name is accepted too)."
    allowedValues: [String!]
    min: Float
    max: Float
    treatment: OptionTreatment!
    "The provider's own option a native value is sent as."
    option: String
    note: String
  }

  enum Gender { female male neutral }

  "A stock voice of a vendor. Use its id, its name, or one of \`presets\` as the voice."
  type Voice {
    id: ID!
    name: String!
    "BCP 47, e.g. en-US."
    language: String!
    gender: Gender!
    "Manner and accent, e.g. calm, professional, british."
    traits: [String!]!
    previewUrl: String
    "Portable voice names that resolve to this voice on this provider (rachel, professional_female…)."
    presets: [String!]!
  }

  "A stock avatar of a vendor. Use its id, its name, or one of \`presets\` as options.avatarId."
  type Avatar {
    id: ID!
    name: String!
    gender: Gender!
    traits: [String!]!
    previewUrl: String
    "Portable avatar names that resolve to this avatar on this provider (kate, professional_male…)."
    presets: [String!]!
  }

  type ProviderInput {
    name: String!
    required: Boolean!
  }

  type Provider {
    id: ID!
    name: String!
    vendor: String!
    description: String!
    features: [String!]!
    limitations: [String!]!
    pricing: ProviderPricing!
    "The provider's own options (top level in \`options\`, or under \`providerOptions.<id>\`)."
    options: [ProviderOption!]!
    "Every unified option of the type and how this provider treats it."
    unifiedOptions: [UnifiedOptionSupport!]!
    "Which \`input\` fields it reads beyond \`text\` (image, endImage, video, audio, voice), and whether each is required."
    inputs: [ProviderInput!]!
    "The vendor models it runs, with their lifecycle status; a request without a model option runs the current recommended one."
    models: [ProviderModel!]!
    "Live health: circuit state and failure rate of recent calls, p50 time to result from this week's runs."
    health: ProviderHealth!
    "Whether \`generate\` can use it on this server now."
    available: Boolean!
    unavailableReason: String
    "True for the local preview provider (real files, not an AI model)."
    preview: Boolean!
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

  enum LedgerKind { RESERVE CHARGE RELEASE TOP_UP ADJUSTMENT }

  "One credit movement. amount is the change to the spendable balance (a charge moves reserved credits, so 0)."
  type LedgerEntry {
    id: ID!
    kind: LedgerKind!
    amount: Int!
    balanceAfter: Int!
    generationId: ID
    note: String
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

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
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

  enum KeyMode { LIVE TEST }

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

  type Query {
    "The plan table the API enforces."
    plans: [PlanInfo!]!
    "Dashboard only: the account's API keys."
    apiKeys: [ApiKey!]!
    "One of your generations. Ids of other accounts are NOT_FOUND."
    generation(id: ID!): Generation
    "Your generations, newest first."
    generations(first: Int = 20, after: String, type: GenerationType, status: GenerationStatus, provider: String): GenerationConnection!
    providers(type: GenerationType!): [Provider!]!
    "A provider's stock voices (AUDIO and AVATAR providers), optionally of one language (en, ru-RU…)."
    voices(provider: String!, language: String): [Voice!]!
    "A provider's stock avatars (AVATAR providers)."
    avatars(provider: String!): [Avatar!]!
    "The one vocabulary of options for a type: every provider of the type accepts each of them."
    unifiedOptions(type: GenerationType!): [ProviderOption!]!
    "Cost and time of a request, and the provider it would use, without running it."
    estimate(input: GenerateInput!): Estimate!
    me: Me!
    "Your credit movements, newest first."
    creditLedger(first: Int = 20, after: String): LedgerConnection!
  }

  type Mutation {
    "Starts a generation and returns at once with status QUEUED."
    generate(input: GenerateInput!): Generation!
    "True when this call cancelled it; false when it had already finished."
    cancelGeneration(id: ID!): Boolean!
    videoCreate(input: VideoCreateInput!): VideoGeneration!
    "Dashboard only."
    createApiKey(name: String!, mode: KeyMode = LIVE): CreatedApiKey!
    "Dashboard only. The key stops working at once."
    revokeApiKey(id: ID!): ApiKey!
  }
`;
