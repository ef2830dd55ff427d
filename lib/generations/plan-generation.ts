import { z } from "zod";
import { AppError, invalidInput } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import type { KeyMode } from "../generated/prisma/client";
import { findProvider, providersFor } from "../providers/catalog";
import { currentPriceBook, type PriceBook } from "../prices/price-book";
import { deprecationNotice, throwIfRetired } from "../providers/lineup";
import { availability } from "../providers/registry";
import { quote } from "../providers/pricing";
import { providerSwitches } from "../providers/switches/switch-cache";
import { switchRefusalError, throwIfModelSwitchedOff } from "../providers/switches/switch-refusal";
import { translatePresets } from "../providers/unified/apply-presets";
import { outputsAsked } from "../providers/unified/num-outputs";
import { resolveRequestOptions } from "../providers/unified/resolve-unified";
import type { ModelSpec, Options, ProviderSpec } from "../providers/types";
import { adjustment, messagesOf, type Warning } from "../providers/warnings";
import { firstAdmitted, rankProviders, type Routing, type RoutingScope, throwIfCircuitOpen } from "../routing/choose-provider";
import { PRIORITIES } from "../routing/rank-candidates";
import { speedTables } from "../routing/speed-stats";
import { asPlannedUrls, checkUploadInputs } from "../uploads/upload-inputs";
import { isUploadId } from "../uploads/upload-kinds";

export { PRIORITIES, type Priority } from "../routing/rank-candidates";
export const MAX_PROMPT_LENGTH = 5_000;

/** Inline data: URIs up to ~25 MB of base64 (the largest input any vendor takes is 20 MB); links up to 2048 characters. */
export const MAX_DATA_URI_LENGTH = 28_000_000;
/** A file input: an http(s) URL, a data: URI, or the id of an upload (createUpload) — checked in planGeneration. */
/** How far ahead a generation's start deadline may be. */
export const MAX_DEADLINE_DAYS = 30;

const url = (field: string) =>
  z
    .string()
    .refine((v) => /^(https?:\/\/|data:)/i.test(v) || isUploadId(v), `${field} must be an http(s) or data: URL, or an upload id (upload_…)`)
    .refine((v) => !/^data:/i.test(v) || v.length <= MAX_DATA_URI_LENGTH, `${field} is larger than 20 MB`)
    .refine((v) => /^data:/i.test(v) || v.length <= 2_048, `${field} is longer than 2048 characters`);

/** What a client asks for; the same shape from the GraphQL API, the dashboard and `videoCreate`. */
export const generateInputSchema = z.object({
  type: z.enum(["VIDEO", "IMAGE", "AUDIO", "AVATAR"]),
  provider: z.string().trim().min(1).max(64).optional(),
  input: z.object({
    text: z
      .string({ error: "input.text is required" })
      .trim()
      .min(1, "input.text must not be empty")
      .max(MAX_PROMPT_LENGTH, `input.text is longer than ${MAX_PROMPT_LENGTH} characters`),
    image: url("input.image").optional(),
    endImage: url("input.endImage").optional(),
    voice: z.string().max(100).optional(),
    audio: url("input.audio").optional(),
    video: url("input.video").optional(),
  }),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Vendor-specific options per provider id (the Vercel AI SDK's shape); only the chosen provider's are used. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown(), { error: "providerOptions.<provider> must be an object of option names to values" })).optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** Refuse (INVALID_INPUT) instead of adjusting options the provider cannot honour exactly. */
  strict: z.boolean().optional(),
  /**
   * Cancel (nothing charged) if it has not started by then. At most MAX_DEADLINE_DAYS ahead: a date JavaScript can
   * hold but PostgreSQL cannot (+275760-09-13) must never be stored, and no queue waits that long anyway.
   */
  deadline: z.coerce
    .date({ error: "deadline must be an ISO 8601 date-time" })
    .refine((d) => d.getTime() > Date.now(), "deadline must be in the future")
    .refine((d) => d.getTime() <= Date.now() + MAX_DEADLINE_DAYS * 86_400_000, `deadline may be at most ${MAX_DEADLINE_DAYS} days ahead`)
    .optional(),
  /** Reject instead of running when the cost would be above this many credits. */
  maxCost: z.number().int("maxCost must be a whole number").min(0, "maxCost must be ≥ 0").optional(),
  idempotencyKey: z.string().optional(),
  /** How long to keep the media after it finishes (`1h`, `7d`…; lib/limits/retention.ts checks it against the plan). */
  retention: z.string().max(20, "retention is a number and a unit, e.g. 7d").optional(),
  webhookUrl: z
    .string()
    .max(2_048)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "webhookUrl must be an http(s) URL")
    .optional(),
});

export type GenerateInput = z.infer<typeof generateInputSchema>;

