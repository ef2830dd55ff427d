source gql.sh
# The secret your receiver verifies with
export DOITONG_WEBHOOK_SECRET=$(gql '{ me { webhookSecret } }' | jq -r .data.me.webhookSecret)

# A generation that reports to your endpoint when it finishes (or add an endpoint for every generation in the
# dashboard, or with createWebhookEndpoint)
gql 'mutation($url: String!) { generate(input: { type: IMAGE, input: { text: "A red fox" }, webhookUrl: $url }) { id } }' \
  "{\"url\":\"$WEBHOOK_URL\"}"
