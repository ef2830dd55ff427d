import { describe, expect, it } from "vitest";
import { batchLoader } from "@/lib/graphql/batch-loader";

// A page of generations each asking for its attempts is one query, not one per generation.
describe("batchLoader", () => {
  it("loads the keys asked for in one turn with one call, each caller getting its own value", async () => {
    const calls: (readonly string[])[] = [];
    const load = batchLoader(
      async (keys: readonly string[]) => {
        calls.push(keys);
        return new Map(keys.filter((k) => k !== "gone").map((k) => [k, [`${k}:1`]]));
      },
      () => [],
    );
    expect(await Promise.all(["a", "b", "gone", "a"].map(load))).toEqual([["a:1"], ["b:1"], [], ["a:1"]]);
    expect(calls).toEqual([["a", "b", "gone", "a"]]);
  });

  it("starts a new batch for keys asked for after the last one was sent", async () => {
    const calls: (readonly number[])[] = [];
    const load = batchLoader(
      async (keys: readonly number[]) => {
        calls.push(keys);
        return new Map(keys.map((k) => [k, k * 2]));
      },
      () => 0,
    );
    expect(await load(1)).toBe(2);
    expect(await Promise.all([load(2), load(3)])).toEqual([4, 6]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it("hands every caller of a batch the failure of its load", async () => {
    const load = batchLoader<string, number>(
      () => Promise.reject(new Error("database down")),
      () => 0,
    );
    await expect(Promise.all([load("a"), load("b")])).rejects.toThrow("database down");
  });
});
