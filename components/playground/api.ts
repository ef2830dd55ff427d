import type { ShownWarning } from "@/components/i18n/warning-text";
/**
 * The GraphQL documents and result shapes the playground and catalog use. The shapes mirror
 * lib/graphql/type-defs.ts field for field; only what the pages read is selected.
 */
export type GenerationType = "VIDEO" | "IMAGE" | "AUDIO" | "AVATAR";
export type Priority = "QUALITY" | "SPEED" | "COST" | "BALANCED";
export type GenerationStatus = "QUEUED" | "PROCESSING" | "COMPLETED" | "FAILED" | "CANCELLED";
export type OptionType = "STRING" | "INT" | "FLOAT" | "BOOLEAN";
export type OptionValue = string | number | boolean;

export interface ProviderOption {
  name: string;
  /** One of the type's unified options (the same on every provider). */
  unified?: boolean;
  type: OptionType;
  required: boolean;
  description: string;
  allowedValues: string[] | null;
  min: number | null;
  max: number | null;
  default: OptionValue | null;
}

export type OptionTreatment = "NATIVE" | "APPROXIMATED" | "IGNORED";

/** A unified option and how one provider treats it. */
export interface UnifiedOptionSupport {
  name: string;
  treatment: OptionTreatment;
  /** The provider's own option a native value is sent as. */
  option: string | null;
  note: string | null;
}

export interface Provider {
  id: string;
  name: string;
  vendor: string;
  description: string;
  features: string[];
  limitations: string[];
  pricing: { creditCost: number; estimatedTime: number };
  options: ProviderOption[];
  /** Only in the playground query: how this provider treats each unified option of the type. */
  unifiedOptions?: UnifiedOptionSupport[];
  available: boolean;
  unavailableReason: string | null;
  preview: boolean;
  /** Only in the catalog query: live circuit state and timings. */
  health?: ProviderHealth;
  /** Only in the catalog query: the vendor models behind it, with their lifecycle. */
  models?: ProviderModel[];
}

export interface ProviderModel {
  id: string;
  vendorModelId: string;
  status: "GA" | "PREVIEW" | "DEPRECATED" | "RETIRED";
  sunsetAt: string | null;
  successor: string | null;
}

export interface ProviderHealth {
  circuit: "closed" | "open" | "half_open";
  faultRate: number;
  recentCalls: number;
  p50Seconds: number | null;
  completedRuns: number;
  retryAt: string | null;
}

export interface Estimate {
  provider: string;
  creditCost: number;
  estimatedTime: number;
  options: Record<string, OptionValue>;
  /** Options the provider maps, approximates or ignores, one sentence each. */
  warnings: string[];
  /** The same as data: what the page words in the reader's language. */
  warningDetails: ShownWarning[];
}

export interface Generation {
  id: string;
  status: GenerationStatus;
  type: GenerationType;
  provider: string;
  url: string | null;
  progress: number;
  creditCost: number;
  estimatedTime: number;
  prompt: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  error: { code: string; message: string } | null;
  metadata: { width: number | null; height: number | null; duration: number | null; mimeType: string | null; size: number | null } | null;
  /** Every file made (several with numOutputs); the first is `url`. */
  outputs?: { index: number; url: string }[];
}

export interface GenerateInput {
  type: GenerationType;
  provider?: string;
  priority?: Priority;
  input: { text: string; image?: string; voice?: string };
  options?: Record<string, OptionValue>;
  providerOptions?: Record<string, Record<string, OptionValue>>;
}

/** The tabs, in order; their names are playground.types.* in the catalogs. */
export const TYPES: GenerationType[] = ["VIDEO", "IMAGE", "AUDIO", "AVATAR"];

export const FINAL_STATUSES: readonly GenerationStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];

const PROVIDER_FIELDS = /* GraphQL */ `
  id name vendor description features limitations preview available unavailableReason
  pricing { creditCost estimatedTime }
  options { name unified type required description allowedValues min max default }
`;

export const PROVIDERS_QUERY = /* GraphQL */ `
  query PlaygroundProviders($type: GenerationType!) {
    providers(type: $type) { ${PROVIDER_FIELDS} unifiedOptions { name treatment option note } }
    unifiedOptions(type: $type) { name unified type required description allowedValues min max default }
  }
`;

const HEALTH_FIELDS = "health { circuit faultRate recentCalls p50Seconds completedRuns retryAt }";
const MODEL_FIELDS = "models { id vendorModelId status sunsetAt successor }";

// One request for the whole catalog: four aliased fields instead of four round trips.
export const CATALOG_QUERY = /* GraphQL */ `
  query Catalog {
    video: providers(type: VIDEO) { ${PROVIDER_FIELDS} ${HEALTH_FIELDS} ${MODEL_FIELDS} }
    image: providers(type: IMAGE) { ${PROVIDER_FIELDS} ${HEALTH_FIELDS} ${MODEL_FIELDS} }
    audio: providers(type: AUDIO) { ${PROVIDER_FIELDS} ${HEALTH_FIELDS} ${MODEL_FIELDS} }
    avatar: providers(type: AVATAR) { ${PROVIDER_FIELDS} ${HEALTH_FIELDS} ${MODEL_FIELDS} }
  }
`;

export const ESTIMATE_QUERY = /* GraphQL */ `
  query PlaygroundEstimate($input: GenerateInput!) { estimate(input: $input) { provider creditCost estimatedTime options warnings warningDetails { code message field provider value used params } } }
`;

const GENERATION_FIELDS = /* GraphQL */ `
  id status type provider url progress creditCost estimatedTime prompt createdAt startedAt completedAt
  error { code message }
  metadata { width height duration mimeType size }
  outputs { index url }
`;

export const GENERATE_MUTATION = /* GraphQL */ `
  mutation PlaygroundGenerate($input: GenerateInput!) { generate(input: $input) { ${GENERATION_FIELDS} } }
`;

export const GENERATION_QUERY = /* GraphQL */ `
  query PlaygroundGeneration($id: ID!) { generation(id: $id) { ${GENERATION_FIELDS} } }
`;

/** Pushed over Server-Sent Events: the current state at once, then each change until final. */
export const GENERATION_UPDATED_SUBSCRIPTION = /* GraphQL */ `
  subscription PlaygroundGenerationUpdated($id: ID!) { generationUpdated(id: $id) { ${GENERATION_FIELDS} } }
`;

export const CANCEL_MUTATION = /* GraphQL */ `
  mutation PlaygroundCancel($id: ID!) { cancelGeneration(id: $id) }
`;

export const CREDITS_QUERY = /* GraphQL */ `
  query PlaygroundCredits { me { plan credits { balance reserved } } }
`;
