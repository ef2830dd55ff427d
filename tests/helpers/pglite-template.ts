// A migrated embedded database made once per test run, copied for every test server and domain test file that
// runs on PGlite. Creating a PGlite data directory runs initdb in WebAssembly (seconds; tens of seconds on a busy
// CI machine) and then every migration; opening a copy of a finished one skips both. Each copy is a database of
// its own, as a fresh one was. Made by vitest's globalSetup (vitest.config.mts), or before the tests by .ci/run, which
// exports it to vitest and Playwright alike; without one (a single file run by an IDE runner that skips
// globalSetup, Playwright on its own) everything creates its database as before.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TEMPLATE_ENV = "DOITONG_TEST_PGDATA_TEMPLATE";

/**
 * vitest globalSetup: makes the template, exports its path to the test processes, removes it at the end. A template
 * the caller made before (DOITONG_TEST_PGDATA_TEMPLATE, from `tsx tests/helpers/pglite-template.ts <dir>`: .ci/run
 * makes it beside its static checks) is used as it is and left to the caller.
 */
export default async function makeTemplate(): Promise<() => void> {
  const given = process.env[TEMPLATE_ENV];
  if (given && fs.existsSync(path.join(given, "PG_VERSION"))) return () => {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-pgdata-"));
  process.env[TEMPLATE_ENV] = await createTemplate(path.join(dir, "pgdata"));
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/** A migrated PGlite data directory at `pgdata` (which must not exist yet); returns its path. */
export async function createTemplate(pgdata: string): Promise<string> {
  // Loaded here, not at the top: test servers (Playwright's too) import this module only to copy the template.
  const [{ PGlite }, { applyMigrations, pgliteExecutor }] = await Promise.all([import("@electric-sql/pglite"), import("../../lib/db/migrate")]);
  const db = await PGlite.create(pgdata);
  try {
    // The same database before any migration, for the tests of migrations (emptyPgliteDump): initdb once per run.
    const dump = await db.dumpDataDir("none");
    fs.writeFileSync(initdbDumpOf(pgdata), new Uint8Array(await dump.arrayBuffer()));
    await applyMigrations(pgliteExecutor(db));
  } finally {
    await db.close();
  }
  return pgdata;
}

const initdbDumpOf = (pgdata: string) => `${pgdata}.initdb.tar`;
let initdbHere: Promise<Blob> | undefined;

/**
 * A dump of a new PGlite database that no migration has touched, to open with `PGlite.create({ loadDataDir })` (a
 * quarter of initdb's CPU, which is seconds): the one made beside the template before its migrations, else one made
 * here by initdb, once per process.
 */
export async function emptyPgliteDump(): Promise<Blob> {
  const template = process.env[TEMPLATE_ENV];
  if (template && fs.existsSync(initdbDumpOf(template))) return new Blob([fs.readFileSync(initdbDumpOf(template))]);
  return (initdbHere ??= (async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create();
    try {
      return await db.dumpDataDir("none");
    } finally {
      await db.close();
    }
  })());
}

/**
 * Puts a copy of the template where lib/db/embedded.ts opens the embedded database of `dataDir` (its db/pgdata),
 * unless there is no template or a database is already there.
 */
export function seedEmbeddedDatabase(dataDir: string): void {
  const template = process.env[TEMPLATE_ENV];
  const target = path.join(dataDir, "db", "pgdata");
  if (!template || fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(template, target, { recursive: true });
}

// `tsx tests/helpers/pglite-template.ts <dir>`: makes the template at <dir> (.ci/run, beside its static checks).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const target = process.argv[2];
  if (!target) throw new Error("usage: tsx tests/helpers/pglite-template.ts <directory to create>");
  createTemplate(path.resolve(target)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
