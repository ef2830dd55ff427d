// Migration SQL without network access. Prisma 7's `migrate diff` needs the native schema engine (a download);
// Prisma 6.19 (`prisma6` in devDependencies) ships a WASM schema engine that runs offline once it is given a
// driver adapter, so we render the same SQL `prisma migrate dev` would write, from temporary Prisma-6-style copies.
// Prisma 6 knows no partial indexes (Prisma 7's `partialIndexes` preview, `@@index([...], where: raw("..."))`): their
// predicates are taken out of the copies it reads and put back into the SQL it writes (withPartialIndexes).
//
//   npx tsx scripts/migration-sql.ts                                   print SQL: empty -> prisma/schema.prisma
//   npx tsx scripts/migration-sql.ts --name add_x --from old.prisma    write prisma/migrations/<ts>_add_x/migration.sql
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { pathToFileURL } from "node:url";

const repoRoot = process.cwd();
const requireFromRepo = createRequire(join(repoRoot, "package.json"));

const WHERE_ARGUMENT = /,\s*where:\s*raw\("((?:[^"\\]|\\.)*)"\)/;

/** Prisma 7 schema -> Prisma 6 schema: the JS engine wants `prisma-client-js` + engineType "client" and a url. */
export function toPrisma6Schema(schema: string): string {
  const withGenerator = schema
    .replace(new RegExp(WHERE_ARGUMENT.source, "g"), "")
    .replace(/^generator\s+\w+\s*\{[^}]*\}/gm, 'generator client {\n  provider   = "prisma-client-js"\n  engineType = "client"\n}');
  // The url is never dialled: the adapter below supplies the (scratch) database.
  return withGenerator.replace(/^(datasource\s+\w+\s*\{)([^}]*)\}/m, (block, head: string, body: string) =>
    /^\s*url\s*=/m.test(body) ? block : `${head}${body}  url = "postgresql://offline.invalid/unused"\n}`,
  );
}

export interface SchemaIndex {
  model: string;
  /** Quoted columns as in CREATE INDEX, with DESC where the schema sorts one so. */
  columns: string[];
  /** The predicate of a partial index, as SQL. */
  where?: string;
}

/** Every `@@index` of a schema by its database name (Prisma's `<Model>_<fields>_idx`, or `map:`). */
export function schemaIndexes(schema: string): Map<string, SchemaIndex> {
  const found = new Map<string, SchemaIndex>();
  let model: string | undefined;
  for (const line of schema.split("\n")) {
    const opened = /^model\s+(\w+)\s*\{/.exec(line);
    if (opened) model = opened[1];
    else if (/^\}/.test(line)) model = undefined;
    const index = model && /^\s*@@index\(\[([^\]]*)\](.*)\)\s*$/.exec(line);
    if (!model || !index) continue;
    const fields = index[1].split(",").map((f) => /^\s*(\w+)(\(.*\))?\s*$/.exec(f) ?? []);
    const where = WHERE_ARGUMENT.exec(index[2])?.[1];
    const name = /map:\s*"([^"]+)"/.exec(index[2])?.[1] ?? `${model}_${fields.map((f) => f[1]).join("_")}_idx`;
    found.set(name, {
      model,
      columns: fields.map((f) => `"${f[1]}"${/sort:\s*Desc/.test(f[2] ?? "") ? " DESC" : ""}`),
      where: where === undefined ? undefined : (JSON.parse(`"${where}"`) as string),
    });
  }
  return found;
}

/**
 * Prisma 6's SQL with the partial indexes Prisma 7 would write: each CREATE INDEX of one gets its WHERE, and an index
 * whose predicate alone changed since `from` (a change Prisma 6 cannot see) is dropped and created again.
 */
export function withPartialIndexes(sql: string, to: Map<string, SchemaIndex>, from = new Map<string, SchemaIndex>()): string {
  let out = sql;
  const recreated: string[] = [];
  for (const [name, index] of to) {
    const create = new RegExp(`^(CREATE INDEX "${name}" ON [^;\n]*);$`, "m");
    if (create.test(out)) {
      if (index.where) out = out.replace(create, (_, statement: string) => `${statement} WHERE ${index.where};`);
      continue;
    }
    const before = from.get(name);
    if (!before || before.where === index.where) continue;
    const where = index.where ? ` WHERE ${index.where}` : "";
    recreated.push(`-- DropIndex\nDROP INDEX "${name}";\n\n-- CreateIndex\nCREATE INDEX "${name}" ON "${index.model}"(${index.columns.join(", ")})${where};\n`);
  }
  if (recreated.length === 0) return out;
  return /^-- This is an empty migration\.\s*$/.test(out) ? recreated.join("\n") : `${out.trimEnd()}\n\n${recreated.join("\n")}`;
}

