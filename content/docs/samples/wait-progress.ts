import { Doitong } from "doitong";

const doitong = new Doitong({ apiKey: process.env.DOITONG_API_KEY!, baseUrl: process.env.DOITONG_URL });
const started = await doitong.generate({ type: "VIDEO", input: { text: "Waves on a shore" }, options: { duration: 3 } });

// wait() follows the SSE subscription and falls back to polling (pollInterval seconds) when a proxy blocks it.
// The signal gives up waiting after two minutes; the generation itself goes on.
const done = await doitong.wait(started.id, {
  signal: AbortSignal.timeout(120_000),
  onProgress: (g) => console.log(`${g.status} ${g.progress}% ~${g.estimatedTimeRemaining}s left${g.queuePosition ? `, #${g.queuePosition} in queue` : ""}`),
});
console.log(done.status, done.url);
