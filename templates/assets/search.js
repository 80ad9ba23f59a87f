// The search page: Pagefind's JS API (no UI bundle, about 7 KB gzip of our own instead) and a results list.
// findPrograms() holds the search rules and is also run from Node by the relevance benchmark
// (tests/benchmarks/relevance.py), so the benchmark measures exactly what visitors get.
//
// Why each rule is here:
// - the index holds Japanese already split into words by ICU (catalog/segment.py); Intl.Segmenter
//   is the same ICU engine, so the query is split the same way (東京都 -> 東京 + 都 on both sides).
// - a typed word that ICU splits into several (古材 -> 古 + 材, an unknown compound) must match
//   those words next to each other, not anywhere in the page: otherwise single shared kanji match.
//   Pagefind's quoted phrase does this for a query of one such word; with other words, the
//   candidates' fragments are checked.
// - Pagefind silently drops a query word found in no page; we check each word and say
//   "no program contains X" instead of showing what matches the rest.
// - tidyText undoes the spaces the build put next to Japanese words, so excerpts read normally.
// - facets: OR inside a facet, AND across facets; a facet's counts ignore its own selection.
// - the form state lives in the URL, so a search can be shared, printed and reached with Back.

export const FACETS = { types: "type", categories: "category", prefectures: "prefecture", formats: "format", skills: "skill", states: "state" };
export const OPEN_STATES = ["open", "closing-soon", "full"];
const PAGE = 10; // results per batch: each costs a fragment download (about 1 KB)
// Kana, kanji, CJK punctuation, full-width forms: the same class as catalog/segment.py's CJK.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// catalog/content/lang.py's rule for the language of a text: Japanese letters (not punctuation) unless Latin
// letters outnumber them four to one; Latin letters alone: English; neither: the surrounding language.
const JAPANESE_LETTER = /[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005\u3006]/g;
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]/g;
export function textLanguage(text) {
  const japanese = (text.match(JAPANESE_LETTER) || []).length;
  const latin = (text.match(LATIN_LETTER) || []).length;
  if (japanese && japanese * 4 >= latin) return "ja";
  return latin ? "en" : null;
}
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

