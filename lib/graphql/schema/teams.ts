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
