source gql.sh
# No provider named: the API ranks every model that can do it for the priority, and says why
gql 'mutation { generate(input: { type: IMAGE, priority: COST, input: { text: "A red fox" } }) {
  provider routing { priority chosen reason candidates { provider score reason } } } }' | jq .data.generate

# Live health of each provider: circuit state, fault rate, typical time
gql '{ providers(type: IMAGE) { id available health { circuit faultRate p50Seconds } } }' | jq -c '.data.providers[]'
