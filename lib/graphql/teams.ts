import { listAuditLog } from "../audit/list-audit-log";
import type { SessionCaller } from "../auth/caller";
import { AppError, invalidInput, notFound } from "../errors";
import type { AuditLogEntry, Role } from "../generated/prisma/client";
import { answerInvitation, type InvitationOutcome } from "../teams/answer-invitation";
import { inviteMember, listInvitations, revokeInvitation } from "../teams/invite-member";
import { listMembers, listWorkspaces } from "../teams/list-members";
import { changeMemberRole, leaveWorkspace, removeMember, transferOwnership } from "../teams/manage-members";
import { toConnection } from "./connection";
import type { GraphQLContext } from "./context";

/** Workspaces, their members and roles, invitations and the audit log (issue 20). Who may call what: lib/teams/permissions.ts. */
export const teamsTypeDefs = /* GraphQL */ `
  "A member's role: what they may do in the workspace."
  enum Role { OWNER ADMIN DEVELOPER BILLING VIEWER }

  type Member {
    userId: ID!
    email: String!
    name: String
    role: Role!
    joinedAt: DateTime!
  }

  "A pending invitation: its link was mailed to the address."
  type Invitation {
    id: ID!
    email: String!
    role: Role!
    createdAt: DateTime!
    expiresAt: DateTime!
  }

  type InvitationSent {
    invitation: Invitation!
    "smtp: mailed; log: this server has no SMTP_URL, so the mail (and its link) went to the server's log."
    delivery: String!
  }

  "A workspace the signed-in person belongs to."
  type Workspace {
    id: ID!
    "Its owner's email at creation (the account's email)."
    name: String!
    role: Role!
    "True for the one this session acts in."
    current: Boolean!
  }

  "One sensitive action, as it was recorded; entries are never changed or removed."
  type AuditEntry {
    id: ID!
    "key.created, key.revoked, member.invited, member.joined, member.removed, member.role_changed, plan.changed, credits.topped_up, webhook.secret_rotated, webhook.endpoint_created…"
    action: String!
    "Who did it: an email, an API key's name and prefix, or the system (stripe)."
    actor: String!
    actorUserId: ID
    actorApiKeyId: ID
    targetType: String
    targetId: String
    ip: String
    before: JSON
    after: JSON
    createdAt: DateTime!
  }

  type AuditEntryEdge {
    cursor: String!
    node: AuditEntry!
  }

  type AuditEntryConnection {
    edges: [AuditEntryEdge!]!
    nodes: [AuditEntry!]!
    pageInfo: PageInfo!
  }

  extend type Me {
    "Your role in this workspace (null for an API key, which acts with its own rights)."
    role: Role
  }

  extend type Query {
    "Dashboard only. The workspace's members."
    members: [Member!]!
    "Dashboard only. Pending invitations (owners and admins)."
    invitations: [Invitation!]!
    "Dashboard only. Every workspace you belong to."
    workspaces: [Workspace!]!
    "The workspace's audit log, newest first (owners, admins and API keys); \`action\` filters by one action."
    auditLog(first: Int = 20, after: String, action: String): AuditEntryConnection!
  }

  extend type Mutation {
    "Dashboard only. Mails an invitation link; inviting an address again replaces its pending invitation."
    inviteMember(email: String!, role: Role!): InvitationSent!
    "Dashboard only. The invitation's link stops working."
    revokeInvitation(id: ID!): Boolean!
    "Dashboard only. The owner cannot be removed."
    removeMember(userId: ID!): Boolean!
    "Dashboard only. Any role but OWNER (see transferOwnership)."
    changeMemberRole(userId: ID!, role: Role!): Member!
    "Dashboard only, owner only. The member becomes the owner; you stay on as an admin."
    transferOwnership(userId: ID!): Boolean!
    "Dashboard only. Joins the workspace of an invitation sent to your email (the token is the link's last part)."
    acceptInvitation(token: String!): Workspace!
    "Dashboard only."
    declineInvitation(token: String!): Boolean!
    "Dashboard only. Leaves the current workspace (its owner cannot)."
    leaveWorkspace: Boolean!
  }
`;

