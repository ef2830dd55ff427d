# Health check for a load balancer: any POST of { __typename } answers 200 while the instance serves
curl -s -o /dev/null -w '%{http_code}\n' "$DOITONG_URL/graphql" -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}'
