// The order vitest starts test files in: project by project, the project with the longest file first, and longest
// first within each project. Vitest's own order runs the projects by name and, without its results cache (a clean
// checkout: CI), the larger files first; so the "postgres" re-runs of the longest integration files (faults,
// webhooks, billing, recovery) started last and ran on while the other workers had nothing left to do.
// Why project by project and not longest first over all projects (as before): vitest (4.1's pool) keeps a worker
// process for the next file only when the next file in its queue is of the same project; otherwise it stops the
// worker, and the next file pays a new process, vitest's set-up and the imports of lib/ again. Longest first over all
// projects alternated between them at almost every file: a CI run (2026-12-07) started 84 worker processes, whose
// own CPU was ~400 of the run's ~1,250 CPU-s in test files.
// How long a file takes: vitest's own cache when this checkout has one (a developer's machine), else
// tests/durations.json (a whole run's numbers; `node scripts/test-durations.mjs` after `npm test` refreshes it),
// else a guess by kind — an integration file starts a server and mostly waits on it, the rest take seconds.
import fs from "node:fs";
import path from "node:path";
import { shuffle as shuffleWithSeed } from "@vitest/utils/helpers";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const TABLE = path.resolve(import.meta.dirname, "../durations.json");

/** Guesses (ms) for a file the table does not know yet (new): by directory, the first that matches. */
const GUESS: [RegExp, number][] = [
  [/^tests\/integration\//, 60_000],
  [/^tests\/domain\//, 10_000],
];
const DEFAULT_GUESS = 3_000;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // `--sequence.shuffle` (does the order of files matter?) wins, in the order vitest's own RandomSequencer draws
    // from the seed (`--sequence.seed` repeats a run's order): vitest shuffles files itself only without a sequencer.
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffleWithSeed([...files], seed);
    const table = readTable();
    const root = this.ctx.config.root;
    const expected = new Map(
      files.map((spec) => {
        const file = path.relative(root, spec.moduleId).split(path.sep).join("/");
        const known = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`)?.duration || table[`${spec.project.name}:${file}`];
        const guess = GUESS.find(([pattern]) => pattern.test(file))?.[1] ?? DEFAULT_GUESS;
        return [spec, { ms: known ?? guess, size: this.ctx.cache.getFileStats(`${spec.project.name}:${file}`)?.size ?? 0, file }];
      }),
    );
    // A project's rank: its longest file. Ties keep the projects apart by name.
    const longest = new Map<string, number>();
    for (const spec of files) longest.set(spec.project.name, Math.max(longest.get(spec.project.name) ?? 0, expected.get(spec)!.ms));
    return [...files].sort((a, b) => {
      const [x, y] = [expected.get(a)!, expected.get(b)!];
      const [p, q] = [a.project.name, b.project.name];
      if (p !== q) return longest.get(q)! - longest.get(p)! || p.localeCompare(q);
      return y.ms - x.ms || y.size - x.size || x.file.localeCompare(y.file);
    });
  }
}

function readTable(): Record<string, number> {
  try {
    return (JSON.parse(fs.readFileSync(TABLE, "utf8")) as { files: Record<string, number> }).files;
  } catch {
    return {};
  }
}
