import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import type { Generation, GenerationStatus, GenerationType } from "../generated/prisma/client";
import { afterCursor, newestFirst, type Page, type PageArgs, pageSize, toPage } from "../pagination";

export interface ListGenerationsInput extends PageArgs {
  type?: GenerationType | null;
  status?: GenerationStatus | null;
  provider?: string | null;
}

/** The caller's generations (a test key: only test ones), newest first, optionally filtered. */
export async function listGenerations(caller: Caller, input: ListGenerationsInput): Promise<Page<Generation>> {
  const first = pageSize(input);
  const client = await db();
  const rows = await client.generation.findMany({
    where: {
      accountId: caller.accountId,
      ...modeScope(caller),
      ...(input.type ? { type: input.type } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.provider ? { provider: input.provider } : {}),
      ...afterCursor(input.after),
    },
    orderBy: newestFirst,
    take: first + 1,
  });
  return toPage(rows, first);
}
