import type { Generation, Prisma } from "../generated/prisma/client";
import type { Warning } from "../providers/warnings";
import type { Produced, StoredOutput } from "./step-outcomes";
import { readOutputMetadata } from "./generation-json";

export interface SettledOutputs {
  /** The first delivered output: the generation's `url` and `metadata`. */
  first: StoredOutput;
  /** Output slots asked for and not delivered. */
  lost: number;
  /** What the generation costs for what it delivered (its price per output × outputs delivered). */
  creditCost: number;
  /** Why fewer outputs than asked, and what that did to the charge; absent when all were delivered. */
  warning?: string;
  /** The same, as data (PARTIAL_OUTPUTS with the counts). */
  notice?: Warning;
}

/**
 * What a finished attempt delivered, read from the GenerationOutput rows (the truth: each was written as its file
 * was stored), and what it costs: creditCost was reserved for every output asked for, so each output delivered
 * costs creditCost / numOutputs.
 */
export async function settleOutputs(tx: Prisma.TransactionClient, generation: Generation, produced: Produced): Promise<SettledOutputs> {
  const rows = await tx.generationOutput.findMany({ where: { generationId: generation.id }, orderBy: { index: "asc" } });
  const outputs: StoredOutput[] = rows.length ? rows.map((r) => ({ index: r.index, storageKey: r.storageKey, metadata: readOutputMetadata(r) })) : legacyOutputs(produced);
  const asked = Math.max(1, generation.numOutputs);
  const lost = Math.max(0, asked - outputs.length);
  if (lost === 0) return { first: outputs[0], lost, creditCost: generation.creditCost };
  const creditCost = Math.round((generation.creditCost * outputs.length) / asked);
  const reasons = [...new Set((produced.lost ?? []).map((l) => `${l.code}: ${l.message}`))].join("; ");
  const warning = `${outputs.length} of ${asked} outputs were made${reasons ? ` (${reasons})` : ""}; charged ${creditCost} credits for them, ${generation.creditCost - creditCost} released`;
  const params = { made: outputs.length, asked, charged: creditCost, released: generation.creditCost - creditCost };
  return { first: outputs[0], lost, creditCost, warning, notice: { code: "PARTIAL_OUTPUTS", message: warning, params } };
}

/** A follow step memoised before outputs had rows (a workflow in flight across the upgrade) carried one file. */
function legacyOutputs(produced: Produced): StoredOutput[] {
  const old = produced as unknown as { storageKey?: string; metadata?: StoredOutput["metadata"] };
  if (produced.outputs?.length) return produced.outputs;
  if (old.storageKey && old.metadata) return [{ index: 0, storageKey: old.storageKey, metadata: old.metadata }];
  throw new Error("A completed attempt stored no output");
}
