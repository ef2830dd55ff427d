import type { Role } from "../generated/prisma/client";
import { AppError } from "../errors";
import { can, type Capability } from "./permissions";

/** A signed-in member acting in their current workspace (structurally a lib/auth SessionCaller). */
export interface TeamActor {
  accountId: string;
  userId: string;
  role: Role;
  ip?: string | null;
}

/** The verbs check the table again themselves, so no path around lib/graphql reaches them unchecked. */
export function throwUnlessAllowed(actor: TeamActor, capability: Capability): void {
  if (!can({ kind: "member", role: actor.role }, capability)) throw forbidden(capability);
}

export function forbidden(capability: string): AppError {
  return new AppError("FORBIDDEN", `Your role in this workspace does not allow this (it needs the "${capability}" permission)`, { capability });
}

/** Roles an owner or admin may give by invitation or role change: ownership only moves by transferOwnership. */
export const ASSIGNABLE_ROLES: readonly Role[] = ["ADMIN", "DEVELOPER", "BILLING", "VIEWER"];
