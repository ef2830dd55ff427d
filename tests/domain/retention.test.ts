import { db } from "../helpers/domain";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { createUserAccount } from "@/lib/auth/create-user-account";
import { createAccountApiKey } from "@/lib/auth/manage-api-keys";
import { newId } from "@/lib/ids";
import { deleteWorkspace } from "@/lib/retention/delete-workspace";
import { purgeExpiredMedia } from "@/lib/retention/purge-expired-media";

// What the database decides about retention and deletion, so the "postgres" project runs it on PostgreSQL too: the
// append-only audit log's one allowed update (a deleted workspace's anonymisation) and purgers on several instances
// sharing the expired media without taking one generation twice.

async function owner(tag: string, ip: string) {
  const email = `${tag}-${randomBytes(5).toString("hex")}@example.com`;
  const client = await db();
  const person = await client.$transaction((tx) => createUserAccount(tx, { email, passwordHash: null }));
  const caller = { kind: "session" as const, accountId: person.accountId, apiKeyId: null, userId: person.userId, email, role: "OWNER" as const, ip, limits: {} as never };
  return { ...person, email, caller };
}

describe("the audit log of a deleted workspace", () => {
  it("keeps what was done and when, but no email, address or before/after; any other change is still refused", async () => {
    const alice = await owner("alice", "192.0.2.10");
    await createAccountApiKey(alice.caller, { name: `key of ${alice.email}` });
    const [entry] = (await listAuditLog(alice.accountId, { action: "key.created" })).nodes;
    expect(entry).toMatchObject({ actorLabel: alice.email, ip: "192.0.2.10" });
    const client = await db();

    // While the workspace exists, the anonymising update itself is refused like any other.
    const anonymise = () =>
      client.$executeRawUnsafe(
        `UPDATE "AuditLogEntry" SET "actorLabel" = 'deleted', "actorUserId" = NULL, "actorApiKeyId" = NULL, ip = NULL, "before" = NULL, "after" = NULL WHERE "accountId" = $1`,
        alice.accountId,
      );
    await expect(anonymise()).rejects.toThrow(/append-only/);

    await deleteWorkspace(alice.caller, alice.email);
    const rows = await client.auditLogEntry.findMany({ where: { accountId: alice.accountId } });
    expect(rows.map((r) => ({ action: r.action, createdAt: r.createdAt, targetId: r.targetId }))).toEqual([
      { action: "key.created", createdAt: entry.createdAt, targetId: entry.targetId },
    ]);
    expect(rows[0]).toMatchObject({ actorLabel: "deleted", actorUserId: null, actorApiKeyId: null, ip: null, before: null, after: null });
    const everything = JSON.stringify(await client.auditLogEntry.findMany({ where: { accountId: alice.accountId } }), (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(everything).not.toContain(alice.email);
    expect(everything).not.toContain("192.0.2.10");

    // Even now, anything but the anonymisation is refused: rewriting what was done, an address, a label, a delete.
    await expect(client.auditLogEntry.update({ where: { id: entry.id }, data: { action: "key.revoked" } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.update({ where: { id: entry.id }, data: { ip: "0.0.0.0" } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.update({ where: { id: entry.id }, data: { actorLabel: "someone@else.com" } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.update({ where: { id: entry.id }, data: { createdAt: new Date(0) } })).rejects.toThrow(/append-only/);
    await expect(client.auditLogEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });

  it("a workspace that is not deleted keeps its entries unchangeable, whoever else is deleted", async () => {
    const bob = await owner("bob", "192.0.2.11");
    const carol = await owner("carol", "192.0.2.12");
    await createAccountApiKey(bob.caller, { name: "bob's" });
    await deleteWorkspace(carol.caller, carol.email);
    const client = await db();
    await expect(
      client.$executeRawUnsafe(
        `UPDATE "AuditLogEntry" SET "actorLabel" = 'deleted', "actorUserId" = NULL, "actorApiKeyId" = NULL, ip = NULL, "before" = NULL, "after" = NULL WHERE "accountId" = $1`,
        bob.accountId,
      ),
    ).rejects.toThrow(/append-only/);
    expect((await listAuditLog(bob.accountId, {})).nodes.map((e) => [e.actorLabel, e.ip])).toEqual([[bob.email, "192.0.2.11"]]);
  });
});

describe("purging expired media", () => {
  it("two purgers at once share the due generations: each is purged once, by one of them", async () => {
    const { accountId } = await owner("purge", "192.0.2.13");
    const client = await db();
    const expired = new Date(Date.now() - 60_000);
    const ids = Array.from({ length: 40 }, () => newId("gen"));
    await client.generation.createMany({
      data: ids.map((id) => ({
        id,
        accountId,
        type: "IMAGE" as const,
        provider: "local",
        status: "COMPLETED" as const,
        input: { text: "x" },
        options: {},
        creditCost: 1,
        estimatedTime: 1,
        completedAt: expired,
        mediaExpiresAt: expired,
      })),
    });
    // Small batches, several rounds each, so the two interleave on PostgreSQL's separate connections.
    const purger = async () => {
      const mine: string[] = [];
      for (;;) {
        const batch = await purgeExpiredMedia(5);
        if (batch.length === 0) return mine;
        mine.push(...batch);
      }
    };
    const [a, b] = await Promise.all([purger(), purger()]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    const rows = await client.generation.findMany({ where: { id: { in: ids } }, select: { mediaExpiredAt: true, mediaPurgeClaimedUntil: true } });
    expect(rows.every((r) => r.mediaExpiredAt !== null && r.mediaPurgeClaimedUntil === null)).toBe(true);
  });

  it("a claim left by a purger that died lapses, and another purger takes the generation", async () => {
    const { accountId } = await owner("lapse", "192.0.2.14");
    const client = await db();
    const expired = new Date(Date.now() - 60_000);
    const id = newId("gen");
    await client.generation.create({
      data: {
        id,
        accountId,
        type: "IMAGE",
        provider: "local",
        status: "COMPLETED",
        input: {},
        options: {},
        creditCost: 1,
        estimatedTime: 1,
        mediaExpiresAt: expired,
        mediaPurgeClaimedUntil: new Date(Date.now() + 60_000),
      },
    });
    expect(await purgeExpiredMedia(100)).not.toContain(id);
    await client.generation.update({ where: { id }, data: { mediaPurgeClaimedUntil: new Date(Date.now() - 1) } });
    expect(await purgeExpiredMedia(100)).toContain(id);
  });
});
