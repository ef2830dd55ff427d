import type { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";

/**
 * The sensitive actions the audit log records. Add a name here (and its words under `audit.actions` in the
 * catalogs, dots written as underscores: `key_created`) before recording it.
 */
export const AUDIT_ACTIONS = [
  "key.created",
  "key.revoked",
  "key.limits_changed",
  "member.invited",
  "member.invitation_revoked",
  "member.joined",
  "member.removed",
  "member.left",
  "member.role_changed",
  "workspace.ownership_transferred",
  "plan.changed",
  "credits.topped_up",
  "webhook.secret_rotated",
  "webhook.endpoint_created",
  "webhook.endpoint_updated",
  "webhook.endpoint_deleted",
  "retention.changed",
  // Operators' actions from the /ops console (lib/ops/record-operator-action.ts): each with its reason.
  "ops.operator_signed_in",
  "ops.credits_adjusted",
  "ops.generation_refunded",
  "ops.limits_changed",
  "ops.workspace_suspended",
  "ops.workspace_resumed",
  "ops.key_revoked",
  "ops.price_changed",
  "ops.provider_switched",
  "ops.circuit_forced",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who did it: the caller of the verb (structurally a lib/auth Caller: a dashboard user, an API key) with the
 * request's address, or the system (Stripe's webhook) with a label of its own.
 */
export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  ip?: string | null;
  /** For system actors ("stripe"); people and keys are named from their rows at the time. */
  label?: string;
}

export interface AuditRecord {
  /** Null only for an operator action about no one workspace (a price, a provider). */
  accountId: string | null;
  action: AuditAction;
  actor: AuditActor;
  targetType?: string;
  targetId?: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  /** Why (operator actions give one, always). */
  reason?: string | null;
}

/**
 * Appends one entry to the workspace's audit log inside the caller's transaction, so the entry exists if and only if
 * the change it records was committed. Rows are never updated or deleted (a trigger refuses both in the database).
 */
export async function recordAudit(tx: Prisma.TransactionClient, record: AuditRecord): Promise<void> {
  const { actor } = record;
  await tx.auditLogEntry.create({
    data: {
      id: newId("aud"),
      accountId: record.accountId,
      action: record.action,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      actorLabel: await actorLabel(tx, actor),
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      ip: actor.ip ?? null,
      ...(record.before != null ? { before: record.before } : {}),
      ...(record.after != null ? { after: record.after } : {}),
      reason: record.reason ?? null,
    },
  });
}

/** The actor as a reader of the log knows it then: a person's email, a key's name and prefix, or the system's label. */
async function actorLabel(tx: Prisma.TransactionClient, actor: AuditActor): Promise<string> {
  if (actor.userId) {
    const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { email: true } });
    if (user) return user.email;
  }
  if (actor.apiKeyId) {
    const key = await tx.apiKey.findUnique({ where: { id: actor.apiKeyId }, select: { name: true, prefix: true } });
    if (key) return `${key.name} (${key.prefix}…)`;
  }
  return actor.label ?? "system";
}
