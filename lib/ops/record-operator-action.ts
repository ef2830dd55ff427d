import { AUDIT_ACTIONS, type AuditAction, recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Operator } from "./operators";

/**
 * Writes one audit-log entry for an operator action (actor = the operator; accountId null for actions that are not
 * about one workspace, e.g. a price change or a provider switch). `reason` is required and non-empty (INVALID_INPUT
 * field "reason" otherwise). Runs inside `tx` when given — do, so the entry exists exactly when the change does.
 */
export async function recordOperatorAction(
  input: {
    operator: Operator;
    action: string;
    accountId?: string | null;
    /** What it was done to, as "type:id" ("generation:gen_…", "api_key:key_…", "provider:kling"). */
    target?: string | null;
    reason: string;
    before?: unknown;
    after?: unknown;
    ip?: string | null;
  },
  tx?: Prisma.TransactionClient,
): Promise<void> {
  const reason = requireReason(input.reason);
  if (!input.action.startsWith("ops.") || !(AUDIT_ACTIONS as readonly string[]).includes(input.action)) {
    throw new Error(`${input.action} is no operator action: name it ops.* and add it to AUDIT_ACTIONS (lib/audit/record-audit.ts)`);
  }
  // "generation:gen_…" → type "generation", id "gen_…"; a bare id has no type.
  const colon = input.target?.indexOf(":") ?? -1;
  const record = {
    accountId: input.accountId ?? null,
    action: input.action as AuditAction,
    actor: { userId: input.operator.userId, ip: input.ip ?? null, label: input.operator.email },
    targetType: input.target && colon > 0 ? input.target.slice(0, colon) : undefined,
    targetId: input.target ? input.target.slice(colon + 1) : undefined,
    before: toJson(input.before),
    after: toJson(input.after),
    reason,
  };
  if (tx) return recordAudit(tx, record);
  const client = await db();
  await client.$transaction((t) => recordAudit(t, record));
}

/** The trimmed reason, or INVALID_INPUT on field "reason": every operator action says why. */
export function requireReason(raw: string | null | undefined): string {
  const reason = (raw ?? "").trim();
  if (!reason) throw invalidInput("reason", "Give a reason for this action", "required");
  if (reason.length > 1000) throw invalidInput("reason", "Keep the reason under 1000 characters", "too-long");
  return reason;
}

function toJson(value: unknown): Prisma.InputJsonValue | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
