import { db } from "../db";
import type { AuditLogEntry } from "../generated/prisma/client";
import { afterCursor, newestFirst, type Page, type PageArgs, pageSize, toPage } from "../pagination";

/**
 * A workspace's audit log, newest first. Who may read it is the permission table's business (lib/teams). Operators'
 * entries (`ops.*`, with their internal reasons) are the console's (lib/ops), not the customer's: a credit
 * adjustment or a refund shows in the workspace's ledger instead.
 */
export async function listAuditLog(accountId: string, args: PageArgs & { action?: string | null }): Promise<Page<AuditLogEntry>> {
  const first = pageSize(args);
  const client = await db();
  const rows = await client.auditLogEntry.findMany({
    where: { accountId, action: args.action ? { equals: args.action, not: { startsWith: "ops." } } : { not: { startsWith: "ops." } }, ...afterCursor(args.after) },
    orderBy: newestFirst,
    take: first + 1,
  });
  return toPage(rows, first);
}
