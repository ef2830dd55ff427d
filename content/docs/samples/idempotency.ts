import { randomUUID } from "node:crypto";
import { Doitong } from "doitong";

const doitong = new Doitong({ apiKey: process.env.DOITONG_API_KEY!, baseUrl: process.env.DOITONG_URL });

// generate() always sends an Idempotency-Key (a new UUID unless you pass one) and retries 429, 5xx and dropped
// connections with it. Keep your own key when the retry may come from another process, e.g. your job's id.
const key = randomUUID();
const first = await doitong.generate({ type: "IMAGE", input: { text: "A lighthouse at dawn" } }, { idempotencyKey: key });
const again = await doitong.generate({ type: "IMAGE", input: { text: "A lighthouse at dawn" } }, { idempotencyKey: key });
console.log(first.id === again.id ? `same generation ${first.id}` : "two generations!");
