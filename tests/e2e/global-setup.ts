import { startServer } from "../helpers/server";

/**
 * Starts the built app the way `npm start` does (shared with the integration tests), on a free port with a fresh
 * data directory, so the landing is rendered from a clean first boot — which also prints the demo API key the
 * quick-start test uses.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startServer();
  process.env.E2E_BASE_URL = server.url;
  // Workers inherit the runner's environment; the demo key is printed once, on the first boot of a data directory.
  const demoKey = /API key\s+(\S+)/.exec(server.output())?.[1];
  if (demoKey) process.env.E2E_DEMO_API_KEY = demoKey;
  return () => server.stop();
}
