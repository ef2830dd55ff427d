source gql.sh
# With a test key: MiniMax makes 1080p only at 6 s, so 10 s at 1080p is adjusted and says so
gql 'mutation { generate(input: { type: VIDEO, provider: "minimax", input: { text: "Waves" },
  options: { duration: 10, resolution: "1080p" } }) { options appliedOptions warnings } }' | jq .data.generate

# strict: true refuses instead of adjusting
gql 'mutation { generate(input: { type: VIDEO, provider: "minimax", input: { text: "Waves" },
  options: { duration: 10, resolution: "1080p" }, strict: true }) { id } }' | jq '.errors[0] | {message, extensions}'
