import { bootServer } from "../boot";
import { registerApiDispatcher } from "./serve-node";

/**
 * What instrumentation.ts runs once at server start: the database, runner and sweepers (lib/boot.ts), then the API's
 * handlers registered for server.mjs to serve before Next's router. One module, imported once: two dynamic imports
 * there made the bundler emit two chunk groups that overlap, and every start read and compiled the shared 1.3 MB of
 * JavaScript twice (once per group's copy of the same chunks).
 */
export async function startServer(): Promise<void> {
  await bootServer();
  registerApiDispatcher();
}
