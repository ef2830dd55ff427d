import type { Role } from "../generated/prisma/client";

/**
 * The one permission table: what each role may do in a workspace, by capability, and which capability every GraphQL
 * operation and every dashboard page needs. lib/graphql/permissions.ts checks it before every operation runs; the
 * dashboard's page gate (components/dashboard/page-gate.tsx) before a page renders. A GraphQL field missing here
 * stops the server from starting, so nothing is reachable without a decision.
 *
 * - read: see the workspace's work (generations, catalog, keys' names, webhooks, ledger, plan).
 * - generate: start and cancel generations, upload inputs. keys: create and revoke API keys. webhooks: endpoints,
 *   signing secrets, redeliveries. billing: buy credits and plans. members: invite, remove, change roles.
 *   audit: read the audit log. ownership: hand the workspace to another member.
 * - self: what every signed-in person may do for themselves (their workspaces and invitations, leaving).
 */
export const ROLES = ["OWNER", "ADMIN", "DEVELOPER", "BILLING", "VIEWER"] as const satisfies readonly Role[];

export type Capability = "self" | "read" | "generate" | "keys" | "webhooks" | "billing" | "members" | "audit" | "ownership";

const ALL: Capability[] = ["self", "read", "generate", "keys", "webhooks", "billing", "members", "audit", "ownership"];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  OWNER: ALL,
  ADMIN: ALL.filter((c) => c !== "ownership"),
  DEVELOPER: ["self", "read", "generate", "keys", "webhooks"],
  BILLING: ["self", "read", "billing"],
  VIEWER: ["self", "read"],
};

/**
 * An API key acts with its own rights, not a person's: full access to its workspace, as before teams (the
 * dashboard-only verbs — keys, billing, members — still refuse keys by themselves, UNAUTHENTICATED). Key scopes
 * narrow this per key.
 */
export const API_KEY_CAPABILITIES: readonly Capability[] = ALL;

/** Every root field of the schema ("Query.me") and the few object fields that hold secrets ("Me.webhookSecret"). */
export const OPERATION_CAPABILITY: Record<string, Capability> = {
  "Query.plans": "read",
  "Query.apiKeys": "read",
  "Query.generation": "read",
  "Query.generations": "read",
  "Query.providers": "read",
  "Query.voices": "read",
  "Query.avatars": "read",
  "Query.unifiedOptions": "read",
  "Query.estimate": "read",
  "Query.me": "read",
  "Query.creditLedger": "read",
  "Query.billing": "read",
  "Query.generationEvents": "read",
  "Query.webhookEndpoints": "read",
  "Query.webhookDeliveries": "read",
  "Query.upload": "read",
  "Query.members": "read",
  "Query.invitations": "members",
  "Query.auditLog": "audit",
  "Query.workspaces": "self",
  "Query.usage": "read",
  // Everything the workspace holds, and deleting it: the owner's alone.
  "Query.workspaceExport": "ownership",
  "Mutation.deleteWorkspace": "ownership",
  // How long the workspace keeps media is an administrator's setting (admins also manage members).
  "Mutation.setRetentionDefault": "members",
  "Mutation.deleteGeneration": "generate",
  "Mutation.deleteUpload": "generate",
  "Mutation.generate": "generate",
  "Mutation.cancelGeneration": "generate",
  "Mutation.videoCreate": "generate",
  "Mutation.createUpload": "generate",
  "Mutation.createApiKey": "keys",
  "Mutation.revokeApiKey": "keys",
  "Mutation.updateApiKeyLimits": "keys",
  "Mutation.setLowBalanceThreshold": "billing",
  "Mutation.createCheckout": "billing",
  "Mutation.changePlan": "billing",
  "Mutation.rotateWebhookSecret": "webhooks",
  "Mutation.createWebhookEndpoint": "webhooks",
  "Mutation.updateWebhookEndpoint": "webhooks",
  "Mutation.deleteWebhookEndpoint": "webhooks",
  "Mutation.redeliverWebhook": "webhooks",
  "Mutation.sendTestWebhook": "webhooks",
  "Mutation.inviteMember": "members",
  "Mutation.revokeInvitation": "members",
  "Mutation.removeMember": "members",
  "Mutation.changeMemberRole": "members",
  "Mutation.transferOwnership": "ownership",
  "Mutation.acceptInvitation": "self",
  "Mutation.declineInvitation": "self",
  "Mutation.leaveWorkspace": "self",
  "Subscription.generationUpdated": "read",
  // The signing secrets let whoever holds them forge our webhooks: only those who manage webhooks read them.
  "Me.webhookSecret": "webhooks",
  "Me.previousWebhookSecretExpiresAt": "webhooks",
};

/** Dashboard pages (their path under /dashboard) and the capability each needs to open. */
export const PAGE_CAPABILITY = {
  overview: "read",
  playground: "generate",
  history: "read",
  keys: "keys",
  usage: "read",
  billing: "billing",
  plans: "billing",
  catalog: "read",
  webhooks: "webhooks",
  team: "read",
  audit: "audit",
  data: "read",
} as const satisfies Record<string, Capability>;

export type DashboardPage = keyof typeof PAGE_CAPABILITY;

/** Who is asking: a member with a role, or an API key. */
export type Principal = { kind: "member"; role: Role } | { kind: "apiKey" };

export function can(principal: Principal, capability: Capability): boolean {
  const granted = principal.kind === "apiKey" ? API_KEY_CAPABILITIES : ROLE_CAPABILITIES[principal.role];
  return granted.includes(capability);
}

export function canOpenPage(role: Role, page: DashboardPage): boolean {
  return can({ kind: "member", role }, PAGE_CAPABILITY[page]);
}
