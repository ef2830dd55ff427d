// Runs once when the server starts: database, demo account, background runner (see lib/boot.ts); and, for the
// custom server (server.mjs), the API's handlers served before Next's router (lib/server/serve-node.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/start-server");
    await startServer();
  }
}
