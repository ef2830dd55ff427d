source gql.sh
# Your plan, limits and today's usage
gql '{ me { plan limits { requestsPerMinute parallel daily } usage { generationsToday running queued } rateLimit { limit remaining resetSeconds } } }'

# Every response carries the limit headers
curl -s -o /dev/null -D - "$DOITONG_URL/graphql" \
  -H "Authorization: Bearer $DOITONG_API_KEY" -H 'Content-Type: application/json' \
  -d '{"query":"{ __typename }"}' | grep -i ratelimit
