// Setup file of the domain projects (vitest.config.mts), run before each test file: a database of its own for every
// file, also when one worker runs file after file and imports tests/helpers/domain.ts only once (isolate: false).
import { useFileDatabase } from "./domain";

await useFileDatabase();
