# In a checkout of the repository: install, build and start the server (it prints the demo key on first start)
bash scripts/setup.sh && npm start
