/**
 * Ready-to-paste first calls with a new key filled in: the TypeScript SDK, the Python SDK and the CLI
 * (sdk/typescript, sdk/python). Each one makes an image and downloads it, the shortest path to a result.
 */
export type SnippetId = "typescript" | "python" | "cli";

export function keySnippets(key: string, baseUrl: string): { id: SnippetId; label: string; code: string }[] {
  return [
    {
      id: "typescript",
      label: "TypeScript",
      code: `// npm install doitong
import { writeFile } from "node:fs/promises";
import { Doitong } from "doitong";

const doitong = new Doitong({ apiKey: "${key}", baseUrl: "${baseUrl}" });
const started = await doitong.generate({ type: "IMAGE", input: { text: "A lighthouse at dawn, watercolor" } });
const done = await doitong.wait(started.id, { onProgress: (g) => console.log(g.status, g.progress) });
await writeFile("lighthouse.png", new Uint8Array(await (await fetch(done.url!)).arrayBuffer()));`,
    },
    {
      id: "python",
      label: "Python",
      code: `# pip install doitong   (standard library only, Python 3.9+)
from doitong import Doitong

client = Doitong(api_key="${key}", base_url="${baseUrl}")
started = client.generate({"type": "IMAGE", "input": {"text": "A lighthouse at dawn, watercolor"}})
done = client.wait(started.id, on_progress=lambda g: print(g.status.value, g.progress))
client.download(done, "lighthouse.png")`,
    },
    {
      id: "cli",
      label: "CLI",
      code: `export DOITONG_API_KEY=${key}
export DOITONG_URL=${baseUrl}
npx doitong generate image "A lighthouse at dawn, watercolor" --out lighthouse.png`,
    },
  ];
}
