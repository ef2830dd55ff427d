import { notFound } from "next/navigation";
import { changeWorkspaceLimits } from "@/lib/accounts/change-workspace-limits";
import { revokeWorkspaceKey } from "@/lib/accounts/revoke-workspace-key";
import { setWorkspaceSuspended } from "@/lib/accounts/suspend-workspace";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { refundGeneration } from "@/lib/billing/refund-generation";
import { invalidInput } from "@/lib/errors";
import type { Plan } from "@/lib/generated/prisma/client";
import { type ConsoleOutcome, type ConsoleRequest, consoleRoute } from "@/lib/ops/console-route";
import { requireOperator } from "@/lib/ops/operators";

type Context = { params: Promise<{ action: string }> };

/** "" → null (back to the plan's limit), a whole number ≥ 0 → that (0 = unlimited). */
function limitField(r: ConsoleRequest, name: "rpm" | "parallel" | "daily"): number | null {
  const raw = r.field(name);
  if (raw === "") return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw invalidInput(name, `${name} is a whole number ≥ 0, or empty for the plan's`);
  return n;
}

// The customer actions of the console, each a form on /ops/customers/<id> with a required reason; the verbs
// check the reason and write the audit entry with the change.
const ACTIONS: Record<string, (r: ConsoleRequest) => Promise<ConsoleOutcome>> = {
  async "adjust-credits"(r) {
    const amount = Number(r.field("amount"));
    await adjustCredits({ operator: r.operator, accountId: r.field("accountId"), amount: r.field("amount") === "" ? NaN : amount, reason: r.field("reason"), ip: r.ip });
    return { notice: "creditsAdjusted" };
  },
  async refund(r) {
    await refundGeneration({ operator: r.operator, generationId: r.field("generationId"), reason: r.field("reason"), ip: r.ip });
    return { notice: "refunded" };
  },
  async "set-limits"(r) {
    const change = { plan: r.field("plan") as Plan, rpm: limitField(r, "rpm"), parallel: limitField(r, "parallel"), daily: limitField(r, "daily") };
    await changeWorkspaceLimits({ operator: r.operator, accountId: r.field("accountId"), change, reason: r.field("reason"), ip: r.ip });
    return { notice: "limitsChanged" };
  },
  async suspend(r) {
    await setWorkspaceSuspended({ operator: r.operator, accountId: r.field("accountId"), suspended: true, reason: r.field("reason"), ip: r.ip });
    return { notice: "suspended" };
  },
  async resume(r) {
    await setWorkspaceSuspended({ operator: r.operator, accountId: r.field("accountId"), suspended: false, reason: r.field("reason"), ip: r.ip });
    return { notice: "resumed" };
  },
  async "revoke-key"(r) {
    await revokeWorkspaceKey({ operator: r.operator, accountId: r.field("accountId"), keyId: r.field("keyId"), reason: r.field("reason"), ip: r.ip });
    return { notice: "keyRevoked" };
  },
};

function route(action: string) {
  const handle = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  return handle ? consoleRoute(handle) : undefined;
}

// POST /ops/api/customers/<action> (form posts from the workspace page). Anyone but an operator: 404.
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const handlers = route((await params).action);
  if (!handlers) {
    await requireOperator();
    notFound();
  }
  return handlers.POST(request);
}

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const handlers = route((await params).action);
  if (!handlers) {
    await requireOperator();
    notFound();
  }
  return handlers.GET();
}
