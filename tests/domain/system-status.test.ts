import { newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { createGeneration } from "@/lib/generations/create-generation";
import { logger } from "@/lib/log";
import { systemStatus } from "@/lib/ops/system-status";
import { withRequestId } from "@/lib/request-context";

// The operators' system page (issue 21): queues, webhook backlog, this instance's recent errors, dependencies.
describe("system status", () => {
  it("counts the generation queue with its oldest wait, and reports the database ready", async () => {
    const { caller } = await newAccount({ keyMode: "TEST" });
    const before = (await systemStatus()).queues.find((q) => q.runner === "generations")!.depth;
    await createGeneration(caller, { type: "IMAGE", input: { text: "A queued lighthouse" } });
    const status = await systemStatus(new Date(Date.now() + 5_000));
    const generations = status.queues.find((q) => q.runner === "generations")!;
    expect(generations.depth).toBe(before + 1);
    expect(generations.oldestSeconds).toBeGreaterThanOrEqual(5);
    expect(status.readiness.checks.database.ok).toBe(true);
    expect(status.instance.pid).toBe(process.pid);
  });

  it("keeps the last error-level log lines with their request ids, newest first, without stacks", async () => {
    const handler = withRequestId(() => {
      logger("probe").error({ err: new Error("boom in a probe") }, "probe failed");
      return new Response("failed", { status: 500 });
    });
    await handler(new Request("http://localhost/graphql", { headers: { "x-request-id": "req_system_test" } }));
    logger("probe").warn("only a warning");
    const [latest] = (await systemStatus()).recentErrors;
    expect(latest).toMatchObject({ message: "probe failed", component: "probe", requestId: "req_system_test", error: "Error: boom in a probe", level: "error" });
  });
});
