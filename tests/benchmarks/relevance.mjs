// Runs queries against built Pagefind bundles, as the search page does (ours) and as plain Pagefind does.
// node relevance.mjs <search.js> <job.json>: job = {bundles: {name: {site, mode, script}}, queries: [{q, lang}]}
// script: the search.js whose findPrograms() runs over that bundle (default: the first argument).
// mode "ours": findPrograms() from the site's own search.js, closed programs included.
// mode "plain": pagefind.search(q) with Pagefind's defaults, as its stock UI would run it.
// Prints {name: [[url, ...] per query]} as JSON.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [searchJs, jobPath] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobPath, "utf-8"));

const realFetch = globalThis.fetch;
let site = null;
globalThis.fetch = async (url) => new Response(await readFile(`${site}${String(url).split("?")[0]}`));

const output = {};
for (const [name, { site: root, mode, script }] of Object.entries(job.bundles)) {
  site = root;
  const { findPrograms } = await import(pathToFileURL(script || searchJs).href + `?site=${encodeURIComponent(name)}`);
  // A fresh module instance per site: Pagefind keeps its index in module state.
  const pagefind = await import(pathToFileURL(`${root}/pagefind/pagefind.js`).href + `?site=${encodeURIComponent(name)}`);
  // The page's language, as a browser's Pagefind reads it from <html lang>: it decides how the query is cut.
  const language = /<html lang="([^"]+)"/.exec(await readFile(`${root}/search/index.html`, "utf-8").catch(() => ""))?.[1] || "ja";
  await pagefind.options({ basePath: "/pagefind/", baseUrl: "/", noWorker: true, language, ...(mode === "ours" ? { exactDiacritics: true } : {}) });
  let archive = null;
  if (mode === "ours" && existsSync(`${root}/pagefind-closed/pagefind.js`)) {
    const closed = await import(pathToFileURL(`${root}/pagefind-closed/pagefind.js`).href + `?site=${encodeURIComponent(name)}`);
    await closed.options({ basePath: "/pagefind-closed/", baseUrl: "/", noWorker: true, exactDiacritics: true, language });
    archive = async () => closed;
  }
  const answers = [];
  for (const { q, lang } of job.queries) {
    if (mode === "ours") {
      const found = await findPrograms(pagefind, { query: q, language: lang || "ja", includeClosed: true, archive, counts: false });
      const data = await Promise.all(found.results.map((result) => result.data()));
      answers.push(data.map((item) => item.url));
    } else {
      const found = await pagefind.search(q);
      const data = await Promise.all(found.results.map((result) => result.data()));
      answers.push(data.map((item) => item.url));
    }
  }
  output[name] = answers;
}
globalThis.fetch = realFetch;
console.log(JSON.stringify(output));