// Loaded by prisma6's CLI. The engine only asks the database for its version while diffing two datamodels, so an
// in-memory PGlite answers. PGlite's backend arms a 10 s stats timer after a parameterised query that would keep
// the CLI alive long after it has written the SQL, so the instance is closed as soon as it goes idle. A caller that
// has a dump of an empty PGlite data directory (a test) passes it, to skip initdb (~7 CPU-s) for that one question.
const configSource = (schemaFile: string, pgliteDump?: string) => `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(${JSON.stringify(join(repoRoot, "package.json"))});
const { defineConfig } = require("prisma6/config");
const { PGlite } = require("@electric-sql/pglite");
const { PrismaPGlite } = require("pglite-prisma-adapter");

function idleClosingPGlite() {
  let db, busy = 0, timer;
  const call = (method) => async (...args) => {
    busy++;
    clearTimeout(timer);
    db ??= new PGlite(${pgliteDump ? `{ loadDataDir: new Blob([readFileSync(${JSON.stringify(pgliteDump)})]) }` : ""});
    try { return await db[method](...args); }
    finally {
      if (--busy === 0) timer = setTimeout(() => { const idle = db; db = undefined; void idle.close(); }, 50);
    }
  };
  return { query: call("query"), exec: call("exec"), transaction: call("transaction") };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: ${JSON.stringify(schemaFile)},
  adapter: async () => new PrismaPGlite(idleClosingPGlite()),
});
`;

/**
 * SQL that takes a database from `fromSchemaPath` (or empty) to `schemaPath`, as `prisma migrate diff --script`.
 * `pgliteDump`: a file with PGlite's dump of an empty data directory (`dumpDataDir("none")`), opened instead of a new one.
 */
export async function schemaToSql(schemaPath: string, fromSchemaPath?: string, pgliteDump?: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "migration-sql-"));
  try {
    const to = join(dir, "to.prisma");
    writeFileSync(to, toPrisma6Schema(readFileSync(schemaPath, "utf8")));
    const from = ["--from-empty"];
    if (fromSchemaPath) {
      writeFileSync(join(dir, "from.prisma"), toPrisma6Schema(readFileSync(fromSchemaPath, "utf8")));
      from.splice(0, 1, "--from-schema-datamodel", join(dir, "from.prisma"));
    }
    writeFileSync(join(dir, "prisma.config.mjs"), configSource(to, pgliteDump));
    const out = join(dir, "migration.sql");
    const cli = join(dirname(requireFromRepo.resolve("prisma6/package.json")), "build/index.js");
    const args = [cli, "migrate", "diff", "--config", join(dir, "prisma.config.mjs"), ...from];
    await promisify(execFile)(process.execPath, [...args, "--to-schema-datamodel", to, "--script", "--output", out], {
      cwd: dir,
      env: {
        ...process.env,
        // Both engines exist only as downloads; pointing at /dev/null stops the CLI from fetching them.
        PRISMA_SCHEMA_ENGINE_BINARY: "/dev/null",
        PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    const indexes = (file: string) => schemaIndexes(readFileSync(file, "utf8"));
    return withPartialIndexes(readFileSync(out, "utf8"), indexes(schemaPath), fromSchemaPath ? indexes(fromSchemaPath) : undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prisma's folder prefix: UTC YYYYMMDDHHMMSS. */
const timestamp = (d = new Date()) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);

async function main() {
  const { values } = parseArgs({ options: { from: { type: "string" }, name: { type: "string" } } });
  const schema = join(repoRoot, "prisma/schema.prisma");
  if (!values.name) {
    process.stdout.write(await schemaToSql(schema, values.from));
    return;
  }
  if (!/^\w+$/.test(values.name)) throw new Error(`--name must be letters, digits and _ (got "${values.name}")`);
  const migrations = join(repoRoot, "prisma/migrations");
  const existing = existsSync(migrations) ? readdirSync(migrations, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  // Without the schema as of the last migration we would re-create everything; refuse rather than guess.
  if (existing.length > 0 && !values.from) {
    throw new Error("Migrations exist: pass --from <schema.prisma as of the last migration>, e.g. from `git show HEAD:prisma/schema.prisma`");
  }
  const sql = await schemaToSql(schema, values.from && resolve(values.from));
  if (/^-- This is an empty migration\.\s*$/.test(sql)) {
    console.log("No schema changes: nothing written.");
    return;
  }
  const folder = join(migrations, `${timestamp()}_${values.name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  const lock = join(migrations, "migration_lock.toml");
  if (!existsSync(lock)) {
    writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  console.log(`Wrote ${join(folder, "migration.sql")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
