# Start an image; the answer is the generation, QUEUED, with its id
ID=$(curl -s "$DOITONG_URL/graphql" \
  -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' \
  -d '{"query":"mutation { generate(input: { type: IMAGE, input: { text: \"A lighthouse at dawn\" } }) { id status provider creditCost } }"}' \
  | jq -r .data.generate.id)
echo "started $ID"

# Ask for it once a second until it is finished
while :; do
  G=$(curl -s "$DOITONG_URL/graphql" \
    -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg id "$ID" '{query: "query($id: ID!) { generation(id: $id) { status progress url } }", variables: {id: $id}}')")
  STATUS=$(echo "$G" | jq -r .data.generation.status)
  echo "$STATUS $(echo "$G" | jq -r .data.generation.progress)%"
  case $STATUS in COMPLETED | FAILED | CANCELLED) break ;; esac
  sleep 1
done

# Download the result (a signed link)
curl -s -o lighthouse.png "$(echo "$G" | jq -r .data.generation.url)"
echo "saved lighthouse.png"
