import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** How a search result was found (shown beside it, so an operator sees why a row is there). */
export type MatchedBy = "generation" | "id" | "key" | "email";

export interface WorkspaceHit {
  id: string;
  email: string;
  plan: string;
  creditBalance: number;
  suspendedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  matchedBy: MatchedBy;
}

/** API keys are shown and searched by their first 12 characters ("dk_live_4f9a"), all that is stored in clear. */
const KEY_PREFIX_LENGTH = 12;
const LIMIT = 25;

/**
 * The console's customer search: a generation id (gen_…), a workspace id (acct_…), an API key or its prefix
 * (dk_…), or any part of an email — the workspace's own or a member's. Every workspace, whoever owns it.
 */
export async function findWorkspaces(raw: string): Promise<WorkspaceHit[]> {
  const q = raw.trim();
  if (!q) return [];
  const client = await db();
  const select = { id: true, email: true, plan: true, creditBalance: true, suspendedAt: true, deletedAt: true, createdAt: true } as const;
  const found = async (where: Prisma.AccountWhereInput, matchedBy: MatchedBy) =>
    (await client.account.findMany({ where, select, orderBy: { createdAt: "desc" }, take: LIMIT })).map((a) => ({ ...a, matchedBy }));
  if (q.startsWith("gen_")) return found({ generations: { some: { id: q } } }, "generation");
  if (q.startsWith("acct_")) return found({ id: q }, "id");
  if (q.startsWith("dk_")) {
    const prefix = q.length >= KEY_PREFIX_LENGTH ? { equals: q.slice(0, KEY_PREFIX_LENGTH) } : { startsWith: q };
    return found({ apiKeys: { some: { prefix } } }, "key");
  }
  const email = { contains: q, mode: "insensitive" as const };
  return found({ OR: [{ email }, { memberships: { some: { user: { email } } } }] }, "email");
}
