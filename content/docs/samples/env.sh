export DOITONG_API_KEY=dk_live_…   # the key the server printed (or one from the dashboard)
export DOITONG_URL=http://localhost:3000
