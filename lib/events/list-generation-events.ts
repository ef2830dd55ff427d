import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { GenerationEvent } from "../generated/prisma/client";
import { type Page, type PageArgs, pageSize } from "../pagination";

/**
 * The caller's event log, oldest first, after an opaque cursor (the `sequence` of the last event the client has).
 * Because sequences are taken under the account lock (see recordGenerationEvent), paging forward never skips an
 * event, so a client that missed webhooks can replay everything since its last cursor.
 */
export async function listGenerationEvents(caller: Caller, args: PageArgs): Promise<Page<GenerationEvent>> {
  const first = pageSize({ first: args.first ?? 50 }, 500);
  const after = decodeCursor(args.after);
  const client = await db();
  const rows = await client.generationEvent.findMany({
    where: { accountId: caller.accountId, ...(after !== undefined ? { sequence: { gt: after } } : {}), ...generationScope(caller) },
    orderBy: { sequence: "asc" },
    take: first + 1,
  });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: eventCursor(node) }));
  return { nodes, edges, endCursor: edges.at(-1)?.cursor ?? args.after ?? null, hasNextPage: rows.length > first };
}

export function eventCursor(event: Pick<GenerationEvent, "sequence">): string {
  return Buffer.from(`seq:${event.sequence}`).toString("base64url");
}

/** A test key's log holds only its test generations' events. */
function generationScope(caller: Caller): { generation?: { mode: "TEST" } } {
  const { mode } = modeScope(caller);
  return mode ? { generation: { mode } } : {};
}

const MAX_BIGINT = 2n ** 63n - 1n;

function decodeCursor(after: string | null | undefined): bigint | undefined {
  if (!after) return undefined;
  const match = /^seq:(\d{1,19})$/.exec(Buffer.from(after, "base64url").toString("utf8"));
  // A sequence is a PostgreSQL bigint: nineteen digits may still be past its largest value.
  if (!match || BigInt(match[1]) > MAX_BIGINT) throw invalidInput("after", "Invalid cursor");
  return BigInt(match[1]);
}
