// A preload (`node --import`) for tests/integration/async-context.test.ts: appends a line to the file named by
// DOITONG_TEST_ASYNC_STORAGE_LOG for each distinct instance of Node's own AsyncLocalStorage that runs or enters a
// store. Each such instance, once enabled, adds work to every promise of the process for good.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";

const log = process.env.DOITONG_TEST_ASYNC_STORAGE_LOG;
const seen = new WeakSet();
const count = (storage) => {
  if (!log || seen.has(storage)) return;
  seen.add(storage);
  const caller = new Error().stack?.split("\n")[3]?.trim() ?? "";
  fs.appendFileSync(log, `${caller}\n`);
};
for (const method of ["run", "enterWith"]) {
  const original = AsyncLocalStorage.prototype[method];
  AsyncLocalStorage.prototype[method] = function (...args) {
    count(this);
    return original.apply(this, args);
  };
}
