import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/client";
import { can, canOpenPage, OPERATION_CAPABILITY, PAGE_CAPABILITY, type DashboardPage, type Principal } from "@/lib/teams/permissions";
import { invitationLink } from "../fakes/mailbox";
import { introspect, rootCalls, sendCall, type RootCall } from "../helpers/schema-walk";
import { startServer, type TestServer } from "../helpers/server";
import { signedInPerson, switchWorkspace } from "../helpers/session";

// Every root field of the schema (read from the server's introspection, so a field added later is walked too) and
// every dashboard page, called by a member of each role and by an API key of the workspace: the permission table
// (lib/teams/permissions.ts) decides, and the server must answer exactly that — FORBIDDEN where the role lacks the
// field's capability, anything but FORBIDDEN where it has it. Members join by the real invitation flow: the mail
// is read from the test's SMTP server, the link's token accepted over GraphQL, the workspace switched to.
let server: TestServer;
const session = (cookie: string) => ({ headers: { cookie, "x-doitong-csrf": "1" } });

interface Member {
  role: Role;
  email: string;
  cookie: string;
}
let owner: Member & { accountId: string };
let apiKey: string;
const members: Member[] = [];

beforeAll(async () => {
  server = await startServer({ DOITONG_DEMO_ACCOUNT: "off" });
  const signedUp = await signedInPerson(server);
  const me = await server.gql<{ me: { accountId: string } }>(`{ me { accountId } }`, {}, session(signedUp.cookie));
  owner = { role: "OWNER", email: signedUp.email, cookie: signedUp.cookie, accountId: me.body.data!.me.accountId };
  await server.setLimits(owner.accountId, { rpm: 0, parallel: 0, daily: 0 });
  const key = await server.gql<{ createApiKey: { key: string } }>(`mutation { createApiKey(name: "walk", mode: TEST) { key } }`, {}, session(owner.cookie));
  apiKey = key.body.data!.createApiKey.key;
  members.push(owner);
  for (const role of ["ADMIN", "DEVELOPER", "BILLING", "VIEWER"] as const) members.push(await join(role));
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

/** A new person, invited by the owner with `role`, who accepts and switches to the owner's workspace. */
async function join(role: Role): Promise<Member> {
  const person = await signedInPerson(server);
  const since = Date.now();
  const invited = await server.gql<{ inviteMember: { delivery: string } }>(
    `mutation($e: String!, $r: Role!) { inviteMember(email: $e, role: $r) { delivery } }`,
    { e: person.email, r: role },
    session(owner.cookie),
  );
  expect(invited.body.data?.inviteMember.delivery).toBe("smtp");
  const mail = await server.mail!.waitFor(person.email, { subject: /invited you/, since });
  const token = invitationLink(mail).split("/invite/")[1];
  const accepted = await server.gql<{ acceptInvitation: { id: string; role: Role; current: boolean } }>(
    `mutation($t: String!) { acceptInvitation(token: $t) { id role current } }`,
    { t: token },
    session(person.cookie),
  );
  // Accepting does not move the session: it still acts in the person's own workspace until they switch.
  expect(accepted.body.data?.acceptInvitation).toEqual({ id: owner.accountId, role, current: false });
  const cookie = await switchWorkspace(server, person.cookie, owner.accountId);
  const me = await server.gql<{ me: { accountId: string; role: Role } }>(`{ me { accountId role } }`, {}, session(cookie));
  expect(me.body.data?.me).toEqual({ accountId: owner.accountId, role });
  return { role, email: person.email, cookie };
}

/** Errors of the root field itself (not of a nested field such as me.webhookSecret). */
const rootCodes = (errors: { path?: (string | number)[]; extensions?: { code?: string } }[]) => errors.filter((e) => !e.path || e.path.length <= 1).map((e) => e.extensions?.code);

describe("dashboard pages and secret fields", () => {
  it("open for the roles the table allows, and say why not to the others", async () => {
    const pages = Object.keys(PAGE_CAPABILITY) as DashboardPage[];
    const problems: string[] = [];
    for (const m of members) {
      for (const page of pages) {
        const path = page === "overview" ? "/dashboard" : `/dashboard/${page}`;
        const res = await fetch(`${server.url}${path}`, { headers: { cookie: m.cookie }, redirect: "manual" });
        const html = await res.text();
        const refused = html.includes('data-testid="page-forbidden"');
        if (res.status !== 200 || refused === canOpenPage(m.role, page)) problems.push(`${path} as ${m.role}: ${res.status}, ${refused ? "refused" : "opened"}`);
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it("keeps the webhook signing secrets from roles that do not manage webhooks", async () => {
    for (const m of members) {
      const res = await server.gql<{ me: { webhookSecret: string | null } }>(`{ me { plan webhookSecret } }`, {}, session(m.cookie));
      const refused = (res.body.errors ?? []).some((e) => e.extensions?.code === "FORBIDDEN" && e.path?.join(".") === "me.webhookSecret");
      expect(refused, m.role).toBe(!can({ kind: "member", role: m.role }, "webhooks"));
    }
  });
});

describe("the audit log through the API", () => {
  it("lists every join and invitation newest first, with actor and address, to the workspace's key; pages with after", async () => {
    const page = async (after?: string) =>
      (
        await server.gql<{
          auditLog: { nodes: { action: string; actor: string; ip: string | null; after: Record<string, string> }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        }>(`query($a: String) { auditLog(first: 4, after: $a) { nodes { action actor ip after } pageInfo { endCursor hasNextPage } } }`, { a: after }, { apiKey })
      ).body.data!.auditLog;
    const pages = [await page()];
    while (pages.at(-1)!.pageInfo.hasNextPage) pages.push(await page(pages.at(-1)!.pageInfo.endCursor));
    const entries = pages.flatMap((p) => p.nodes);
    // The owner's key came first, then each member was invited and joined, one after the other.
    expect(entries.map((e) => e.action)).toEqual([...Array.from({ length: 4 }, () => ["member.joined", "member.invited"]).flat(), "key.created"]);
    expect(entries.filter((e) => e.action === "member.joined").map((e) => e.after.role)).toEqual(["VIEWER", "BILLING", "DEVELOPER", "ADMIN"]);
    expect(entries.filter((e) => e.action !== "member.joined").every((e) => e.actor === owner.email && e.ip)).toBe(true);
  });
});

// Last: walking leaveWorkspace ends the members' memberships.
describe("the permission table, over HTTP", () => {
  it("decides every operation of the schema, for every role and for API keys", async () => {
    const calls = rootCalls(await introspect(server));
    expect(calls.length).toBeGreaterThan(40);
    // The table covers the schema (the server refuses to start otherwise) and names nothing the schema lacks.
    expect(calls.map((c) => `${c.root}.${c.field}`).filter((f) => !OPERATION_CAPABILITY[f])).toEqual([]);
    // Leaving ends the membership: walked last.
    const ordered = [...calls.filter((c) => c.field !== "leaveWorkspace"), ...calls.filter((c) => c.field === "leaveWorkspace")];
    const problems: string[] = [];
    const check = async (call: RootCall, principal: Principal, label: string, as: { apiKey?: string; headers?: Record<string, string> }) => {
      const { errors, text } = await sendCall(server, call, as);
      const forbidden = rootCodes(errors).includes("FORBIDDEN");
      const allowed = can(principal, OPERATION_CAPABILITY[`${call.root}.${call.field}`]);
      if (forbidden === allowed) problems.push(`${call.field} as ${label}: table says ${allowed ? "allowed" : "refused"}, server answered ${text.slice(0, 200)}`);
    };
    for (const member of members.filter((m) => m.role !== "OWNER")) {
      for (const call of ordered) await check(call, { kind: "member", role: member.role }, member.role, session(member.cookie));
    }
    for (const call of ordered) await check(call, { kind: "apiKey" }, "API key", { apiKey });
    for (const call of ordered) await check(call, { kind: "member", role: "OWNER" }, "OWNER", session(owner.cookie));
    expect(problems).toEqual([]);
  }, 600_000);
});
