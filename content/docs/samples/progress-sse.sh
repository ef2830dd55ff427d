source gql.sh
ID=$(gql 'mutation { generate(input: { type: IMAGE, input: { text: "A red fox" } }) { id } }' | jq -r .data.generate.id)

# Server-Sent Events on the same endpoint: the current state at once, each change, then "complete"
curl -sN "$DOITONG_URL/graphql" \
  -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' -H 'Accept: text/event-stream' \
  -d "$(jq -n --arg id "$ID" '{query: "subscription($id: ID!) { generationUpdated(id: $id) { status progress url } }", variables: {id: $id}}')"
