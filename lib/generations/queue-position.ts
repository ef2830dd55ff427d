import { db } from "../db";
import type { Generation } from "../generated/prisma/client";

/** 1 for the next of this account's queued generations to start (an account's queue runs in order); null once started. */
export async function queuePosition(g: Pick<Generation, "id" | "accountId" | "status" | "createdAt">): Promise<number | null> {
  if (g.status !== "QUEUED") return null;
  const client = await db();
  const ahead = await client.generation.count({ where: { accountId: g.accountId, status: "QUEUED", createdAt: { lt: g.createdAt } } });
  return ahead + 1;
}

/**
 * Seconds until the result is expected: the model's usual time (p50 from our history at planning) minus what has
 * passed since it started; the whole usual time while queued; 0 once final. Never negative: an over-running job says 0.
 */
export function estimatedTimeRemaining(g: Pick<Generation, "status" | "estimatedTime" | "startedAt">, now = Date.now()): number {
  if (g.status === "QUEUED") return g.estimatedTime;
  if (g.status !== "PROCESSING" || !g.startedAt) return 0;
  return Math.max(0, Math.round(g.estimatedTime - (now - g.startedAt.getTime()) / 1000));
}
