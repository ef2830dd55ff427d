// Regenerates what the SDKs know about the API from the live schema, so they are never mirrored by hand:
//   sdk/schema.graphql                          the schema as the server builds it (printSchema)
//   sdk/typescript/src/generated/graphql.ts     TypeScript types of the schema and of the SDK's own operations
//   sdk/python/doitong/_schema.py               Python enums and dataclasses of the types the Python SDK returns
// Run `npm run sdk:codegen` after a schema change; tests/unit/sdk/codegen.test.ts fails until the files match.
import fs from "node:fs";
import path from "node:path";
import { sdkArtifacts } from "./sdk-codegen/artifacts";

const root = path.resolve(import.meta.dirname, "..");
for (const [file, content] of Object.entries(await sdkArtifacts())) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  console.log(`wrote ${file}`);
}
