import type { Caller } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { Generation, GenerationStatus, GenerationType } from "../generated/prisma/client";

export interface ListGenerationsInput {
  first?: number | null;
  after?: string | null;
  type?: GenerationType | null;
  status?: GenerationStatus | null;
  provider?: string | null;
}

export interface GenerationPage {
  nodes: Generation[];
  edges: { node: Generation; cursor: string }[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Newest first, cursor-paginated on (createdAt, id) so pages stay stable while new generations arrive. */
export async function listGenerations(caller: Caller, input: ListGenerationsInput): Promise<GenerationPage> {
  const first = input.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw invalidInput("first", "first must be between 1 and 100");
  const cursor = input.after ? decodeCursor(input.after) : undefined;
  const client = await db();
  const rows = await client.generation.findMany({
    where: {
      accountId: caller.accountId,
      ...(input.type ? { type: input.type } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.provider ? { provider: input.provider } : {}),
      ...(cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first + 1,
  });
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node) }));
  return { nodes, edges, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
}

function encodeCursor(g: Generation): string {
  return Buffer.from(`${g.createdAt.toISOString()}|${g.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw invalidInput("after", "Invalid cursor");
  return { createdAt, id };
}
