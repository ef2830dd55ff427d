import { db } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { createAccountApiKey, revokeApiKey } from "@/lib/auth/manage-api-keys";
import { applyStripeEvent } from "@/lib/billing/apply-stripe-event";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import type Stripe from "stripe";
import { reloadEnv } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/client";
import { answerInvitation, previewInvitation } from "@/lib/teams/answer-invitation";
import { resolveWorkspace } from "@/lib/teams/current-workspace";
import { inviteMember, listInvitations, revokeInvitation } from "@/lib/teams/invite-member";
import { listMembers, listWorkspaces } from "@/lib/teams/list-members";
import { changeMemberRole, leaveWorkspace, removeMember, transferOwnership } from "@/lib/teams/manage-members";
import type { TeamActor } from "@/lib/teams/team-actor";
import { invitationLink, type Mailbox, startMailbox } from "../fakes/mailbox";

// Workspaces as lib/ verbs: invitations through the real SMTP test server, roles, ownership, and the audit log they
// leave. Who may call which GraphQL operation is walked over HTTP in tests/integration/permissions.test.ts.
let mailbox: Mailbox;
const ORIGIN = "http://localhost:3000";

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.smtpUrl;
  reloadEnv();
});
afterAll(() => mailbox?.close());

interface Person {
  userId: string;
  accountId: string;
  email: string;
}

async function person(tag: string): Promise<Person> {
  const email = `${tag}-${randomBytes(5).toString("hex")}@example.com`;
  const client = await db();
  return client.$transaction((tx) => createUserAccount(tx, { email, passwordHash: null }));
}

const as = (p: Person, accountId: string, role: Role): TeamActor => ({ userId: p.userId, accountId, role, ip: "203.0.113.7" });
const invitee = (p: Person) => ({ userId: p.userId, email: p.email, ip: "198.51.100.9" });

async function invite(owner: Person, who: Person, role: Role): Promise<string> {
  const since = Date.now();
  const { delivery } = await inviteMember(as(owner, owner.accountId, "OWNER"), { email: who.email.toUpperCase(), role }, ORIGIN);
  expect(delivery).toBe("smtp");
  const mail = await mailbox.waitFor(who.email, { subject: /invited you/, since });
  expect(mail.text).toContain(owner.email);
  return invitationLink(mail).split("/invite/")[1];
}