function segmentWords(text, language) {
  if (typeof Intl === "undefined" || !Intl.Segmenter) return [text];
  const words = [];
  for (const part of new Intl.Segmenter(language, { granularity: "word" }).segment(text)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

// The terms a visitor typed (split at spaces), each with the words the index holds for it.
export function queryTerms(query, language = "ja") {
  const normalized = (query || "").normalize("NFKC").trim();
  if (!normalized) return [];
  return normalized.split(/\s+/)
    .map((text) => ({ text, words: segmentWords(text, language) }))
    .filter((term) => term.words.length > 0);
}

export function segmentQuery(query, language = "ja") {
  return queryTerms(query, language).flatMap((term) => term.words);
}

// Remove a space when the character on either side (ignoring <mark> tags) is CJK.
export function tidyText(text) {
  return (text || "").replace(/((?:<\/?mark>)*) +((?:<\/?mark>)*)/g, (match, before, after, offset, whole) => {
    const previous = whole.slice(0, offset).replace(/<\/?mark>$/g, "").slice(-1);
    const rest = whole.slice(offset + match.length);
    const next = rest.replace(/^(?:<\/?mark>)+/, "").charAt(0);
    if (previous && next && (CJK.test(previous) || CJK.test(next))) return before + after;
    return match;
  });
}

function normalizedWords(content) {
  return content.normalize("NFKC").toLowerCase().split(/\s+/).map((word) => word.replace(EDGE_PUNCTUATION, ""));
}

// True when the words of a compound term stand next to each other (the last may be a prefix, as in Pagefind).
export function hasAdjacent(content, words) {
  const wanted = words.map((word) => word.toLowerCase());
  const have = normalizedWords(content);
  const last = wanted.length - 1;
  for (let start = 0; start + last < have.length; start++) {
    let all = true;
    for (let k = 0; k < last && all; k++) all = have[start + k] === wanted[k];
    if (all && have[start + last].startsWith(wanted[last])) return true;
  }
  return false;
}

function passes(filters, selection, except) {
  for (const [key, values] of Object.entries(selection)) {
    if (key === except || !values.length) continue;
    const have = filters[key] || [];
    if (!values.some((value) => have.includes(value))) return false;
  }
  return true;
}

function selectionFilters(selection, except) {
  const filters = {};
  for (const [key, values] of Object.entries(selection)) {
    if (key !== except && values.length) filters[key] = { any: values };
  }
  return filters;
}

// Whether the index really holds a word starting with `word`. Pagefind, finding no such word, quietly
// matches shorter beginnings of it instead (かばんや -> かばん, 棚田 -> 棚), so the answer is read from
// the first result's matched words (one fragment, about 1 KB) and its searchable metadata.
export async function wordExists(pagefind, word) {
  const found = await pagefind.search(word);
  if (!found || !found.results.length) return false;
  const first = found.results[0];
  const data = await first.data();
  const wanted = word.normalize("NFKC").toLowerCase();
  const content = normalizedWords(data.content);
  if (first.words.some((position) => (content[position] || "").startsWith(wanted))) return true;
  const meta = normalizedWords(Object.values(data.meta || {}).join(" "));
  return meta.some((token) => token.startsWith(wanted));
}

function sum(into, counts) {
  for (const [key, values] of Object.entries(counts)) {
    into[key] = into[key] || {};
    for (const [value, count] of Object.entries(values)) into[key][value] = (into[key][value] || 0) + count;
  }
  return into;
}

// Sort keys are not in Pagefind's metadata (every search would download them) but in a file per
// index and order, fetched when first used: [each page's key, by page number], ascending, ties in page
// order; a result's id is "<folder>/<page number in hex>" (see catalog/search.py, write_sorts).
const bundleOf = new WeakMap();
const EVERY_PROGRAM = "allprograms0";
const sortFiles = new Map();

export function useBundle(pagefind, bundleUrl) {
  bundleOf.set(pagefind, bundleUrl);
}

async function sorted(pagefind, results, sort) {
  const bundle = bundleOf.get(pagefind);
  if (!sort || !bundle || !results.length) return results;
  const url = new URL(`sort-${sort}-${results[0].id.split("/")[0]}.json`, bundle).href;
  if (!sortFiles.has(url)) {
    sortFiles.set(url, fetch(url).then((response) => response.json()));
  }
  const keys = await sortFiles.get(url);
  const page = (result) => parseInt(result.id.split("/")[1], 16);
  return [...results].sort((a, b) => keys[page(a)] - keys[page(b)] || page(a) - page(b));
}

// One Pagefind index: the query's terms, the chosen filters (Pagefind names) and sort -> results and counts.
async function searchIndex(pagefind, terms, chosen, sort, counts) {
  const words = [...new Set(terms.flatMap((term) => term.words))];
  const compounds = terms.filter((term) => term.words.length > 1);
  const text = words.length ? words.join(" ") : null;
  const order = sort === "deadline" || sort === "newest" ? sort : text ? null : "newest";
  const found = await matches(pagefind, terms, words, compounds, text, chosen, counts);
  return { results: await sorted(pagefind, found.results, order), counts: found.counts };
}

async function matches(pagefind, terms, words, compounds, text, chosen, counts) {

  // Facet counts from Pagefind: a facet's counts come from a search without that facet's own selection.
  const pagefindCounts = async (query, search) => {
    const facetCounts = {};
    for (const key of counts ? Object.values(FACETS) : []) {
      let source = search.filters;
      if ((chosen[key] || []).length) source = (await pagefind.search(query, { filters: selectionFilters(chosen, key) })).filters;
      facetCounts[key] = source[key] || {};
    }
    return facetCounts;
  };

  if (!compounds.length) {
    // Without a query, the word every program's document holds (catalog/search.py, EVERY_PROGRAM): Pagefind's
    // own query-less search, search(null), downloads every index chunk (4 MB for 10,000 programs).
    const query = text ?? EVERY_PROGRAM;
    const search = await pagefind.search(query, { filters: selectionFilters(chosen) });
    return { results: search.results, counts: await pagefindCounts(query, search) };
  }

  if (terms.length === 1) {
    // One compound word (古材, ラジオ体操): Pagefind's quoted phrase finds exactly the pages where its words
    // stand together and in order, but ranks them all alike, and ignores the phrase if loose words come with
    // it. So the phrase gives the set and the counts, the loose words the order.
    const phrase = `"${compounds[0].words.join(" ")}"`;
    const exact = await pagefind.search(phrase, { filters: selectionFilters(chosen) });
    const allowed = new Set(exact.results.map((result) => result.id));
    const ranked = await pagefind.search(text, { filters: selectionFilters(chosen) });
    return { results: ranked.results.filter((result) => allowed.has(result.id)), counts: await pagefindCounts(phrase, exact) };
  }

  // A compound word with other words (古材 輪島): every word must be on the page (Pagefind does that), and
  // each compound's words must stand together, which is checked here on the candidates' fragments;
  // facets are then filtered and counted here too. The candidates are few: pages holding all the words.
  const search = await pagefind.search(text);
  const loaded = await Promise.all(search.results.map((result) => result.data()));
  const adjacent = loaded.map((data) => compounds.every((term) => hasAdjacent(data.content, term.words)));
  const facetCounts = {};
  for (const key of Object.values(FACETS)) {
    facetCounts[key] = {};
    loaded.forEach((data, n) => {
      if (!adjacent[n] || !passes(data.filters, chosen, key)) return;
      for (const value of data.filters[key] || []) facetCounts[key][value] = (facetCounts[key][value] || 0) + 1;
    });
  }
  // Pagefind's results (their data() is cached), so that they keep their ids for sorting.
  const results = search.results.filter((_, n) => adjacent[n] && passes(loaded[n].filters, chosen));
  return { results, counts: facetCounts };
}

// selection: {type: [...], category: [...], state: [...]} in Pagefind filter names; an empty state
// list means the default (open, closing soon and full) unless includeClosed.
// archive: null when `pagefind` holds every program; else an async function giving the separate index
// of closed programs, loaded only when they are asked for (the default search never downloads it).
// It is searched on its own, not merged, so that a word missing there cannot turn into loose matches.
// counts: whether to compute facet counts (extra searches; the page asks only while filters show).
// Returns {missing, results: [{data()}], total, counts: {filterName: {value: n}}}; closed programs
// from the archive come after the others.
export async function findPrograms(pagefind, { query = "", language = "ja", selection = {}, includeClosed = false, sort, archive = null, counts = true } = {}) {
  const terms = queryTerms(query, language);
  const words = [...new Set(terms.flatMap((term) => term.words))];
  const chosen = { ...selection };
  const states = chosen.state || [];
  if (!states.length && !includeClosed && !archive) chosen.state = OPEN_STATES;

  const indexes = [];
  if (!archive || !states.length || states.some((state) => OPEN_STATES.includes(state))) indexes.push(pagefind);
  if (archive && (includeClosed || states.includes("closed"))) indexes.push(await archive());

  const missing = new Set(words);
  const usable = [];
  for (const index of indexes) {
    const absent = [];
    for (const word of words) if (!(await wordExists(index, word))) absent.push(word);
    for (const word of words) if (!absent.includes(word)) missing.delete(word);
    if (!absent.length) usable.push(index);
  }
  if (missing.size || !usable.length) {
    return { missing: words.filter((word) => missing.has(word)), results: [], total: 0, counts: {} };
  }
  const results = [];
  const facetCounts = {};
  for (const index of usable) {
    const found = await searchIndex(index, terms, chosen, sort, counts);
    results.push(...found.results);
    sum(facetCounts, found.counts);
  }
  return { missing: [], results, total: results.length, counts: facetCounts };
}

// ---------------------------------------------------------------- the page

function decode(html) {
  const area = document.createElement("textarea");
  area.innerHTML = html;
  return area.value;
}

// Pagefind's excerpts are HTML with <mark>; build DOM nodes so nothing else can become markup.
function excerptNodes(excerpt) {
  const fragment = document.createDocumentFragment();
  let marked = false;
  for (const part of tidyText(excerpt).split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; continue; }
    if (!part) continue;
    const node = document.createTextNode(decode(part));
    if (marked) {
      const mark = document.createElement("mark");
      mark.append(node);
      fragment.append(mark);
    } else {
      fragment.append(node);
    }
  }
  return fragment;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
}

function camel(prefix, value) {
  return prefix + value.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
}

class SearchPage {
  constructor(form) {
    this.form = form;
    this.text = document.getElementById("search-text").dataset;
    this.status = document.getElementById("search-status");
    this.results = document.getElementById("results");
    this.template = document.getElementById("result-template");
    this.language = document.documentElement.lang || "ja";
    this.root = form.dataset.root;
    this.bundle = new URL(form.dataset.pagefind, location.href);
    this.generation = 0;
    this.dateFormat = new Intl.DateTimeFormat(this.language, { year: "numeric", month: "long", day: "numeric", weekday: "short", timeZone: "UTC" });
  }

  async start() {
    this.fromUrl();
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.update(true); });
    this.form.addEventListener("change", (event) => { if (event.target.name !== "q") this.update(true); });
    window.addEventListener("popstate", () => { this.fromUrl(); this.run(); });
    try {
      this.pagefind = await import(new URL("pagefind.js", this.bundle).href);
      // baseUrl "/" gives result URLs relative to the site root; render() joins them to data-root.
      // noWorker: the worker script would add 41 KB to the first search; our index is small enough
      // to search on the main thread, and the CSP then needs no worker-src.
      await this.pagefind.options({ basePath: this.bundle.pathname, baseUrl: "/", exactDiacritics: true, excerptLength: 30, noWorker: true });
      await this.pagefind.init();
      useBundle(this.pagefind, this.bundle);
    } catch (error) {
      this.say(this.text.error);
      return;
    }
    if (this.form.dataset.archive) {
      // The closed programs' bundle has its own copy of pagefind.js: importing it gives a separate index.
      const bundle = new URL(this.form.dataset.archive, location.href);
      let loading = null;
      this.archive = () => (loading = loading || (async () => {
        const closed = await import(new URL("pagefind.js", bundle).href);
        await closed.options({ basePath: bundle.pathname, baseUrl: "/", exactDiacritics: true, excerptLength: 30, noWorker: true });
        await closed.init();
        useBundle(closed, bundle);
        return closed;
      })());
    }
    this.filters = document.getElementById("filters");
    if (Object.keys(FACETS).some((name) => this.checked(name).length)) this.filters.open = true;
    // Counts cost extra searches, so they are computed while the filters are shown.
    this.filters.addEventListener("toggle", () => { if (this.filters.open) this.refreshCounts(); });
    await this.run();
  }

  options() {
    const selection = {};
    for (const [name, key] of Object.entries(FACETS)) selection[key] = this.checked(name);
    return {
      query: this.form.q.value, language: this.language, selection, archive: this.archive || null,
      includeClosed: this.form.closed.checked, sort: this.form.sort.value, counts: this.filters.open,
    };
  }

  async refreshCounts() {
    const generation = this.generation;
    const found = await findPrograms(this.pagefind, { ...this.options(), counts: true });
    if (generation === this.generation) this.updateCounts(found.counts);
  }

  checked(name) {
    return [...this.form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  }

  fromUrl() {
    const params = new URLSearchParams(location.search);
    this.form.q.value = params.get("q") || "";
    for (const box of this.form.querySelectorAll("input[type=checkbox]")) {
      box.checked = params.getAll(box.name).includes(box.value);
    }
    this.form.sort.value = ["deadline", "newest"].includes(params.get("sort")) ? params.get("sort") : "";
  }

  toUrl(push) {
    const params = new URLSearchParams();
    const query = this.form.q.value.trim();
    if (query) params.set("q", query);
    for (const name of Object.keys(FACETS)) for (const value of this.checked(name)) params.append(name, value);
    if (this.form.sort.value) params.set("sort", this.form.sort.value);
    if (this.form.closed.checked) params.set("closed", "1");
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  update(push) {
    this.toUrl(push);
    this.run();
  }

  async run() {
    const generation = ++this.generation;
    this.say(this.text.searching);
    const options = this.options();
    const query = options.query;
    let found;
    try {
      found = await findPrograms(this.pagefind, options);
    } catch (error) {
      if (generation === this.generation) this.say(this.text.error);
      return;
    }
    if (generation !== this.generation) return;
    if (options.counts) this.updateCounts(found.counts);
    this.results.replaceChildren();
    document.getElementById("search-more")?.remove();
    this.found = found.results;
    this.shown = 0;
    if (found.missing.length) {
      this.say(fill(this.text.missingWords, { words: found.missing.join(" ") }));
      return;
    }
    if (!found.total) {
      this.say(this.text.noResults);
      return;
    }
    this.say(fill(query.trim() ? this.text.results : this.text.browse, { count: found.total }));
    await this.showMore(generation);
  }

  updateCounts(counts) {
    for (const fieldset of this.form.querySelectorAll("fieldset[data-facet]")) {
      const facet = counts[FACETS[fieldset.dataset.facet]] || {};
      for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
        box.closest("label").querySelector("[data-count]").textContent = `(${facet[box.value] || 0})`;
      }
    }
  }

  async showMore(generation) {
    const slice = this.found.slice(this.shown, this.shown + PAGE);
    const data = await Promise.all(slice.map((result) => result.data()));
    if (generation !== this.generation) return;
    const firstNew = this.results.children.length;
    for (const item of data) this.results.append(this.render(item));
    this.shown += slice.length;
    document.getElementById("search-more")?.remove();
    if (this.shown < this.found.length) {
      const button = document.createElement("button");
      button.type = "button";
      button.id = "search-more";
      button.textContent = this.text.more;
      button.addEventListener("click", () => this.showMore(generation));
      this.results.after(button);
    }
    // Keyboard users continue from the first new result, not from the top of the page.
    if (firstNew > 0) this.results.children[firstNew].querySelector("a").focus();
  }

  render(item) {
    const node = this.template.content.firstElementChild.cloneNode(true);
    const meta = item.meta || {};
    const filters = item.filters || {};
    const state = (filters.state || ["open"])[0];
    const format = (filters.format || [""])[0];
    const title = decode(tidyText(meta.title || ""));
    const link = node.querySelector("a");
    link.href = this.root + item.url.replace(/^\//, "");
    link.textContent = title;
    this.markLanguage(link, title);
    const badge = node.querySelector(".badge");
    badge.textContent = this.text[camel("state", state)] || state;
    badge.classList.add(`badge-${state}`);
    // The owner's name is the owner's words: in a span of its own language when that is not the page's.
    const owner = document.createElement("span");
    owner.textContent = decode(tidyText(meta.owner || ""));
    this.markLanguage(owner, owner.textContent);
    const facts = [this.text[camel("format", format)] || format];
    if (meta.prefecture) facts.push(meta.prefecture);
    // No deadline: nothing to say (「締切: 随時」 read as if the deadline were "any time").
    if (meta.deadline) facts.push(`${this.text.deadline}: ${this.formatDate(meta.deadline)}`);
    node.querySelector(".result-meta").append(owner, facts.length ? " · " + facts.join(" · ") : "");
    const excerpt = node.querySelector(".result-excerpt");
    excerpt.append(excerptNodes(item.excerpt || ""));
    // Decided from the excerpt's own text: an English program's excerpt can quote its Japanese part.
    this.markLanguage(excerpt, excerpt.textContent);
    return node;
  }

  markLanguage(element, text) {
    const written = textLanguage(text);
    if (written && written !== this.language) element.lang = written;
  }

  formatDate(token) {
    const [year, month, day] = [token.slice(1, 5), token.slice(5, 7), token.slice(7, 9)].map(Number);
    return this.dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
  }

  say(message) {
    this.status.textContent = message;
  }
}

const form = typeof document !== "undefined" ? document.getElementById("search") : null;
if (form) new SearchPage(form).start();
