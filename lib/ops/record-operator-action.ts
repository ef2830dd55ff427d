// TEMPORARY STUB (OPS-INTERFACE.md): replaced by the console branch's version on merge (take theirs).
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Operator } from "./operators";

export async function recordOperatorAction(
  input: { operator: Operator; action: string; accountId?: string | null; target?: string | null; reason: string; before?: unknown; after?: unknown; ip?: string | null },
  tx?: Prisma.TransactionClient,
): Promise<void> {
  void tx;
  if (!input.reason.trim()) throw new AppError("INVALID_INPUT", "A reason is required", { field: "reason" });
  return Promise.resolve();
}
