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
import type { Resolvers } from "./generated/schema-types";

/** A workspace as the schema shows it to this person (`current`: the one the session works in). */
const asWorkspace = (w: { accountId: string; name: string; role: Role }, caller: SessionCaller) => ({
  id: w.accountId,
  name: w.name,
  role: w.role,
  current: w.accountId === caller.accountId,
});

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

export const teamsResolvers: Resolvers = {
  Query: {
    members: async (_, __, ctx) => listMembers((await ctx.sessionCaller()).accountId),
    invitations: async (_, __, ctx) => listInvitations(await ctx.sessionCaller()),
    workspaces: async (_, __, ctx) => {
      const caller = await ctx.sessionCaller();
      return (await listWorkspaces(caller.userId)).map((w) => asWorkspace(w, caller));
    },
    auditLog: async (_, args, ctx) => toConnection(await listAuditLog((await ctx.caller()).accountId, args)),
  },
  Mutation: {
    inviteMember: async (_, args, ctx) => inviteMember(await ctx.sessionCaller(), args, ctx.baseUrl.replace(/\/$/, "")),
    revokeInvitation: async (_, args, ctx) => revokeInvitation(await ctx.sessionCaller(), args.id),
    removeMember: async (_, args, ctx) => removeMember(await ctx.sessionCaller(), args.userId),
    changeMemberRole: async (_, args, ctx) => {
      const caller = await ctx.sessionCaller();
      await changeMemberRole(caller, args.userId, args.role);
      const member = (await listMembers(caller.accountId)).find((m) => m.userId === args.userId);
      if (!member) throw notFound("Member", args.userId);
      return member;
    },
    transferOwnership: async (_, args, ctx) => transferOwnership(await ctx.sessionCaller(), args.userId),
    acceptInvitation: async (_, args, ctx) => {
      const outcome = await answer(ctx, args.token, "accept");
      if (outcome.kind !== "accepted") throw new AppError("INTERNAL", "The invitation was not accepted");
      const caller = await ctx.sessionCaller();
      const workspace = (await listWorkspaces(caller.userId)).find((w) => w.accountId === outcome.accountId);
      if (!workspace) throw notFound("Workspace", outcome.accountId);
      return asWorkspace(workspace, caller);
    },
    declineInvitation: async (_, args, ctx) => (await answer(ctx, args.token, "decline")).kind === "declined",
    leaveWorkspace: async (_, __, ctx) => leaveWorkspace(await ctx.sessionCaller()),
  },
  Me: {
    role: async (_, __, ctx) => {
      const caller = await ctx.caller();
      return caller.kind === "session" ? caller.role : null;
    },
  },
  AuditEntry: {
    actor: (e: AuditLogEntry) => e.actorLabel,
  },
};
