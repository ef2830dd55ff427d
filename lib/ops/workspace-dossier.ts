import { db } from "../db";
import { effectiveLimits } from "../limits/account-limits";

const RECENT = 20;

/**
 * Everything an operator needs to answer a customer about one workspace, read at once: balance and reservations,
 * plan and limits, members, keys, recent generations with their workflow steps, attempts and routing, the ledger,
 * webhook deliveries, and the audit log (operators' entries included). Null for an unknown id.
 */
export async function workspaceDossier(accountId: string) {
  const client = await db();
  const account = await client.account.findUnique({ where: { id: accountId } });
  if (!account) return null;
  const [members, keys, generations, ledger, deliveries, audit] = await Promise.all([
    client.membership.findMany({ where: { accountId }, orderBy: { createdAt: "asc" }, select: { role: true, createdAt: true, user: { select: { id: true, email: true } } } }),
    client.apiKey.findMany({
      where: { accountId },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, prefix: true, mode: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true },
    }),
    client.generation.findMany({
      where: { accountId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT,
      select: {
        id: true,
        type: true,
        provider: true,
        status: true,
        mode: true,
        creditCost: true,
        createdAt: true,
        completedAt: true,
        errorCode: true,
        errorMessage: true,
        routing: true,
        attempts: true,
        steps: { orderBy: { completedAt: "asc" }, select: { name: true, completedAt: true } },
        ledger: { select: { kind: true, amount: true } },
      },
    }),
    client.creditLedgerEntry.findMany({ where: { accountId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 30 }),
    client.webhookDelivery.findMany({
      where: { accountId },
      orderBy: { createdAt: "desc" },
      take: RECENT,
      select: { id: true, url: true, eventType: true, status: true, attemptCount: true, lastStatus: true, nextAttemptAt: true, createdAt: true, generationId: true },
    }),
    client.auditLogEntry.findMany({ where: { accountId }, orderBy: { sequence: "desc" }, take: 30 }),
  ]);
  return { account: { ...account, limits: effectiveLimits(account) }, members, keys, generations, ledger, deliveries, audit };
}

export type WorkspaceDossier = NonNullable<Awaited<ReturnType<typeof workspaceDossier>>>;
