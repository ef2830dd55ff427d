import { db } from "../db";
import type { Generation } from "../generated/prisma/client";
import { hasMedia, type MediaState } from "../limits/retention";
import type { StoredOutput } from "./step-outcomes";
import { readMetadata, readOutputMetadata } from "./generation-json";

/**
 * The files of a completed generation, in slot order. A generation of one output (and any made before outputs had
 * rows) is its own `storageKey` and `metadata`, read without a query. None once its media has expired or was deleted.
 */
export async function listGenerationOutputs(g: Pick<Generation, "id" | "numOutputs" | "metadata"> & MediaState): Promise<StoredOutput[]> {
  if (!hasMedia(g) || !g.storageKey) return [];
  if (g.numOutputs > 1) {
    const client = await db();
    const rows = await client.generationOutput.findMany({ where: { generationId: g.id }, orderBy: { index: "asc" } });
    if (rows.length > 0) return rows.map((r) => ({ index: r.index, storageKey: r.storageKey, metadata: readOutputMetadata(r) }));
  }
  return [{ index: 0, storageKey: g.storageKey, metadata: readMetadata(g) }];
}
