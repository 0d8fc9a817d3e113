// Runs mkdocs-material's own search worker (the file the site ships) in Node, on a built site's
// search/search_index.json, and prints what the result list would show for each query.
// Usage: node search_worker.js WORKER.js search_index.json queries.json  ->  JSON on stdout
"use strict";
const fs = require("fs");
const vm = require("vm");

const [workerPath, indexPath, queriesPath] = process.argv.slice(2);
const handlers = [];
const replies = [];
const sandbox = {
  console, setTimeout, clearTimeout, Promise, URL, TextEncoder, TextDecoder,
  addEventListener: (type, fn) => { if (type === "message") handlers.push(fn); },
  postMessage: (data) => replies.push(data),
  importScripts: () => {},
};
sandbox.self = sandbox;
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(workerPath, "utf-8"), sandbox);

async function ask(message) {
  replies.length = 0;
  for (const fn of handlers) await fn({ data: message });
  for (let i = 0; i < 100 && !replies.length; i++) await new Promise(r => setTimeout(r, 0));
  return replies[0];
}

// The theme's renderer (templates/search/index.tsx): per page group, the article and the sections that tie with
// the group's best score are shown; the rest are folded under "N more on this page".
function shown(group) {
  const threshold = group[0].score;
  const docs = [...group];
  let parent = docs.findIndex(d => !d.location.includes("#"));
  const [article] = docs.splice(parent, 1);
  let index = docs.findIndex(d => d.score < threshold);
  if (index === -1) index = docs.length;
  const out = [{ location: article.location, title: article.title, score: article.score,
                 teaser: !parent && index === 0, text: article.text }];
  for (const d of docs.slice(0, index)) out.push({ location: d.location, title: d.title, score: d.score, teaser: true, text: d.text });
  return { visible: out, folded: docs.slice(index).map(d => d.location) };
}

(async () => {
  const index = JSON.parse(fs.readFileSync(indexPath, "utf-8"));
  await ask({ type: 0, data: { ...index, options: { suggest: false } } });
  const queries = JSON.parse(fs.readFileSync(queriesPath, "utf-8"));
  const out = [];
  for (const q of queries) {
    const reply = await ask({ type: 2, data: q });
    const items = (reply && reply.data && reply.data.items) || [];
    out.push({ query: q, count: items.length, groups: items.slice(0, 10).map(shown) });
  }
  process.stdout.write(JSON.stringify(out));
})();
