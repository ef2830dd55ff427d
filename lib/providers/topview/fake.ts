import { randomBytes } from "node:crypto";
import { FakeApp, type FakeReply, type FakeRequest, postCallback } from "../sandbox/fake-app";
import { type FakePhase, type FakeTask, FakeTasks } from "../sandbox/fake-tasks";
import { FirstTime, scenarioOf } from "../sandbox/scenarios";
import { LENGTH_RANGES, TOPVIEW_RATIOS, type TopviewSubmit } from "./transform";

/** The reference's status words: init | running | success | fail. */
const STATUS: Record<FakePhase, string> = { queued: "init", running: "running", succeeded: "success", failed: "fail", cancelled: "fail" };
const UPLOAD_FORMATS = ["mp4", "mov", "png", "jpg", "jpeg", "bmp", "webp", "mp3", "wav", "m4a"];
/** Product videos run 15–60 s, so their previews are smaller than other fakes' (longest side 320) to render quickly. */
const PREVIEW_SIZE: Record<string, [number, number]> = { "9:16": [180, 320], "3:4": [240, 320], "1:1": [320, 320], "4:3": [320, 240], "16:9": [320, 180] };
/** S3 pre-signed links (uploads and results) last an hour. */
const LINK_TTL_MS = 3600_000;

/**
 * Topview's product-to-video ("Avatar Marketing Video") API: bearer key + Topview-Uid, errors inside HTTP 200 as
 * `{code, message, result}` with its documented codes, uploads through a pre-signed PUT URL, tasks polled by
 * `?taskId=` through init → running → success|fail with the exported video in `exportVideos`. The noticeUrl
 * payload is undocumented [U]: the fake POSTs the same envelope the query returns.
 */