describe("invitations", () => {
  it("a mailed link makes the invited person a member with the role; the audit log says who did what, from where", async () => {
    const [owner, dev] = [await person("owner"), await person("dev")];
    const token = await invite(owner, dev, "DEVELOPER");
    expect(await previewInvitation(invitee(dev), token)).toEqual({ kind: "pending", workspace: owner.email, role: "DEVELOPER", email: dev.email });
    expect(await answerInvitation(invitee(dev), token, "accept")).toEqual({ kind: "accepted", accountId: owner.accountId, role: "DEVELOPER" });
    expect(await answerInvitation(invitee(dev), token, "accept")).toEqual({ kind: "used" });

    expect((await listMembers(owner.accountId)).map((m) => [m.email, m.role])).toEqual([
      [owner.email, "OWNER"],
      [dev.email, "DEVELOPER"],
    ]);
    expect((await listWorkspaces(dev.userId)).map((w) => [w.accountId, w.role])).toEqual([
      [dev.accountId, "OWNER"],
      [owner.accountId, "DEVELOPER"],
    ]);
    // The session's choice holds while they are a member; without one, their own workspace.
    expect(await resolveWorkspace(dev.userId, owner.accountId)).toEqual({ accountId: owner.accountId, role: "DEVELOPER" });
    expect(await resolveWorkspace(dev.userId, null)).toEqual({ accountId: dev.accountId, role: "OWNER" });

    const log = (await listAuditLog(owner.accountId, {})).nodes;
    expect(log.map((e) => [e.action, e.actorLabel, e.ip])).toEqual([
      ["member.joined", dev.email, "198.51.100.9"],
      ["member.invited", owner.email, "203.0.113.7"],
    ]);
    expect(log[1].after).toEqual({ email: dev.email, role: "DEVELOPER" });
  });

  it("only the addressee can answer; a declined, withdrawn or replaced link does nothing", async () => {
    const [owner, viewer, stranger] = [await person("owner"), await person("viewer"), await person("stranger")];
    const first = await invite(owner, viewer, "VIEWER");
    expect(await answerInvitation(invitee(stranger), first, "accept")).toEqual({ kind: "wrong-person", email: viewer.email });
    const second = await invite(owner, viewer, "BILLING"); // replaces the first
    expect(await answerInvitation(invitee(viewer), first, "accept")).toEqual({ kind: "used" });
    expect(await listInvitations(as(owner, owner.accountId, "OWNER"))).toEqual([expect.objectContaining({ email: viewer.email, role: "BILLING" })]);
    expect(await answerInvitation(invitee(viewer), second, "decline")).toEqual({ kind: "declined" });
    expect(await answerInvitation(invitee(viewer), second, "accept")).toEqual({ kind: "used" });
    const third = await invite(owner, viewer, "VIEWER");
    const [pending] = await listInvitations(as(owner, owner.accountId, "OWNER"));
    await revokeInvitation(as(owner, owner.accountId, "OWNER"), pending.id);
    expect(await answerInvitation(invitee(viewer), third, "accept")).toEqual({ kind: "used" });
    expect(await answerInvitation(invitee(viewer), "x".repeat(43), "accept")).toEqual({ kind: "invalid" });
    expect((await listMembers(owner.accountId)).map((m) => m.email)).toEqual([owner.email]);
  });

  it("accept and decline at once: one answer wins, and the membership exists at most once", async () => {
    const [owner, dev] = [await person("owner"), await person("dev")];
    const token = await invite(owner, dev, "DEVELOPER");
    const outcomes = await Promise.all([
      answerInvitation(invitee(dev), token, "accept"),
      answerInvitation(invitee(dev), token, "decline"),
      answerInvitation(invitee(dev), token, "accept"),
    ]);
    expect(outcomes.filter((o) => o.kind !== "used")).toHaveLength(1);
    const members = await listMembers(owner.accountId);
    expect(members.length).toBe(outcomes.some((o) => o.kind === "accepted") ? 2 : 1);
  });

  it("refuses roles that cannot invite, and the OWNER role by invitation", async () => {
    const [owner, dev] = [await person("owner"), await person("dev")];
    await expect(inviteMember(as(dev, owner.accountId, "DEVELOPER"), { email: "x@example.com", role: "VIEWER" }, ORIGIN)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteMember(as(owner, owner.accountId, "OWNER"), { email: "x@example.com", role: "OWNER" }, ORIGIN)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(inviteMember(as(owner, owner.accountId, "OWNER"), { email: owner.email, role: "VIEWER" }, ORIGIN)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { reason: "already-member" },
    });
  });
});

