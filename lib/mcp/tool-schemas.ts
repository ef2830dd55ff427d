import { z } from "zod";
import type { GenerationType } from "../generated/prisma/client";
import { CATALOG } from "../providers/catalog";
import type { OptionSpec } from "../providers/types";
import { UNIFIED_OPTIONS } from "../providers/unified/vocabulary";
import { PRIORITIES } from "../routing/rank-candidates";

/**
 * The MCP tools' input schemas, generated from the unified option table (lib/providers/unified/vocabulary.ts) and
 * the catalog, so an agent sees every allowed value and range in the tool list. One `options` object serves every
 * type: an option several types share lists the union of their values and says which type allows which.
 */

const TYPES = ["IMAGE", "VIDEO", "AUDIO", "AVATAR"] as const satisfies readonly GenerationType[];

function optionSchema(specs: { type: GenerationType; spec: OptionSpec }[]): z.ZodType {
  const { spec } = specs[0];
  const perType = specs.map(({ type, spec: s }) => `${type}${s.allowedValues ? `: ${s.allowedValues.join(", ")}` : s.min !== undefined ? `: ${s.min}–${s.max}` : ""}`).join("; ");
  const description = `${spec.description} (${perType})`;
  const values = [...new Set(specs.flatMap(({ spec: s }) => s.allowedValues ?? []))];
  let schema: z.ZodType;
  if (spec.type === "BOOLEAN") schema = z.boolean();
  else if (spec.type === "INT" || spec.type === "FLOAT") {
    const min = Math.min(...specs.map(({ spec: s }) => s.min ?? -Infinity));
    const max = Math.max(...specs.map(({ spec: s }) => s.max ?? Infinity));
    let n = spec.type === "INT" ? z.number().int() : z.number();
    if (Number.isFinite(min)) n = n.min(min);
    if (Number.isFinite(max)) n = n.max(max);
    schema = n;
  } else schema = values.length && specs.every(({ spec: s }) => s.allowedValues) ? z.enum(values as [string, ...string[]]) : z.string();
  return schema.optional().describe(description);
}

function unifiedOptionsShape(): Record<string, z.ZodType> {
  const byName = new Map<string, { type: GenerationType; spec: OptionSpec }[]>();
  for (const type of TYPES) for (const spec of UNIFIED_OPTIONS[type]) byName.set(spec.name, [...(byName.get(spec.name) ?? []), { type, spec }]);
  return Object.fromEntries([...byName].map(([name, specs]) => [name, optionSchema(specs)]));
}

const providerIds = CATALOG.map((p) => p.id) as [string, ...string[]];

export const generationTypeSchema = z.enum(TYPES).describe("What to make: IMAGE, VIDEO, AUDIO (speech) or AVATAR (a talking-head video)");

/** What `generate` and `estimate` take: GraphQL's GenerateInput, with the unified options spelled out. */
export const generateShape = {
  type: generationTypeSchema,
  prompt: z.string().min(1).describe("The prompt (for AUDIO: the text to speak)"),
  provider: z.enum(providerIds).optional().describe("A provider id from list_providers; leave it out to let Doitong choose"),
  priority: z.enum(PRIORITIES).optional().describe("How Doitong chooses when no provider is named"),
  image: z.string().optional().describe("An input image: http(s) URL or data: URI (image-to-video, image edits, avatars)"),
  audio: z.string().optional().describe("An input audio URL (avatars driven by speech)"),
  video: z.string().optional().describe("An input video URL"),
  options: z.object(unifiedOptionsShape()).optional().describe("Unified options: the same names work on every provider of a type"),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe("A provider's own options, by provider id"),
  maxCost: z.number().int().min(0).optional().describe("Refuse when it would cost more credits than this"),
};

export type GenerateArgs = z.infer<z.ZodObject<typeof generateShape>>;

/** The tool arguments as `generate` input. */
export function toGenerateInput(args: GenerateArgs, idempotencyKey?: string): Record<string, unknown> {
  const input = Object.fromEntries(Object.entries({ text: args.prompt, image: args.image, audio: args.audio, video: args.video }).filter(([, v]) => v !== undefined));
  return {
    type: args.type,
    provider: args.provider,
    priority: args.priority,
    input,
    options: args.options,
    providerOptions: args.providerOptions,
    maxCost: args.maxCost,
    idempotencyKey,
  };
}
