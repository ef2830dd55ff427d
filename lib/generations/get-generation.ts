import type { Caller } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { Generation } from "../generated/prisma/client";

/** The caller's generation, or NOT_FOUND — also for ids that belong to another account. */
export async function getGenerationOrThrow(caller: Caller, id: string): Promise<Generation> {
  const client = await db();
  const generation = await client.generation.findFirst({ where: { id, accountId: caller.accountId } });
  if (!generation) throw notFound("Generation", id);
  return generation;
}
