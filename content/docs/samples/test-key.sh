# A test account and key: every provider runs against its built-in fake, nothing is charged
npm run --silent admin -- create-account --email you@example.com --plan FREE --credits 100 --key-mode test
