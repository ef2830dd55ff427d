import type { Caller } from "../auth/caller";
import { requireKeyScope } from "../auth/key-scopes";
import { releaseReserved, reservedFor } from "../billing/credits";
import { db } from "../db";
import { recordGenerationEvent } from "../events/record-generation-event";
import { cancelRunningJob } from "../dispatch/dispatch-generation";
import { lockAccount } from "../limits/lock-account";
import { mediaExpiry } from "../limits/retention";
import { getGenerationOrThrow } from "./get-generation";

/**
 * Cancels a queued or running generation and releases its credits. True when this call cancelled it; false when
 * it had already finished (completed, failed or cancelled), in which case nothing changes.
 */
export async function cancelGeneration(caller: Caller, id: string): Promise<boolean> {
  requireKeyScope(caller, "generate");
  const generation = await getGenerationOrThrow(caller, id);
  const client = await db();
  const cancelled = await client.$transaction(async (tx) => {
    await lockAccount(tx, caller.accountId);
    // The status guard is what makes cancel and completion mutually exclusive.
    const { count } = await tx.generation.updateMany({
      where: { id, accountId: caller.accountId, status: { in: ["QUEUED", "PROCESSING"] } },
      // Outputs stored before the cancel expire like a completed generation's.
      data: {
        status: "CANCELLED",
        completedAt: new Date(),
        mediaExpiresAt: mediaExpiry(generation.retentionSeconds, new Date()),
        errorCode: null,
        lockedBy: null,
        lockedUntil: null,
      },
    });
    if (count === 0) return false;
    const reserved = generation.mode === "LIVE" ? await reservedFor(tx, id) : 0;
    if (reserved > 0) await releaseReserved(tx, caller.accountId, id, reserved, "Cancelled by the client");
    await recordGenerationEvent(tx, id, "generation.cancelled");
    return true;
  });
  if (cancelled) await cancelRunningJob(id);
  return cancelled;
}
