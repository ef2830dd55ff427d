/*
 * The product page's GraphQL block: its documents and Variables examples, verbatim, for
 * tests/integration/samples-apollo-graphql.test.ts (only VENDOR_EXAMPLES adds, per example, the variable this server
 * names). Unlike the other files in this folder it is TypeScript, as the block is GraphQL text and JSON rather than a
 * program a customer runs.
 */

export const GENERATE = /* GraphQL */ `
  # Universal generation mutation - works for all content types
  mutation Generate($input: GenerateInput!) {
    generate(input: $input) {
      id
      status
      type
      provider
      url
      metadata
      creditCost
      estimatedTime
      progress
      error
      errorCode
    }
  }
`;

export const GET_GENERATION = /* GraphQL */ `
  # Query generation status
  query GetGeneration($id: ID!) {
    generation(id: $id) {
      id
      status
      type
      provider
      url
      progress
      metadata {
        width
        height
        duration
        format
      }
      creditCost
      error
      errorCode
      createdAt
      completedAt
    }
  }
`;

export const CANCEL_GENERATION = /* GraphQL */ `
  # Cancel a generation
  mutation CancelGeneration($id: ID!) {
    cancelGeneration(id: $id)
  }
`;

export const GET_PROVIDERS = /* GraphQL */ `
  # Get available providers for a content type
  query GetProviders($type: GenerationType!) {
    providers(type: $type) {
      id
      name
      description
      features
      limitations
      pricing {
        creditCost
        estimatedTime
      }
      options {
        name
        type
        required
        description
        allowedValues
      }
    }
  }
`;

export const AUTO_SELECT_VIDEO = {
  input: {
    type: "VIDEO",
    input: {
      text: "A bustling Tokyo street at night with neon lights",
    },
    options: {
      duration: 10,
      resolution: "1080p",
      style: "cinematic",
    },
  },
};

/** The page's examples that name a vendor, with the variable each vendor needs on this server. */
export const VENDOR_EXAMPLES: [string, string, Record<string, unknown>][] = [
  [
    "Generate video with specific provider",
    "KLING_ACCESS_KEY",
    { input: { type: "VIDEO", provider: "kling", input: { text: "Epic space battle scene" }, options: { mode: "pro", duration: 10, aspectRatio: "16:9" } } },
  ],
  [
    "Image-to-video generation",
    "RUNWAYML_API_SECRET",
    {
      input: {
        type: "VIDEO",
        provider: "runway",
        input: { text: "Make the character dance", image: "https://example.com/character.jpg" },
        options: { motionIntensity: "high", model: "gen-3" },
      },
    },
  ],
  [
    "Generate image",
    "BFL_API_KEY",
    {
      input: {
        type: "IMAGE",
        provider: "flux-ultra",
        input: { text: "Photorealistic portrait in Rembrandt style" },
        options: { aspectRatio: "16:9", quality: "ultra", seed: 42 },
      },
    },
  ],
  [
    "Generate audio/TTS",
    "ELEVENLABS_API_KEY",
    {
      input: {
        type: "AUDIO",
        provider: "elevenlabs",
        input: { text: "Welcome to the future of artificial intelligence" },
        options: { voice: "rachel", emotion: "excited", speed: 1.0 },
      },
    },
  ],
  [
    "Generate avatar video",
    "HEYGEN_API_KEY",
    {
      input: {
        type: "AVATAR",
        provider: "heygen",
        input: { text: "Hello, I'm your AI assistant", voice: "professional_female" },
        options: { avatarId: "kate", background: "modern_office", gesture: "friendly" },
        webhookUrl: "https://your-app.com/webhook",
      },
    },
  ],
];
