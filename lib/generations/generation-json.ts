import { z } from "zod";
import type { Generation, GenerationOutput, GenerationStep, Prisma } from "../generated/prisma/client";
import type { GenerationJob, Options } from "../providers/types";
import { readWarningDetails, type Warning } from "../providers/warnings";
import type { Routing } from "../routing/choose-provider";
import { PRIORITIES } from "../routing/rank-candidates";

/**
 * The one place each JSON column of a generation is read: Prisma types them as JsonValue, so every reader would
 * otherwise cast to what it hopes was written. Each accessor parses with the schema of what lib/generations writes
 * there; a row that does not match (written by older code, or by hand) is an error said plainly, not a value of the
 * wrong shape travelling on.
 */
function parsed<S extends z.ZodType>(schema: S, column: string, value: unknown, id: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Generation ${id}: ${column} is not in the expected shape: ${result.error.issues[0].message} at ${result.error.issues[0].path.join(".")}`);
  return result.data;
}

const optionValue = z.union([z.string(), z.number(), z.boolean()]);
const OptionsSchema = z.record(z.string(), optionValue);

const InputSchema = z.object({
  text: z.string(),
  image: z.string().optional(),
  endImage: z.string().optional(),
  voice: z.string().optional(),
  audio: z.string().optional(),
  video: z.string().optional(),
});

/** The prompt and input files (empty text once deleteGeneration erased them). */
export function readInput(g: Pick<Generation, "id" | "input">): GenerationJob["input"] & { text: string } {
  const input = parsed(InputSchema.partial({ text: true }).nullable(), "input", g.input, g.id);
  return { ...input, text: input?.text ?? "" };
}

/** The options as requested, validated with defaults (`options`). */
export function readOptions(g: Pick<Generation, "id" | "options">): Options {
  return parsed(OptionsSchema.nullable(), "options", g.options, g.id) ?? {};
}

/** What the vendor is sent: the applied options, or the requested ones on rows that predate the difference. */
export function readAppliedOptions(g: Pick<Generation, "id" | "options" | "appliedOptions">): Options {
  return parsed(OptionsSchema.nullable(), "appliedOptions", g.appliedOptions, g.id) ?? readOptions(g);
}

/** One sentence per adjusted option. */
export function readWarnings(g: Pick<Generation, "id" | "warnings">): string[] {
  return parsed(z.array(z.string()).nullable(), "warnings", g.warnings, g.id) ?? [];
}

/** The warnings as data, in step with `warnings` (older rows: the sentences as NOTICE). */
export function readWarningsAsData(g: Pick<Generation, "warnings" | "warningDetails">): Warning[] {
  return readWarningDetails(g.warningDetails, g.warnings);
}

/*
 * Writers for the columns whose values are interfaces: TypeScript gives an interface no index signature, so it is
 * not assignable to Prisma's InputJsonValue although it is plain JSON. The cast is made here once, per column.
 */
export const warningDetailsColumn = (details: Warning[]): Prisma.InputJsonValue => details as unknown as Prisma.InputJsonValue;
export const routingColumn = (routing: Routing): Prisma.InputJsonValue => routing as unknown as Prisma.InputJsonValue;

const RoutingSchema = z.object({
  priority: z.enum(PRIORITIES).nullable(),
  qualityVersion: z.string(),
  candidates: z.array(z.object({ provider: z.string(), score: z.number().nullable(), reason: z.string() })),
  chosen: z.string(),
  reason: z.string(),
}) satisfies z.ZodType<Routing>;

/** How the provider was chosen; null on rows made before routing was recorded. */
export function readRouting(g: Pick<Generation, "id" | "routing">): Routing | null {
  return parsed(RoutingSchema.nullable(), "routing", g.routing, g.id);
}

/** The request as the client made it (what a fallback re-plans for another provider). */
export interface StoredRequest {
  options?: Record<string, unknown>;
  providerOptions?: Record<string, Record<string, unknown>>;
  strict: boolean;
  maxCost?: number;
}

export function readRequest(g: Pick<Generation, "id" | "requestOptions" | "providerOptions" | "strict" | "maxCost">): StoredRequest {
  const options = parsed(z.record(z.string(), z.unknown()).nullable(), "requestOptions", g.requestOptions, g.id);
  const providerOptions = parsed(z.record(z.string(), z.record(z.string(), z.unknown())).nullable(), "providerOptions", g.providerOptions, g.id);
  return { options: options ?? undefined, providerOptions: providerOptions ?? undefined, strict: g.strict, maxCost: g.maxCost ?? undefined };
}

/** The request's columns, as readRequest reads them back. Its options came in as JSON (GraphQL's JSON scalar, /v1 bodies). */
export function requestColumns(request: StoredRequest) {
  return {
    requestOptions: request.options as Prisma.InputJsonObject | undefined,
    providerOptions: request.providerOptions as Prisma.InputJsonObject | undefined,
    strict: request.strict,
    maxCost: request.maxCost ?? null,
  };
}

export const MetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type OutputMetadata = z.infer<typeof MetadataSchema>;

/** What was measured from the generation's first delivered file. */
export function readMetadata(g: Pick<Generation, "id" | "metadata">): OutputMetadata {
  return parsed(MetadataSchema.nullable(), "metadata", g.metadata, g.id) ?? {};
}

/** What was measured from one delivered file. */
export function readOutputMetadata(row: Pick<GenerationOutput, "generationId" | "metadata">): OutputMetadata {
  return parsed(MetadataSchema, "outputs.metadata", row.metadata, row.generationId);
}

/**
 * A finished step's memoised result (GenerationStep.output), read back through the schema of what that step returns
 * (step-outcomes.ts).
 */
export function readStepOutput<T>(row: Pick<GenerationStep, "generationId" | "name"> & { output: unknown }, schema: z.ZodType<T>): T {
  return parsed(schema, `step ${row.name}`, row.output, row.generationId);
}