export interface ProviderPlanFull {
  input: GenerateInput;
  provider: ProviderSpec;
  /** Validated options with defaults: what the client asked for. */
  options: Options;
  /** What the vendor will be sent, and why it differs from `options`. */
  appliedOptions: Options;
  warnings: string[];
  /** The same warnings as data (code, field, provider…): what the dashboard words in the reader's language. */
  warningDetails: Warning[];
  /** Credits for every output asked for: numOutputs × the model's price of one. */
  creditCost: number;
  /** The price list version that priced it (the one in force at acceptance) and the vendor's cost, US cents, for every output. */
  priceVersionId: string;
  vendorCost: number;
  /** Files asked for (unified numOutputs, 1 by default). */
  numOutputs: number;
  estimatedTime: number;
}

export interface GenerationPlan extends ProviderPlanFull {
  /** How the provider was chosen (or that it was named), with every candidate's score or exclusion. */
  routing: Routing;
}

/** Parses client input, with every problem reported as INVALID_INPUT naming its field. */
export function parseGenerateInput(raw: unknown): GenerateInput {
  // reportInput: tells a value that is missing (undefined input) from one that is there but wrong.
  const parsed = generateInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || "input";
    throw invalidInput(field, issue.code === "invalid_type" && issue.input === undefined ? `${field} is required` : issue.message);
  }
  // A typo in a provider id would otherwise be silently ignored along with every other provider's options.
  for (const id of Object.keys(parsed.data.providerOptions ?? {})) {
    if (!findProvider(id)) throw invalidInput(`providerOptions.${id}`, `Unknown provider "${id}" in providerOptions`);
  }
  return parsed.data;
}

/**
 * Decides provider, options, cost and time for a request without side effects: `generate` and `estimate` both
 * start here. A named provider must exist, support the type, be available and not have an open circuit; without
 * one, every capable provider is ranked for the priority (lib/routing) and the best that admits a request wins.
 */
export async function planGeneration(raw: unknown, scope: RoutingScope = { mode: "LIVE", accountId: "" }): Promise<GenerationPlan> {
  const input = parseGenerateInput(raw);
  await checkUploadInputs(input.input, scope);
  // The price lists in force now: this instance's cached copy (lib/prices/price-book.ts), no query on most requests.
  const prices = { book: await currentPriceBook(), at: new Date() };
  // Only the first request of a process waits here: after that the switches are in memory (switch-cache.ts).
  await providerSwitches().ensureLoaded();

  if (input.provider) {
    const provider = namedProviderOrThrow(input.provider, input.type, scope.mode);
    const planned = planFor(input, provider, prices);
    throwIfModelSwitchedOff(provider, input.type, planned.appliedOptions, scope.mode);
    const plan = await withHistoricalTime(planned, scope);
    await throwIfCircuitOpen(provider, scope);
    const reason = "named in the request (no automatic fallback)";
    return { ...plan, routing: { priority: null, qualityVersion: "", candidates: [{ provider: provider.id, score: null, reason }], chosen: provider.id, reason } };
  }

  const priority = input.priority ?? "BALANCED";
  const { ranked, routing, health } = await rankProviders(input, priority, scope, (provider) => {
    const planned = planFor(input, provider, prices);
    throwIfModelSwitchedOff(provider, input.type, planned.appliedOptions, scope.mode);
    return planned;
  });
  const chosen = await firstAdmitted(ranked, scope, health);
  if (!chosen) throw new AppError("PROVIDER_UNAVAILABLE", `Every ${input.type} provider that fits this request is recovering from failures; retry shortly`, { retryAfter: 30 });
  const position = ranked.indexOf(chosen);
  const reason =
    position === 0
      ? `highest ${priority} score (${chosen.score}) among ${ranked.length} capable providers: ${chosen.reason}`
      : `the higher-ranked ${ranked
          .slice(0, position)
          .map((r) => r.provider.id)
          .join(", ")} ${position === 1 ? "is" : "are"} being probed after failures; next best ${priority} score (${chosen.score}): ${chosen.reason}`;
  return { ...(await withHistoricalTime(chosen, scope)), routing: { ...routing, chosen: chosen.provider.id, reason } };
}

/** The expected time from our own p50 history for this model and options when there is enough of it. */
async function withHistoricalTime<P extends ProviderPlanFull>(plan: P, scope: RoutingScope): Promise<P> {
  const speeds = await speedTables(plan.input.type, scope.mode);
  const seconds = speeds.estimate(plan.provider.id, plan.provider.models[plan.input.type] as ModelSpec, plan.appliedOptions).seconds;
  return { ...plan, estimatedTime: Math.max(1, Math.round(seconds)) };
}

/**
 * The plan for one specific provider (fallback re-planning after the chosen vendor refused), priced with the lists
 * in force at `prices.at`: the generation's acceptance, so a fallback never costs what a later price change says.
 */
