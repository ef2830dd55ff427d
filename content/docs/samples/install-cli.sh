# In a second terminal, in the same checkout: the `doitong` command (built by setup) on your PATH
npm install --global ./sdk/typescript
