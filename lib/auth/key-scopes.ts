import { AppError } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import type { Caller } from "./caller";
import { KEY_SCOPES, type KeyScope } from "./key-rules";

export { KEY_SCOPES, type KeyRules, type KeyScope } from "./key-rules";

export function isKeyScope(value: string): value is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(value);
}

/** Throws FORBIDDEN (extensions.scope = "key", required = the scope) when the caller's key lacks `scope`. */
export function requireKeyScope(caller: Caller, scope: KeyScope): void {
  if (!caller.key || caller.key.scopes.includes(scope)) return;
  throw new AppError("FORBIDDEN", `This API key does not have the "${scope}" scope (it has: ${caller.key.scopes.join(", ") || "none"})`, {
    scope: "key",
    required: scope,
  });
}

/** Throws FORBIDDEN when the key is limited to other generation types, or (when named) other providers. */
export function requireKeyAllows(caller: Caller, what: { type: GenerationType; provider?: string }): void {
  const rules = caller.key;
  if (!rules) return;
  if (rules.allowedTypes.length > 0 && !rules.allowedTypes.includes(what.type)) {
    throw new AppError("FORBIDDEN", `This API key may only generate ${rules.allowedTypes.join(", ")}`, { scope: "key", required: "type", field: "type" });
  }
  if (what.provider !== undefined && rules.allowedProviders.length > 0 && !rules.allowedProviders.includes(what.provider)) {
    throw new AppError("FORBIDDEN", `This API key may only use the providers ${rules.allowedProviders.join(", ")}`, { scope: "key", required: "provider", field: "provider" });
  }
}
