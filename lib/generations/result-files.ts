import type { Generation } from "../generated/prisma/client";

/** One file a generation produced: our storage key (served by signed /media links), or a link as stored. */
export interface ResultFile {
  storageKey: string | null;
  url: string | null;
  metadata: Record<string, unknown> | null;
}

interface OutputRow {
  storageKey?: unknown;
  url?: unknown;
  metadata?: unknown;
}

/**
 * Every file of a finished generation, in order. Generations with several outputs (the unified numOutputs, issue
 * 14) carry `outputs`: rows of { url or storageKey, metadata } per output; the others have their one file in
 * `storageKey`. Empty until the generation is COMPLETED.
 */
export function resultFiles(generation: Generation): ResultFile[] {
  if (generation.status !== "COMPLETED") return [];
  const outputs = (generation as Generation & { outputs?: unknown }).outputs;
  if (Array.isArray(outputs) && outputs.length > 0) {
    return (outputs as OutputRow[]).map((o) => ({
      storageKey: typeof o.storageKey === "string" ? o.storageKey : null,
      url: typeof o.url === "string" ? o.url : null,
      metadata: o.metadata && typeof o.metadata === "object" ? (o.metadata as Record<string, unknown>) : null,
    }));
  }
  return generation.storageKey ? [{ storageKey: generation.storageKey, url: null, metadata: (generation.metadata as Record<string, unknown> | null) ?? null }] : [];
}
