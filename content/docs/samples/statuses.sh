source gql.sh
# A video: QUEUED at once, then PROCESSING with progress, then COMPLETED (or FAILED / CANCELLED)
ID=$(gql 'mutation { generate(input: { type: VIDEO, input: { text: "Waves on a shore" }, options: { duration: 3 } }) { id status } }' \
  | jq -r .data.generate.id)
gql 'query($id: ID!) { generation(id: $id) { status progress queuePosition estimatedTimeRemaining } }' "{\"id\":\"$ID\"}"

# Cancel it: a generation that has not finished stops and its reserved credits come back
gql 'mutation($id: ID!) { cancelGeneration(id: $id) }' "{\"id\":\"$ID\"}"
gql 'query($id: ID!) { generation(id: $id) { status creditCost error { code message } } }' "{\"id\":\"$ID\"}"
