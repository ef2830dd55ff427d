// A migrated embedded database made once per test run, copied for every test server and domain test file that
// runs on PGlite. Creating a PGlite data directory runs initdb in WebAssembly (seconds; tens of seconds on a busy
// CI machine) and then every migration; opening a copy of a finished one skips both. Each copy is a database of
// its own, as a fresh one was. Made by vitest's globalSetup (vitest.config.mts); without it (a single file run by
// an IDE runner that skips globalSetup, Playwright) everything creates its database as before.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TEMPLATE_ENV = "DOITONG_TEST_PGDATA_TEMPLATE";

/** vitest globalSetup: makes the template, exports its path to the test processes, removes it at the end. */
export default async function makeTemplate(): Promise<() => void> {
  // Loaded here, not at the top: test servers (Playwright's too) import this module only to copy the template.
  const [{ PGlite }, { applyMigrations, pgliteExecutor }] = await Promise.all([import("@electric-sql/pglite"), import("../../lib/db/migrate")]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-pgdata-"));
  const pgdata = path.join(dir, "pgdata");
  const db = await PGlite.create(pgdata);
  try {
    await applyMigrations(pgliteExecutor(db));
  } finally {
    await db.close();
  }
  process.env[TEMPLATE_ENV] = pgdata;
  return () => fs.rmSync(dir, { recursive: true, force: true });
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
