import type { ShownWarning } from "@/components/i18n/warning-text";

/** The shapes the dashboard reads from /graphql (a subset of lib/graphql/type-defs.ts, kept by hand). */
import type { RetentionFields } from "@/components/retention/delete-generation-button";
export type GenerationType = "VIDEO" | "IMAGE" | "AUDIO" | "AVATAR";
export type GenerationStatus = "QUEUED" | "PROCESSING" | "COMPLETED" | "FAILED" | "CANCELLED";
export type Plan = "FREE" | "STARTER" | "PRO" | "ENTERPRISE";
export type KeyMode = "LIVE" | "TEST";

export const GENERATION_TYPES: GenerationType[] = ["VIDEO", "IMAGE", "AUDIO", "AVATAR"];
export const GENERATION_STATUSES: GenerationStatus[] = ["QUEUED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"];

export interface PlanLimits {
  requestsPerMinute: number | null;
  parallel: number | null;
  daily: number | null;
}

export interface Me {
  email: string;
  plan: Plan;
  credits: { balance: number; reserved: number };
  limits: PlanLimits;
  usage: { generationsToday: number; running: number; queued: number };
}

/** A row of a generations list. */
export interface GenerationSummary {
  id: string;
  type: GenerationType;
  status: GenerationStatus;
  provider: string;
  prompt: string;
  creditCost: number;
  createdAt: string;
  /** TEST: made with a test key against the provider's built-in fake; nothing was charged. */
  mode: KeyMode;
}

export interface GenerationDetail extends GenerationSummary, RetentionFields {
  url: string | null;
  /** Every file made (several with numOutputs), in slot order; the first is `url`. */
  outputs: { index: number; url: string; metadata: { width: number | null; height: number | null; mimeType: string | null } }[];
  numOutputs: number;
  progress: number;
  estimatedTime: number;
  options: unknown;
  appliedOptions: unknown;
  warnings: string[];
  warningDetails: ShownWarning[];
  routing: {
    priority: string | null;
    chosen: string;
    reason: string;
    candidates: { provider: string; score: number | null; reason: string }[];
  } | null;
  attempts: { provider: string; status: string; errorCode: string | null; message: string | null; startedAt: string; endedAt: string | null }[];
  startedAt: string | null;
  completedAt: string | null;
  error: { code: string; message: string } | null;
  metadata: {
    width: number | null;
    height: number | null;
    duration: number | null;
    resolution: string | null;
    format: string | null;
    mimeType: string | null;
    size: number | null;
    hasAudio: boolean | null;
  } | null;
}

export interface ApiKey {
  id: string;
  name: string;
  mode: KeyMode;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The key's own limits (components/key-limits); absent where a query does not ask for them. */
  spendCap?: number | null;
  spendPeriod?: "DAY" | "MONTH" | "TOTAL" | null;
  spent?: number | null;
  rpmLimit?: number | null;
  expiresAt?: string | null;
  scopes?: ("generate" | "read" | "webhooks")[];
  allowedProviders?: string[];
  allowedTypes?: GenerationType[];
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export const isRunning = (status: GenerationStatus) => status === "QUEUED" || status === "PROCESSING";