export function planForProvider(raw: unknown, providerId: string, prices: PricesAt): ProviderPlanFull {
  const provider = findProvider(providerId);
  if (!provider) throw new Error(`Unknown provider ${providerId}`);
  return planFor(parseGenerateInput(raw), provider, prices);
}

/** The price book and the moment whose lists apply. */
export interface PricesAt {
  book: PriceBook;
  at: Date;
}

function namedProviderOrThrow(id: string, type: GenerationType, mode: KeyMode): ProviderSpec {
  const provider = findProvider(id);
  if (!provider) {
    const ids = providersFor(type)
      .map((p) => p.id)
      .join(", ");
    throw invalidInput("provider", `Unknown provider "${id}". Providers for ${type}: ${ids}`);
  }
  if (!provider.models[type]) {
    const types = Object.keys(provider.models).join(", ");
    throw invalidInput("provider", `${provider.name} does not make ${type}; it makes ${types}`);
  }
  const { available, reason, switched } = availability(provider, mode);
  if (switched) throw switchRefusalError(provider, switched);
  if (!available) throw new AppError("PROVIDER_UNAVAILABLE", `${reason} Omit "provider" to let the API choose.`, { provider: id });
  return provider;
}

function planFor(input: GenerateInput, provider: ProviderSpec, prices: PricesAt): ProviderPlanFull {
  const model = provider.models[input.type] as ModelSpec;
  throwIfRetired(model, provider.name, { ...input.options, ...input.providerOptions?.[provider.id] });
  const presets = translatePresets(provider, model, { type: input.type, input: input.input, options: input.options });
  const unified = resolveRequestOptions(model, {
    type: input.type,
    providerId: provider.id,
    providerName: provider.name,
    options: presets.options,
    providerOptions: input.providerOptions?.[provider.id],
  });
  if (input.strict && unified.notNative.length > 0) {
    const name = unified.notNative[0];
    throw new AppError("INVALID_INPUT", `${provider.name} does not take ${name} natively (strict): ${unified.warnings.join("; ")}`, {
      field: `options.${name}`,
      warnings: unified.warnings,
    });
  }
  const options = { ...unified.asked, ...presets.asked };
  for (const field of ["image", "video", "audio"] as const) {
    if (model.inputs?.[field] === "required" && !input.input[field]) {
      throw invalidInput(`input.${field}`, `${provider.name} needs input.${field} for ${input.type}`);
    }
  }
  // A random seed is chosen now and kept with the generation, so every result can be reproduced.
  if (model.options.some((o) => o.name === "seed") && unified.applied.seed === undefined) {
    options.seed = unified.applied.seed = Math.floor(Math.random() * 2_147_483_647);
  }
  const explicit = new Set([...Object.keys(input.options ?? {}), ...Object.keys(input.providerOptions?.[provider.id] ?? {})]);
  const { applied: appliedOptions, warnings: adjusted } = model.reconcile?.(unified.applied, asPlannedUrls({ ...input.input, text: input.input.text }), explicit) ?? {
    applied: unified.applied,
    warnings: [],
  };
  if (input.strict && adjusted.length > 0) {
    throw new AppError("INVALID_INPUT", `${provider.name} cannot honour these options exactly: ${adjusted.join("; ")}`, { field: "options", warnings: adjusted });
  }
  // A deprecated model still runs exactly as asked (strict does not refuse it); the notice names its end.
  const deprecation = deprecationNotice(model, provider.name, appliedOptions);
  const known = new Set([...explicit, ...model.options.map((o) => o.name)]);
  const warningDetails = [
    ...unified.warningDetails,
    ...presets.warningDetails,
    ...adjusted.map((message) => adjustment(message, provider.name, known)),
    ...(deprecation ? [deprecation] : []),
  ];
  const warnings = messagesOf(warningDetails);
  // Priced per output: each file is its own vendor job, or one of the files a vendor bills per image.
  const numOutputs = outputsAsked(model, input.type, appliedOptions);
  const one = quote(prices.book, provider.id, input.type, model, appliedOptions, input.input.text, prices.at);
  const creditCost = numOutputs * one.credits;
  if (input.maxCost !== undefined && creditCost > input.maxCost) {
    const each = numOutputs > 1 ? ` (${numOutputs} outputs)` : "";
    throw new AppError("INVALID_INPUT", `${provider.name} costs ${creditCost} credits for this request${each}, above maxCost ${input.maxCost}`, {
      field: "maxCost",
      required: creditCost,
      maxCost: input.maxCost,
    });
  }
  return {
    input,
    provider,
    options,
    appliedOptions,
    warnings,
    warningDetails,
    creditCost,
    priceVersionId: one.priceVersionId,
    vendorCost: numOutputs * one.vendorCost,
    numOutputs,
    estimatedTime: Math.round(model.estimatedTime(appliedOptions)),
  };
}
