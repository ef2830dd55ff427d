import { writeFile } from "node:fs/promises";
import { Doitong } from "doitong";

const doitong = new Doitong({ apiKey: process.env.DOITONG_API_KEY!, baseUrl: process.env.DOITONG_URL });

const started = await doitong.generate({ type: "IMAGE", input: { text: "A lighthouse at dawn" } });
console.log("started", started.id, "on", started.provider);

const done = await doitong.wait(started.id, { onProgress: (g) => console.log(g.status, `${g.progress}%`) });
if (done.status !== "COMPLETED" || !done.url) throw new Error(`${done.status}: ${done.error?.message}`);

const file = await fetch(done.url);
await writeFile("lighthouse.png", Buffer.from(await file.arrayBuffer()));
console.log("saved lighthouse.png");
