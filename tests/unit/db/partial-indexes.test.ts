import { describe, expect, it } from "vitest";
import { schemaIndexes, toPrisma6Schema, withPartialIndexes } from "@/scripts/migration-sql";

// Prisma 6 (the offline migration renderer, scripts/migration-sql.ts) knows no partial indexes: the predicate is taken
// out of the schema it reads and put back into the SQL it writes. That whole path runs in
// tests/integration/migrations.test.ts (the migrations must build what schema.prisma describes); here, what Prisma 6
// alone would get wrong: a predicate added to an index it already has.
const schema = (where: string) => `model Job {
  id        String    @id
  owner     String
  /// Comments may hold {braces}.
  startedAt DateTime?
  createdAt DateTime

  @@index([owner, startedAt]${where})
  @@index([owner, createdAt(sort: Desc), id(sort: Desc)])
}
`;
const partial = schema(`, where: raw("\\"startedAt\\" IS NOT NULL")`);

describe("partial indexes in migration SQL", () => {
  it("reads each index's name, columns and predicate from the schema", () => {
    expect(schemaIndexes(partial)).toEqual(
      new Map([
        ["Job_owner_startedAt_idx", { model: "Job", columns: ['"owner"', '"startedAt"'], where: '"startedAt" IS NOT NULL' }],
        ["Job_owner_createdAt_id_idx", { model: "Job", columns: ['"owner"', '"createdAt" DESC', '"id" DESC'], where: undefined }],
      ]),
    );
  });

  it("hides the predicate from Prisma 6 and puts it into the CREATE INDEX it writes", () => {
    expect(toPrisma6Schema(partial)).toContain("@@index([owner, startedAt])\n");
    const prisma6 = `-- CreateIndex\nCREATE INDEX "Job_owner_startedAt_idx" ON "Job"("owner", "startedAt");\n`;
    expect(withPartialIndexes(prisma6, schemaIndexes(partial))).toBe(
      `-- CreateIndex\nCREATE INDEX "Job_owner_startedAt_idx" ON "Job"("owner", "startedAt") WHERE "startedAt" IS NOT NULL;\n`,
    );
  });

  it("re-creates an index whose predicate alone changed, which Prisma 6 sees as no change, and leaves others alone", () => {
    const recreate = (where: string) =>
      `-- DropIndex\nDROP INDEX "Job_owner_startedAt_idx";\n\n-- CreateIndex\nCREATE INDEX "Job_owner_startedAt_idx" ON "Job"("owner", "startedAt")${where};\n`;
    const empty = "-- This is an empty migration.";
    expect(withPartialIndexes(empty, schemaIndexes(partial), schemaIndexes(schema("")))).toBe(recreate(' WHERE "startedAt" IS NOT NULL'));
    expect(withPartialIndexes(empty, schemaIndexes(schema("")), schemaIndexes(partial))).toBe(recreate(""));
    expect(withPartialIndexes(empty, schemaIndexes(partial), schemaIndexes(partial))).toBe(empty);
  });
});