export function createTopviewFake(): FakeApp {
  const app = new FakeApp("Topview");
  const tasks = new FakeTasks(app);
  const uploads = new Map<string, { format: string; bytes?: Buffer }>();
  const deleted = new Set<string>();
  const firstTime = new FirstTime();

  const view = (task: FakeTask, origin: string) => {
    const status = STATUS[task.phase];
    const body = task.data.body as TopviewSubmit;
    const exported = status === "success" ? task.resultUrl(origin, LINK_TTL_MS) : undefined;
    return {
      taskId: task.id,
      status,
      errorMsg:
        status !== "fail" ? null : task.moderated ? "Security problem detect: the product material violates the content policy" : "Video generation failed, please try again",
      productName: body.productName ?? "Product",
      productDescription: body.productDescription,
      previewVideos: [],
      exportVideos:
        status === "init" || status === "fail"
          ? []
          : [
              {
                scriptId: 0,
                status,
                title: body.productName ?? "Product",
                description: body.productDescription,
                videoUrl: exported ?? null,
                coverUrl: null,
                videoDuration: exported ? (task.preview.seconds ?? 0) * 1000 : null,
                videoEtag: exported ? `"${task.id.slice(0, 16)}"` : null,
              },
            ],
    };
  };
  const ok = (result: unknown): FakeReply => ({ json: { code: "200", message: "Success", result } });

  app.route("GET", "/v1/upload/credential", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const format = req.query.get("format") ?? "";
    if (!UPLOAD_FORMATS.includes(format)) return topviewError("4000", "Request parameter error");
    const fileId = randomBytes(16).toString("hex");
    uploads.set(fileId, { format });
    const expires = new Date(Date.now() + LINK_TTL_MS).toISOString();
    return ok({ uploadUrl: `${req.origin}/_upload/${fileId}.${format}?X-Amz-Expires=3600&X-Amz-Date=${encodeURIComponent(expires)}&X-Amz-Signature=${fileId}`, fileId, format });
  });

  // The pre-signed PUT, as S3 answers it: the URL is the credential, a second auth mechanism is refused.
  app.route("PUT", "/_upload/:file", (req): FakeReply => {
    const upload = uploads.get(req.params.file.split(".")[0]);
    if (!upload) return { status: 403, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>", headers: { "content-type": "application/xml" } };
    if (req.headers.authorization) {
      return { status: 400, body: "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>", headers: { "content-type": "application/xml" } };
    }
    upload.bytes = req.body;
    return { status: 200, body: "", headers: { etag: `"${req.params.file}"` } };
  });

  app.route("GET", "/v1/upload/check", (req) => authFailure(req) ?? ok({ fileId: req.query.get("fileId"), uploaded: Boolean(uploads.get(req.query.get("fileId") ?? "")?.bytes) }));

  app.route("POST", "/v1/m2v/task/submit", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const body = req.json<TopviewSubmit & { isDiyScript?: string }>();
    const scenario = scenarioOf(`${body.productName ?? ""} ${body.productDescription ?? ""}`);
    if (scenario === "rate_limit" || (scenario === "rate_limit_once" && firstTime.check(body.productDescription ?? ""))) {
      return topviewError("5003", "Server is busy, please try again later!");
    }
    if (scenario === "outage") return { status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", headers: { "content-type": "text/html" } };
    if (scenario === "malformed") return { status: 200, body: "<html>upstream error</html>", headers: { "content-type": "text/html" } };
    if (scenario === "invalid") return topviewError("4000", "Request parameter error");
    const problem = invalid(body, (id) => Boolean(uploads.get(id)?.bytes));
    if (problem) return topviewError(problem[0], problem[1]);

    const [width, height] = PREVIEW_SIZE[body.aspectRatio ?? "9:16"];
    // Topview fits the script to the range; the fake's preview takes its shortest length.
    const [seconds] = LENGTH_RANGES[body.videoLengthType ?? 1];
    const noticeUrl = body.noticeUrl;
    const notify = async (t: FakeTask) => {
      if (noticeUrl && !deleted.has(t.id)) await postCallback(noticeUrl, { code: "200", message: "Success", result: view(t, req.origin) });
    };
    const task = tasks.create(
      { kind: "video", prompt: body.productDescription ?? body.productName ?? "product", width, height, seconds },
      {
        id: randomBytes(16).toString("hex"),
        data: { body },
        onChange: noticeUrl ? notify : undefined,
      },
    );
    return ok({ taskId: task.id, status: "init", errorMsg: null, ...(noticeUrl ? { noticeUuid: randomBytes(8).toString("hex") } : {}) });
  });

  app.route("GET", "/v1/m2v/task/query", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const id = req.query.get("taskId") ?? "";
    const task = deleted.has(id) ? undefined : tasks.get(id);
    if (!task) return topviewError("4004", "Resource not found!");
    return ok(view(task, req.origin));
  });

  app.route("DELETE", "/v1/m2v/task/delete", (req) => {
    const denied = authFailure(req);
    if (denied) return denied;
    const ids = req.json<{ taskIds?: string[] }>().taskIds ?? [];
    if (ids.length === 0) return topviewError("4003", "Required parameter cannot be null");
    for (const id of ids) {
      const task = tasks.get(id);
      if (task) task.cancelled = true;
      deleted.add(id);
    }
    return ok({ taskId: ids[0], status: "success", errosMsg: null, data: { size: 0, unit: "byte" } });
  });

  return app;
}

function topviewError(code: string, message: string): FakeReply {
  return { json: { code, message, result: null } };
}

/** Topview checks the key and the user id together; the reference lists no auth code, 4002 is the nearest [U]. */
function authFailure(req: FakeRequest): FakeReply | undefined {
  if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? "")) || !req.headers["topview-uid"]) return topviewError("4002", "Request digital signature does not match!");
  return undefined;
}

function invalid(body: TopviewSubmit & { isDiyScript?: string }, uploaded: (id: string) => boolean): [string, string] | undefined {
  const fileIds = body.fileIds ?? [];
  if (!body.productLink && fileIds.length === 0) return ["4003", "Required parameter cannot be null: productLink or fileIds"];
  if (!body.productLink) {
    if (fileIds.some((id) => !uploaded(id))) return ["4004", "Resource not found!"];
    if (!body.productName) return ["4003", "Required parameter cannot be null: productName"];
    if (!body.productDescription && body.isDiyScript !== "true") return ["4003", "Required parameter cannot be null: productDescription"];
  } else if (!/^https?:\/\//.test(body.productLink)) {
    return ["4001", "Request data format does not match!"];
  }
  if (body.aspectRatio !== undefined && !(TOPVIEW_RATIOS as readonly string[]).includes(body.aspectRatio)) return ["4000", "Request parameter error: aspectRatio"];
  if (body.videoLengthType !== undefined && !(body.videoLengthType in LENGTH_RANGES)) return ["4000", "Request parameter error: videoLengthType"];
  if (body.preview !== undefined && !["true", "false"].includes(String(body.preview))) return ["4000", "Request parameter error: preview"];
  return undefined;
}
