# With a test key (dk_test_…): a marker in the prompt picks what the vendor's fake does
doitong generate image "A cat [sandbox:moderation]" --wait; echo "exit code $?"
doitong generate image "A cat [sandbox:rate_limit_once]" --wait --json | jq '{status, provider, mode, creditCost}'
