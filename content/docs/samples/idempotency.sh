# The same Idempotency-Key twice: one generation, one charge; the second answer says it is a replay
KEY=$(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid)
for attempt in 1 2; do
  curl -s -D headers.txt "$DOITONG_URL/graphql" \
    -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $KEY" \
    -d '{"query":"mutation { generate(input: { type: IMAGE, input: { text: \"A lighthouse at dawn\" } }) { id creditCost } }"}' \
    | jq -c .data.generate
  grep -i '^idempotent-replayed' headers.txt || echo "(first request: not a replay)"
done