describe("members", () => {
  async function team() {
    const [owner, admin, dev] = [await person("owner"), await person("admin"), await person("dev")];
    for (const [who, role] of [
      [admin, "ADMIN"],
      [dev, "DEVELOPER"],
    ] as const)
      await answerInvitation(invitee(who), await invite(owner, who, role), "accept");
    return { owner, admin, dev, ws: owner.accountId };
  }

  it("roles change, members are removed and leave; the owner stays until ownership is transferred", async () => {
    const { owner, admin, dev, ws } = await team();
    await changeMemberRole(as(admin, ws, "ADMIN"), dev.userId, "VIEWER");
    await expect(changeMemberRole(as(admin, ws, "ADMIN"), owner.userId, "VIEWER")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(removeMember(as(admin, ws, "ADMIN"), owner.userId)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(transferOwnership(as(admin, ws, "ADMIN"), admin.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(as(dev, ws, "VIEWER"), admin.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(leaveWorkspace(as(owner, ws, "OWNER"))).rejects.toMatchObject({ code: "INVALID_INPUT" });

    await transferOwnership(as(owner, ws, "OWNER"), admin.userId);
    expect(Object.fromEntries((await listMembers(ws)).map((m) => [m.email, m.role]))).toEqual({ [admin.email]: "OWNER", [owner.email]: "ADMIN", [dev.email]: "VIEWER" });
    // The old owner's stale role no longer transfers anything: the verb reads the role under the lock.
    await expect(transferOwnership(as(owner, ws, "OWNER"), dev.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeMember(as(admin, ws, "OWNER"), dev.userId);
    await leaveWorkspace(as(owner, ws, "ADMIN"));
    expect((await listMembers(ws)).map((m) => m.email)).toEqual([admin.email]);
    // The removed member acts in their own workspace again, whatever their session chose; the one who left the
    // only workspace they had has none (and is signed out).
    expect(await resolveWorkspace(dev.userId, ws)).toEqual({ accountId: dev.accountId, role: "OWNER" });
    expect(await resolveWorkspace(owner.userId, ws)).toBeNull();

    const actions = (await listAuditLog(ws, { first: 100 })).nodes.map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(["member.left", "member.removed", "workspace.ownership_transferred", "member.role_changed"]);
  });

  it("two transfers at once: exactly one happens, and the workspace has one owner", async () => {
    const { owner, admin, dev, ws } = await team();
    const results = await Promise.allSettled([transferOwnership(as(owner, ws, "OWNER"), admin.userId), transferOwnership(as(owner, ws, "OWNER"), dev.userId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(ws)).filter((m) => m.role === "OWNER")).toHaveLength(1);
  });
});

describe("the audit log", () => {
  it("records key changes with the actor and the address, and refuses UPDATE and DELETE in the database", async () => {
    const owner = await person("owner");
    const caller = {
      kind: "session" as const,
      accountId: owner.accountId,
      apiKeyId: null,
      userId: owner.userId,
      email: owner.email,
      role: "OWNER" as const,
      ip: "192.0.2.1",
      limits: {} as never,
    };
    const created = await createAccountApiKey(caller, { name: "ci" });
    const [entry] = (await listAuditLog(owner.accountId, { action: "key.created" })).nodes;
    expect(entry).toMatchObject({ actorLabel: owner.email, actorUserId: owner.userId, ip: "192.0.2.1", targetId: created.info.id, after: { name: "ci", mode: "LIVE" } });

    const client = await db();
    await expect(client.auditLogEntry.update({ where: { id: entry.id }, data: { ip: "0.0.0.0" } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(client.$executeRawUnsafe(`DELETE FROM "AuditLogEntry" WHERE "accountId" = $1`, owner.accountId)).rejects.toThrow(/append-only/);
    expect((await listAuditLog(owner.accountId, {})).nodes.map((e) => e.ip)).toEqual(["192.0.2.1"]);
    // Deleting the workspace itself still cascades.
    await client.account.delete({ where: { id: owner.accountId } });
    expect(await client.auditLogEntry.count({ where: { accountId: owner.accountId } })).toBe(0);
  });

  it("records top-ups (by Stripe), key revocations, secret rotations and endpoint changes, never the secrets", async () => {
    const owner = await person("owner");
    const caller = {
      kind: "session" as const,
      accountId: owner.accountId,
      apiKeyId: null,
      userId: owner.userId,
      email: owner.email,
      role: "OWNER" as const,
      ip: "192.0.2.2",
      limits: {} as never,
    };
    const session = {
      id: "cs_audit_1",
      object: "checkout.session",
      mode: "payment",
      payment_status: "paid",
      client_reference_id: owner.accountId,
      customer: null,
      metadata: { credits: "500" },
    };
    const event = { id: `evt_audit_${owner.accountId}`, type: "checkout.session.completed", data: { object: session } } as unknown as Stripe.Event;
    expect(await applyStripeEvent(event)).toBe("applied");
    expect(await applyStripeEvent(event)).toBe("duplicate");

    const key = await createAccountApiKey(caller, { name: "to revoke" });
    await revokeApiKey(caller, key.info.id);
    const rotated = await rotateWebhookSecret(caller, "LIVE");
    // A public address by its IP: no name to resolve on an offline machine.
    const endpoint = await createWebhookEndpoint(caller, { url: "https://93.184.215.14/hooks" });
    await updateWebhookEndpoint(caller, endpoint.id, { enabled: false });
    await deleteWebhookEndpoint(caller, endpoint.id);

    const log = (await listAuditLog(owner.accountId, { first: 100 })).nodes.reverse();
    expect(log[0]).toMatchObject({ action: "credits.topped_up", actorLabel: "stripe", before: { creditBalance: 50 }, after: { creditBalance: 550, credits: 500 } });
    expect(log.filter((e) => e.action === "credits.topped_up")).toHaveLength(1); // the redelivery records nothing
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(["key.created", "key.revoked", "webhook.secret_rotated", "webhook.endpoint_created", "webhook.endpoint_updated", "webhook.endpoint_deleted"]),
    );
    expect(log.find((e) => e.action === "key.revoked")).toMatchObject({ actorLabel: owner.email, ip: "192.0.2.2", targetId: key.info.id });
    expect(log.find((e) => e.action === "webhook.endpoint_updated")).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    expect(JSON.stringify(log.map((e) => [e.before, e.after]))).not.toContain(rotated.secret);
  });
});
