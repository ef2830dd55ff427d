import { type GetUploadQuery } from "./generated/graphql.js";
import { type TransportOptions } from "./transport.js";
export type Upload = GetUploadQuery["upload"];
/** The bytes (a Blob or File keeps its type), or a file path (Node, Bun, Deno). */
export type UploadSource = Blob | ArrayBuffer | Uint8Array | string;
/**
 * createUpload, then PUT of the bytes to the URL it returns (this server's signed link or a bucket's presigned
 * one), then the upload as the API now sees it. Pass its `id` as input.image, endImage, audio or video.
 */
export declare function createUpload(transport: TransportOptions, source: UploadSource, options?: {
    contentType?: string;
    signal?: AbortSignal;
}): Promise<Upload>;
/** The content types createUpload accepts, told by their first bytes. */
export declare function sniffContentType(bytes: Uint8Array): string | undefined;
