source gql.sh
# What would it cost? Nothing is reserved by an estimate.
gql 'query { estimate(input: { type: VIDEO, provider: "local", input: { text: "Waves" }, options: { duration: 10 } }) { provider creditCost estimatedTime warnings } }'

# maxCost refuses anything dearer, before anything is reserved
gql 'mutation { generate(input: { type: VIDEO, provider: "local", input: { text: "Waves" }, options: { duration: 10 }, maxCost: 1 }) { id } }' \
  | jq '.errors[0] | {message, code: .extensions.code}'

# The balance, what is reserved, and the ledger: every reserve, charge and release
gql '{ me { credits { balance reserved } } creditLedger(first: 3) { nodes { kind amount balanceAfter generationId } } }'
