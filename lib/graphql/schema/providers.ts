/** The catalog: providers, their options and models, live health, stock voices and avatars. */
export const providersTypeDefs = /* GraphQL */ `
  enum OptionType { STRING INT FLOAT BOOLEAN }

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

  "closed (healthy), open (skipped after repeated vendor failures) or half_open (being probed)."
  enum CircuitState { closed open half_open }

  """
  operational; degraded (its circuit is being probed after failures); down (skipped after repeated vendor failures);
  paused (Doitong's operators hold its circuit open: skipped, and naming it is refused); switched_off (Doitong's
  operators took it out of service for your key's mode: \`available\` is false and \`unavailableReason\` says why).
  """
  enum ProviderStatus { operational degraded down paused switched_off }

  type ProviderHealth {
    "The provider's state in one word, the operators' switches included: read this before circuit."
    status: ProviderStatus!
    "closed (healthy), open (skipped after repeated vendor failures) or half_open (being probed)"
    circuit: CircuitState!
    "True while Doitong's operators hold the circuit open or closed: it then ignores vendor failures, and retryAt is null."
    circuitHeld: Boolean!
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

  extend type Query {
    providers(type: GenerationType!): [Provider!]!
    "A provider's stock voices (AUDIO and AVATAR providers), optionally of one language (en, ru-RU…)."
    voices(provider: String!, language: String): [Voice!]!
    "A provider's stock avatars (AVATAR providers)."
    avatars(provider: String!): [Avatar!]!
    "The one vocabulary of options for a type: every provider of the type accepts each of them."
    unifiedOptions(type: GenerationType!): [ProviderOption!]!
  }
`;
