import type { Generation } from "../generated/prisma/client";

/**
 * The generation's public fields as an event or a webhook reports them: what `generation(id)` shows, minus the
 * signed download URL (it expires within the hour, while an event is kept and a webhook may be retried for a day;
 * ask `generation(id) { url }` for a fresh one).
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
  errorCode: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export function generationSnapshot(g: Generation): GenerationSnapshot {
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
    errorCode: g.errorCode,
    error: g.errorCode ? { code: g.errorCode, message: g.errorMessage ?? g.errorCode } : null,
    createdAt: g.createdAt.toISOString(),
    startedAt: g.startedAt?.toISOString() ?? null,
    completedAt: g.completedAt?.toISOString() ?? null,
  };
}
