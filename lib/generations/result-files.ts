import { db } from "../db";
import type { Generation } from "../generated/prisma/client";

/** One file a generation produced: our storage key, served by signed /media links. */
export interface ResultFile {
  storageKey: string;
  metadata: Record<string, unknown> | null;
}

/** The part of the GenerationOutput table (issue 14, several outputs) read here. */
interface OutputTable {
  findMany(args: { where: { generationId: string }; orderBy: { index: "asc" } }): Promise<{ storageKey: string; metadata: unknown }[]>;
}

/**
 * Every file of a completed generation, in slot order; empty before it completes. A generation of one output has
 * it in `storageKey`. Several outputs (the unified numOutputs, issue 14) are GenerationOutput rows: that table is
 * being added on another branch (lib/generations/list-generation-outputs.ts there), so it is reached by name
 * until both have landed — then this body becomes a call to listGenerationOutputs.
 */
export async function resultFiles(generation: Generation): Promise<ResultFile[]> {
  if (generation.status !== "COMPLETED" || !generation.storageKey) return [];
  const asked = (generation as Generation & { numOutputs?: number }).numOutputs ?? 1;
  if (asked > 1) {
    const table = (await db()) as unknown as { generationOutput?: OutputTable };
    const rows = (await table.generationOutput?.findMany({ where: { generationId: generation.id }, orderBy: { index: "asc" } })) ?? [];
    if (rows.length > 0) return rows.map((r) => ({ storageKey: r.storageKey, metadata: asRecord(r.metadata) }));
  }
  return [{ storageKey: generation.storageKey, metadata: asRecord(generation.metadata) }];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
}
