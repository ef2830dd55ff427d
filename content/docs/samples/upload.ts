import { Doitong } from "doitong";

const doitong = new Doitong({ apiKey: process.env.DOITONG_API_KEY!, baseUrl: process.env.DOITONG_URL });

// createUpload + the PUT of the bytes: large files go in as uploads, not as base64 inside GraphQL
const upload = await doitong.uploads.create("portrait.png");
console.log("uploaded", upload.id);

// The upload id works wherever an input takes a URL: image, endImage, audio, video
const started = await doitong.generate({ type: "VIDEO", input: { text: "A slow zoom", image: upload.id }, options: { duration: 3 } });
const done = await doitong.wait(started.id);
console.log(done.status, done.metadata?.width, "x", done.metadata?.height);
