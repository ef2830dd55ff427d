// Runs once when the server starts: database, demo account, background runner (see lib/boot.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootServer } = await import("./lib/boot");
    await bootServer();
  }
}
