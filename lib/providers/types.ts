import type { GenerationType } from "../generated/prisma/client";

export type { GenerationType };
export type OptionValue = string | number | boolean;
export type Options = Record<string, OptionValue>;

/** One option a model accepts. This data drives validation, the `providers` query and the dashboard forms. */
export interface OptionSpec {
  name: string;
  type: "STRING" | "INT" | "FLOAT" | "BOOLEAN";
  required?: boolean;
  description: string;
  allowedValues?: readonly string[];
  min?: number;
  max?: number;
  default?: OptionValue;
}

/** What one provider can do for one generation type, and what it costs. */
export interface ModelSpec {
  options: readonly OptionSpec[];
  /** Integer credits for these (validated, defaulted) options and this prompt. */
  price(options: Options, text: string): number;
  /** Typical seconds from start to result. */
  estimatedTime(options: Options): number;
  /** Which `input` fields it reads beyond `text`. */
  inputs?: { image?: "optional" | "required"; voice?: "optional" };
}

export interface ProviderSpec {
  id: string;
  name: string;
  vendor: string;
  description: string;
  features: readonly string[];
  limitations: readonly string[];
  models: Partial<Record<GenerationType, ModelSpec>>;
  /** Environment variables that must all be set before real calls go to this vendor. */
  credentials: readonly string[];
  /** True for the local preview provider: real files, no AI model. */
  preview?: boolean;
  /** Relative output quality 0–100 (used by auto-selection). */
  quality: number;
}

export interface GenerationJob {
  generationId: string;
  type: GenerationType;
  text: string;
  input: { image?: string; voice?: string; audio?: string; video?: string };
  options: Options;
}

export interface RunContext {
  signal: AbortSignal;
  /** A directory private to this generation, kept across restarts until the result is stored. */
  workDir: string;
  /** Progress 0–100 of the provider's own work. */
  onProgress(percent: number): void;
}

export interface ProviderResult {
  /** Path of the finished file inside workDir. */
  file: string;
}

/** One adapter per provider. Vendor adapters (submit/poll/cancel over HTTP) implement the same shape. */
export interface ProviderAdapter {
  id: string;
  run(job: GenerationJob, ctx: RunContext): Promise<ProviderResult>;
}
