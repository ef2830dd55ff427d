import type { SessionCaller } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { formatRetention } from "../limits/retention";
import { signedMediaUrlUntil } from "../storage";
import { throwUnlessAllowed } from "../teams/team-actor";

/** Media links in an export stay valid this long (our /media links; a bucket's presigned hop is capped at 7 days too). */
export const EXPORT_LINK_DAYS = 7;
const PAGE = 500;

/**
 * Everything the workspace holds, as one JSON document for its owner: the account and its people, API keys (never
 * the keys themselves), webhook endpoints (never their secrets), every generation with its request and signed links
 * to its media (valid EXPORT_LINK_DAYS; none once the media has expired or was deleted), uploads, and the whole
 * credit ledger and the audit log. Generations and the ledger are read page by page, oldest first. The owner's alone.
 */
export async function exportWorkspace(caller: SessionCaller, baseUrl: string, now = new Date()) {
  throwUnlessAllowed(caller, "ownership");
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId } });
  if (!account) throw notFound("Account", caller.accountId);
  const linkExpires = Math.floor(now.getTime() / 1000) + EXPORT_LINK_DAYS * 86_400;
  const link = (key: string) => signedMediaUrlUntil(baseUrl, key, linkExpires);

  const generations = [];
  for await (const g of pages((cursor) => client.generation.findMany({ where: { accountId: account.id }, orderBy: { id: "asc" }, take: PAGE, ...cursor }))) {
    const outputs = await listGenerationOutputs(g);
    generations.push({ ...generationRecord(g), outputs: outputs.map((o) => ({ index: o.index, url: link(o.storageKey), metadata: o.metadata })) });
  }
  const ledger = [];
  for await (const e of pages((cursor) => client.creditLedgerEntry.findMany({ where: { accountId: account.id }, orderBy: { id: "asc" }, take: PAGE, ...cursor }))) {
    ledger.push({ id: e.id, kind: e.kind, amount: e.amount, balanceAfter: e.balanceAfter, generationId: e.generationId, note: e.note, createdAt: e.createdAt });
  }
  const [members, apiKeys, webhookEndpoints, uploads, auditLog] = await Promise.all([
    client.membership.findMany({
      where: { accountId: account.id },
      select: { role: true, user: { select: { id: true, email: true, name: true, locale: true, createdAt: true } } },
    }),
    client.apiKey.findMany({ where: { accountId: account.id }, select: { id: true, name: true, mode: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } }),
    client.webhookEndpoint.findMany({ where: { accountId: account.id }, select: { id: true, mode: true, url: true, events: true, enabled: true, createdAt: true } }),
    client.upload.findMany({
      where: { accountId: account.id, expiresAt: { gt: now } },
      select: { id: true, mode: true, status: true, contentType: true, size: true, storageKey: true, createdAt: true, expiresAt: true },
    }),
    client.auditLogEntry.findMany({ where: { accountId: account.id }, orderBy: { sequence: "asc" } }),
  ]);
  return {
    format: "doitong.workspace-export/1",
    exportedAt: now.toISOString(),
    mediaLinksExpireAt: new Date(linkExpires * 1000).toISOString(),
    account: {
      id: account.id,
      email: account.email,
      plan: account.plan,
      credits: { balance: account.creditBalance, reserved: account.creditsReserved },
      retentionDefault: account.retentionSeconds === null ? null : formatRetention(account.retentionSeconds),
      createdAt: account.createdAt,
    },
    users: members.map((m) => ({ ...m.user, role: m.role })),
    apiKeys,
    webhookEndpoints,
    uploads: uploads.map(({ storageKey, ...u }) => ({ ...u, url: u.status === "READY" ? link(storageKey) : null })),
    generations,
    ledger,
    auditLog: auditLog.map(({ sequence, ...entry }) => ({ ...entry, sequence: String(sequence) })),
  };
}

export type WorkspaceExport = Awaited<ReturnType<typeof exportWorkspace>>;

function generationRecord(g: Generation) {
  return {
    id: g.id,
    status: g.status,
    type: g.type,
    provider: g.provider,
    mode: g.mode,
    input: g.input,
    options: g.options,
    appliedOptions: g.appliedOptions,
    webhookUrl: g.webhookUrl,
    creditCost: g.creditCost,
    numOutputs: g.numOutputs,
    metadata: g.metadata,
    errorCode: g.errorCode,
    errorMessage: g.errorMessage,
    retention: g.retentionSeconds === null ? null : formatRetention(g.retentionSeconds),
    mediaExpiresAt: g.mediaExpiresAt,
    mediaExpiredAt: g.mediaExpiredAt,
    deletedAt: g.deletedAt,
    createdAt: g.createdAt,
    startedAt: g.startedAt,
    completedAt: g.completedAt,
  };
}

/** Rows page by page by id: `fetch` is given the cursor after the previous page's last row. */
async function* pages<T extends { id: string }>(fetch: (cursor: { cursor?: { id: string }; skip?: number }) => Promise<T[]>): AsyncGenerator<T> {
  let cursor: { cursor?: { id: string }; skip?: number } = {};
  for (;;) {
    const rows = await fetch(cursor);
    yield* rows;
    if (rows.length < PAGE) return;
    cursor = { cursor: { id: rows[rows.length - 1].id }, skip: 1 };
  }
}
