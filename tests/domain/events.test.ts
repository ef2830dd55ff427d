import { inlineSteps, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { listGenerationEvents } from "@/lib/events/list-generation-events";
import { cancelGeneration } from "@/lib/generations/cancel-generation";
import { createGeneration } from "@/lib/generations/create-generation";
import { runGeneration } from "@/lib/generations/run-generation";

// The account's event log (what generationEvents pages through and webhooks are made from), written by the verbs.
const IMAGE = { type: "IMAGE", input: { text: "A log" }, options: { resolution: "480p" } };

describe("generation events", () => {
  it("records every state change in order, each with the generation's state at that moment", async () => {
    const { caller } = await newAccount();
    const { generation } = await createGeneration(caller, IMAGE);
    await runGeneration(generation.id, inlineSteps);
    const { nodes } = await listGenerationEvents(caller, {});
    const types = nodes.filter((e) => e.type !== "generation.progress").map((e) => e.type);
    expect(types).toEqual(["generation.created", "generation.started", "generation.completed"]);
    expect(nodes.every((e) => e.generationId === generation.id)).toBe(true);
    expect(nodes.at(-1)!.data).toMatchObject({ status: "COMPLETED" });
    const sequences = nodes.map((e) => e.sequence);
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
  });

  it("pages through concurrent writers' events without gaps or repeats", async () => {
    const { caller } = await newAccount();
    const made = await Promise.all(Array.from({ length: 12 }, () => createGeneration(caller, IMAGE)));
    await Promise.all(made.slice(0, 6).map(({ generation }) => cancelGeneration(caller, generation.id)));
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      const page = await listGenerationEvents(caller, { first: 5, after });
      seen.push(...page.nodes.map((e) => e.id));
      after = page.endCursor;
      if (!page.hasNextPage) break;
      expect(pages).toBeLessThan(10);
    }
    expect(seen).toHaveLength(18); // 12 created + 6 cancelled
    expect(new Set(seen).size).toBe(18);
  });

  it("shows an account only its own events, and refuses a forged cursor by field", async () => {
    const [a, b] = await Promise.all([newAccount(), newAccount()]);
    await createGeneration(a.caller, IMAGE);
    expect((await listGenerationEvents(b.caller, {})).nodes).toEqual([]);
    const forged = Buffer.from("seq:abc").toString("base64url");
    await expect(listGenerationEvents(a.caller, { after: forged })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "after" } });
  });
});
