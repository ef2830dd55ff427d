# gql QUERY [VARIABLES_JSON]: one GraphQL request with your key (the guides' shell samples use this helper)
gql() {
  curl -s "$DOITONG_URL/graphql" \
    -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg q "$1" --argjson v "${2:-{\}}" '{query: $q, variables: $v}')"
}
