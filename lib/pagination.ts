import { invalidInput } from "./errors";

/**
 * Keyset pagination over (createdAt, id), newest first: stable while new rows arrive, and an index seek rather
 * than an OFFSET scan. Cursors are opaque to clients.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface Keyed {
  createdAt: Date;
  id: string;
}

export function pageSize(args: PageArgs, max = 100): number {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > max) throw invalidInput("first", `first must be between 1 and ${max}`);
  return first;
}

/** The `where` fragment selecting rows after the cursor (empty without one). */
export function afterCursor(after: string | null | undefined) {
  if (!after) return {};
  const [iso, id] = Buffer.from(after, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  // Only what cursorOf makes: a date JavaScript can hold but PostgreSQL cannot (year −271821) is not a cursor.
  if (!id || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso || !isStorableYear(createdAt)) throw invalidInput("after", "Invalid cursor");
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/** Rows are made by this server: a cursor's date lies between the epoch and the year 9999. */
function isStorableYear(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999;
}

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Turns `first + 1` fetched rows into a page. */
export function toPage<T extends Keyed>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return { nodes, edges, hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null };
}

export function cursorOf(row: Keyed): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}
