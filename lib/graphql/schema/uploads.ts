/** Uploads: large input files sent once by PUT, then named by id in `generate` (lib/uploads). */
export const uploadsTypeDefs = /* GraphQL */ `
  enum UploadStatus {
    "Created; PUT the bytes to its URL."
    PENDING
    "The bytes arrived and were checked: usable as an input."
    READY
  }

  enum UploadKind { IMAGE VIDEO AUDIO }

  """
  A file for \`input.image\`, \`endImage\`, \`video\` or \`audio\`: pass its \`id\` (\`upload_…\`) instead of a URL. Only
  its own account can use it, and only with keys of the same mode (test or live). It and its bytes are deleted when
  it expires.
  """
  type Upload {
    id: ID!
    status: UploadStatus!
    kind: UploadKind!
    "The type declared in createUpload."
    contentType: String!
    "The type sniffed from the bytes once they arrived (what counts)."
    mimeType: String
    "Bytes, as declared (the PUT must send exactly this many)."
    size: Int!
    createdAt: DateTime!
    completedAt: DateTime
    expiresAt: DateTime!
  }

  "Where to send an upload's bytes: \`method\` (PUT) to \`url\` with \`headers\`, the file as the raw body."
  type CreatedUpload {
    uploadId: ID!
    url: String!
    method: String!
    headers: JSON!
    "The URL stops accepting the bytes then (at most an hour, never after the upload expires)."
    urlExpiresAt: DateTime!
    upload: Upload!
  }

  extend type Query {
    "One of your uploads (NOT_FOUND for another account's, another key mode's or an expired one)."
    upload(id: ID!): Upload!
  }

  extend type Mutation {
    """
    Opens an upload for a large input (up to 30 MB for images, 50 MB for audio, 200 MB for video) so it need not be
    inlined as a data: URI. \`contentType\` is one of image/png, image/jpeg, image/webp, video/mp4, video/quicktime,
    video/webm, audio/mpeg, audio/wav, audio/mp4, audio/aac, audio/ogg; \`size\` the exact byte count; \`expiresIn\`
    (seconds, at most and by default 86400) how long the upload may be used.
    """
    createUpload(contentType: String!, size: Int!, expiresIn: Int): CreatedUpload!
  }
`;
