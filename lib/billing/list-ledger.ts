import { type Caller, modeScope } from "../auth/caller";
import { db } from "../db";
import type { CreditLedgerEntry } from "../generated/prisma/client";
import { afterCursor, newestFirst, type Page, type PageArgs, pageSize, toPage } from "../pagination";

/** The caller's credit ledger, newest first: every reserve, charge, release, top-up and adjustment. */
export async function listLedger(caller: Caller, args: PageArgs): Promise<Page<CreditLedgerEntry>> {
  const first = pageSize(args);
  const after = afterCursor(args.after);
  // Test work never touches the balance: every entry is live money, which a test key does not see.
  if (modeScope(caller).mode === "TEST") return toPage([], first);
  const client = await db();
  const rows = await client.creditLedgerEntry.findMany({
    where: { accountId: caller.accountId, ...after },
    orderBy: newestFirst,
    take: first + 1,
  });
  return toPage(rows, first);
}