const invitee = (caller: SessionCaller) => ({ userId: caller.userId, email: caller.email, ip: caller.ip });

/** An answer that did not happen, as an error from the table. */
function refusal(outcome: Exclude<InvitationOutcome, { kind: "accepted" | "declined" | "pending" }>): AppError {
  switch (outcome.kind) {
    case "wrong-person":
      return invalidInput("token", `This invitation was sent to ${outcome.email}: sign in with that address to answer it`, "wrong-person");
    case "used":
      return invalidInput("token", "This invitation was answered or withdrawn already", "used");
    case "expired":
      return invalidInput("token", "This invitation has expired: ask for a new one", "expired");
    case "invalid":
      return notFound("Invitation", "token");
  }
}

async function answer(ctx: GraphQLContext, token: string, choice: "accept" | "decline") {
  const caller = await ctx.sessionCaller();
  const outcome = await answerInvitation(invitee(caller), token, choice);
  if (outcome.kind === "pending") throw new AppError("INTERNAL", "The invitation was not answered");
  if (outcome.kind !== "accepted" && outcome.kind !== "declined") throw refusal(outcome);
  return outcome;
}

export const teamsResolvers = {
  Query: {
    members: async (_: unknown, __: unknown, ctx: GraphQLContext) => listMembers((await ctx.sessionCaller()).accountId),
    invitations: async (_: unknown, __: unknown, ctx: GraphQLContext) => listInvitations(await ctx.sessionCaller()),
    workspaces: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const caller = await ctx.sessionCaller();
      return (await listWorkspaces(caller.userId)).map((w) => ({ id: w.accountId, name: w.name, role: w.role, current: w.accountId === caller.accountId }));
    },
    auditLog: async (_: unknown, args: { first?: number; after?: string; action?: string | null }, ctx: GraphQLContext) =>
      toConnection(await listAuditLog((await ctx.caller()).accountId, args)),
  },
  Mutation: {
    inviteMember: async (_: unknown, args: { email: string; role: Role }, ctx: GraphQLContext) =>
      inviteMember(await ctx.sessionCaller(), args, ctx.baseUrl.replace(/\/$/, "")),
    revokeInvitation: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => revokeInvitation(await ctx.sessionCaller(), args.id),
    removeMember: async (_: unknown, args: { userId: string }, ctx: GraphQLContext) => removeMember(await ctx.sessionCaller(), args.userId),
    changeMemberRole: async (_: unknown, args: { userId: string; role: Role }, ctx: GraphQLContext) => {
      const caller = await ctx.sessionCaller();
      await changeMemberRole(caller, args.userId, args.role);
      const member = (await listMembers(caller.accountId)).find((m) => m.userId === args.userId);
      if (!member) throw notFound("Member", args.userId);
      return member;
    },
    transferOwnership: async (_: unknown, args: { userId: string }, ctx: GraphQLContext) => transferOwnership(await ctx.sessionCaller(), args.userId),
    acceptInvitation: async (_: unknown, args: { token: string }, ctx: GraphQLContext) => {
      const outcome = await answer(ctx, args.token, "accept");
      if (outcome.kind !== "accepted") throw new AppError("INTERNAL", "The invitation was not accepted");
      const caller = await ctx.sessionCaller();
      const workspace = (await listWorkspaces(caller.userId)).find((w) => w.accountId === outcome.accountId);
      if (!workspace) throw notFound("Workspace", outcome.accountId);
      return { id: workspace.accountId, name: workspace.name, role: workspace.role, current: workspace.accountId === caller.accountId };
    },
    declineInvitation: async (_: unknown, args: { token: string }, ctx: GraphQLContext) => (await answer(ctx, args.token, "decline")).kind === "declined",
    leaveWorkspace: async (_: unknown, __: unknown, ctx: GraphQLContext) => leaveWorkspace(await ctx.sessionCaller()),
  },
  Me: {
    role: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const caller = await ctx.caller();
      return caller.kind === "session" ? caller.role : null;
    },
  },
  AuditEntry: {
    actor: (e: AuditLogEntry) => e.actorLabel,
  },
};
