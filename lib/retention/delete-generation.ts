import type { Caller } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { forgetGeneration, getGenerationOrThrow, isFinal } from "../generations/get-generation";
import { eraseGenerationMedia } from "./erase-generation-media";

/**
 * Deletes a finished generation's media at once, and the personal data of its request: the prompt and input files
 * (`input`), the webhook URL, the idempotency key, and the memoised workflow steps (which hold what vendors were
 * sent). What accounting needs stays: status, type, provider, options, cost, metadata, times, and its ledger
 * entries; the record answers `generation(id)` with `deletedAt` set, `url: null` and an empty prompt. Deleting a
 * deleted generation is a no-op. A generation still queued or running is refused: cancel it first.
 */
export async function deleteGeneration(caller: Caller, id: string): Promise<Generation> {
  const found = await getGenerationOrThrow(caller, id);
  if (found.deletedAt) return found;
  if (!isFinal(found.status)) throw invalidInput("id", `Generation ${id} is ${found.status}: cancel it before deleting it`, "not-finished");
  await eraseGenerationMedia(found);
  const now = new Date();
  const client = await db();
  const [deleted] = await client.$transaction([
    client.generation.update({
      where: { id: found.id },
      data: { deletedAt: now, mediaExpiredAt: found.mediaExpiredAt ?? now, input: {}, webhookUrl: null, idempotencyKey: null, requestHash: null },
    }),
    client.generationStep.deleteMany({ where: { generationId: found.id } }),
  ]);
  await forgetGeneration(found.id);
  return deleted;
}
