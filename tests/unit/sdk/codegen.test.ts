import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sdkArtifacts } from "@/scripts/sdk-codegen/artifacts";

// The SDKs' types, the server's resolver types and the dashboard's typed documents are generated from the live
// schema (scripts/sdk-codegen.ts) and committed. A schema or document change that is not regenerated would ship
// types that disagree with the API: this fails until `npm run sdk:codegen` is run.
describe("GraphQL codegen", () => {
  it("the committed schema, SDK types, Python dataclasses, resolver types and dashboard documents match the live schema", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    for (const [file, content] of Object.entries(await sdkArtifacts())) {
      expect(fs.readFileSync(path.join(root, file), "utf8"), `${file} is stale: run npm run sdk:codegen`).toBe(content);
    }
  });
});
