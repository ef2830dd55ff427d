import { describe, expect, it } from "vitest";
import type { PlaygroundGenerationFragment as Generation } from "@/components/graphql/generated";
import { later } from "@/components/playground/later";

const at = (status: Generation["status"], progress: number) => ({ id: "gen_1", status, progress }) as Generation;

describe("a generation shown live only moves forward", () => {
  it("keeps the final state when a poll sent earlier answers after the stream delivered it", () => {
    expect(later(at("COMPLETED", 100), at("PROCESSING", 0)).status).toBe("COMPLETED");
    expect(later(at("CANCELLED", 10), at("QUEUED", 0)).status).toBe("CANCELLED");
  });

  it("takes the newer status and the higher progress", () => {
    expect(later(at("QUEUED", 0), at("PROCESSING", 0)).status).toBe("PROCESSING");
    expect(later(at("PROCESSING", 40), at("PROCESSING", 20)).progress).toBe(40);
    expect(later(at("PROCESSING", 40), at("PROCESSING", 60)).progress).toBe(60);
    expect(later(at("PROCESSING", 99), at("FAILED", 0)).status).toBe("FAILED");
    expect(later(undefined, at("QUEUED", 0)).status).toBe("QUEUED");
  });

  it("does not swap one final state for another", () => {
    expect(later(at("CANCELLED", 0), at("COMPLETED", 100)).status).toBe("CANCELLED");
  });
});
