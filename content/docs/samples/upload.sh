source gql.sh
# 1. Ask for an upload of this type and size
SIZE=$(wc -c < portrait.png)
UPLOAD=$(gql 'mutation($size: Int!) { createUpload(contentType: "image/png", size: $size) { uploadId url method headers } }' "{\"size\":$SIZE}")

# 2. PUT the raw bytes to the signed URL with the headers it names
curl -s -X PUT -T portrait.png -H 'content-type: image/png' "$(echo "$UPLOAD" | jq -r .data.createUpload.url)"

# 3. Use the id as an input
gql 'query($id: ID!) { upload(id: $id) { id status contentType size } }' "{\"id\":\"$(echo "$UPLOAD" | jq -r .data.createUpload.uploadId)\"}"
