import type { Generation } from "../generated/prisma/client";

/**
 * The generation's public fields as an event or a webhook reports them: what `generation(id)` shows, minus the
 * signed download URLs (they expire within the hour, while an event is kept and a webhook may be retried for a day;
 * ask `generation(id) { url outputs { url } }` for fresh ones).
 */
export interface GenerationSnapshot {
  id: string;
  status: Generation["status"];
  type: Generation["type"];
  provider: string;
  mode: Generation["mode"];
  progress: number;
  creditCost: number;
  estimatedTime: number;
  metadata: unknown;
  /** Files asked for, and every file made (slot and measured metadata), in slot order; empty until COMPLETED. */
  numOutputs: number;
  outputs: { index: number; metadata: unknown }[];
  warnings: unknown;
  errorCode: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** `outputs`: the generation's GenerationOutput rows (read in the same transaction); absent, the one file it has. */
export type SnapshotSource = Pick<
  Generation,
  | "id"
  | "status"
  | "type"
  | "provider"
  | "mode"
  | "progress"
  | "creditCost"
  | "estimatedTime"
  | "metadata"
  | "numOutputs"
  | "warnings"
  | "errorCode"
  | "errorMessage"
  | "createdAt"
  | "startedAt"
  | "completedAt"
>;

export function generationSnapshot(g: SnapshotSource, outputs?: { index: number; metadata: unknown }[]): GenerationSnapshot {
  return {
    id: g.id,
    status: g.status,
    type: g.type,
    provider: g.provider,
    mode: g.mode,
    progress: g.progress,
    creditCost: g.creditCost,
    estimatedTime: g.estimatedTime,
    metadata: g.metadata ?? null,
    numOutputs: g.numOutputs,
    outputs: g.status !== "COMPLETED" || !g.metadata ? [] : outputs?.length ? outputs : [{ index: 0, metadata: g.metadata }],
    warnings: g.warnings ?? [],
    errorCode: g.errorCode,
    error: g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null,
    createdAt: g.createdAt.toISOString(),
    startedAt: g.startedAt?.toISOString() ?? null,
    completedAt: g.completedAt?.toISOString() ?? null,
  };
}
