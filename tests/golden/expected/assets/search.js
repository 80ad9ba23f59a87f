
export const FACETS = {
  types: "type", categories: "category", prefectures: "prefecture", formats: "format", skills: "skill", states: "state",
  languages: "language", weekdays: "weekday",
};
export const OPEN_STATES = ["open", "closing-soon", "full"];
const PAGE = 10; // results per batch: each costs a fragment download (about 1 KB)
const CJK = /[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const JAPANESE_LETTER = /[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005\u3006]/g;
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]/g;
export function textLanguage(text) {
  const japanese = (text.match(JAPANESE_LETTER) || []).length;
  const latin = (text.match(LATIN_LETTER) || []).length;
  if (japanese && japanese * 4 >= latin) return "ja";
  return latin ? "en" : null;
}
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const REAL_SPACE = "\u2e31";
const SECTION = "\u3013";
const READING_MARK = "\u30fd";
const KANA_MARK = "\u30fe";
const KANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$/;

function segmentWords(text, language) {
  if (typeof Intl === "undefined" || !Intl.Segmenter) return [text];
  const words = [];
  for (const part of new Intl.Segmenter(language, { granularity: "word" }).segment(text)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

export function foldKana(text) {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

export function readingOf(text) {
  const spelled = foldKana(text.normalize("NFKC"));
  if (!KANA_ONLY.test(spelled) || [...spelled].length < 2) return null;
  return { any: READING_MARK + spelled + READING_MARK, written: READING_MARK + spelled + KANA_MARK };
}

export function queryTerms(query, language = "ja") {
  const normalized = (query || "").normalize("NFKC").trim();
  if (!normalized) return [];
  return normalized.split(/\s+/)
    .map((text) => ({ text, words: segmentWords(text, language), reading: readingOf(text) }))
    .filter((term) => term.words.length > 0);
}

export function segmentQuery(query, language = "ja") {
  return queryTerms(query, language).flatMap((term) => term.words);
}

export function tidyText(text) {
  const kept = (text || "").replace(new RegExp(`${REAL_SPACE}((?:</?mark>)*) `, "g"), "$1\u0001");
  const tidied = kept.replace(/((?:<\/?mark>)*) +((?:<\/?mark>)*)/g, (match, before, after, offset, whole) => {
    const previous = whole.slice(0, offset).replace(/<\/?mark>$/g, "").slice(-1);
    const rest = whole.slice(offset + match.length);
    const next = rest.replace(/^(?:<\/?mark>)+/, "").charAt(0);
    if (previous && next && (CJK.test(previous) || CJK.test(next))) return before + after;
    return match;
  });
  return tidied.replace(/\u0001/g, " ").replaceAll(REAL_SPACE, "");
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const SENTENCE_END = /[。．！？!?]$|[^\d]\.$/;
const LEADING = /^(?:<\/?mark>)*[\p{Po}\p{Pe}\p{Pd}\p{Pf}\s]+/u;

export function excerptOf(content, locations, length = 70) {
  const words = (content || "").split(/\s+/);
  const sections = [];
  words.forEach((word, n) => { if (word === SECTION) sections.push(n); });
  const from = sections.length ? sections[0] + 1 : 0;
  const to = sections.length > 1 ? sections[1] : words.length;
  const marked = new Set(locations || []);
  const anchor = [...marked].sort((a, b) => a - b).find((n) => n >= from && n < to);
  let start = anchor ?? from;
  while (start > from && !SENTENCE_END.test(words[start - 1])) start--;
  let end = anchor ?? from;
  while (end < to - 1 && !SENTENCE_END.test(words[end])) end++;
  const piece = (a, b) => tidyText(words.slice(a, b + 1).map((word, k) => {
    const text = escapeHtml(word);
    return marked.has(a + k) ? `<mark>${text}</mark>` : text;
  }).join(" ")).replaceAll("</mark><mark>", "");  // 古 + 材, two words of the index: one marked word
  const visible = (html) => html.replace(/<\/?mark>/g, "").length;
  let head = "";
  if (anchor !== undefined) {
    while (anchor - start > 2 && visible(piece(start, anchor)) > length / 3) { start++; head = "…"; }
  }
  let tail = "";
  while (end > start && visible(piece(start, end)) > length) { end--; tail = "…"; }
  const text = piece(start, end).replace(LEADING, (lead) => lead.match(/<\/?mark>/g)?.join("") ?? "");
  return head + text + tail;
}

function normalizedWords(content) {
  return content.normalize("NFKC").toLowerCase().split(/\s+/).map((word) => word.replace(EDGE_PUNCTUATION, ""));
}

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

const filtersLoaded = new WeakMap();
function loadFilters(pagefind) {
  if (!filtersLoaded.has(pagefind)) filtersLoaded.set(pagefind, Promise.resolve(pagefind.filters()));
  return filtersLoaded.get(pagefind);
}

const readingTerm = (term) => ({ text: term.reading.any, words: [term.reading.any], reading: term.reading });

async function searchIndex(pagefind, terms, byReading, chosen, sort, counts) {
  const text = terms.length ? terms.map((term) => term.text).join(" ") : null;
  const order = sort === "deadline" || sort === "newest" ? sort : text ? null : "newest";
  if (counts) await loadFilters(pagefind);
  const found = await matches(pagefind, terms.map((term, n) => (byReading[n] ? readingTerm(term) : term)), chosen, counts);
  let results = found.results;
  if (byReading.some(Boolean)) {
    const written = [];
    for (const [n, term] of terms.entries()) {
      if (byReading[n]) written.push(new Set((await pagefind.search(term.reading.written)).results.map((result) => result.id)));
    }
    const inKana = (result) => written.every((ids) => ids.has(result.id));
    results = [...results.filter(inKana), ...results.filter((result) => !inKana(result))];
  }
  return { results: await sorted(pagefind, results, order), counts: found.counts };
}

function literalQuery(term) {
  return term.words.length > 1 ? `"${term.words.join(" ")}"` : term.words[0];
}

async function filteredHere(candidates, keep, chosen) {
  const loaded = await Promise.all(candidates.map((result) => result.data()));
  const kept = loaded.map((data) => keep(data));
  const facetCounts = {};
  for (const key of [...Object.values(FACETS), ...Object.keys(chosen)]) {
    facetCounts[key] = facetCounts[key] || {};
    loaded.forEach((data, n) => {
      if (!kept[n] || !passes(data.filters, chosen, key)) return;
      for (const value of data.filters[key] || []) facetCounts[key][value] = (facetCounts[key][value] || 0) + 1;
    });
  }
  const results = candidates.filter((_, n) => kept[n] && passes(loaded[n].filters, chosen));
  return { results, counts: facetCounts };
}

async function matches(pagefind, terms, chosen, counts) {
  const words = [...new Set(terms.flatMap((term) => term.words))];
  const compounds = terms.filter((term) => term.words.length > 1);
  const text = words.length ? words.join(" ") : null;

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
    const query = text ?? EVERY_PROGRAM;
    const search = await pagefind.search(query, { filters: selectionFilters(chosen) });
    return { results: search.results, counts: await pagefindCounts(query, search) };
  }

  if (terms.length === 1) {
    const phrase = literalQuery(compounds[0]);
    const exact = await pagefind.search(phrase, { filters: selectionFilters(chosen) });
    const allowed = new Set(exact.results.map((result) => result.id));
    const ranked = await pagefind.search(text, { filters: selectionFilters(chosen) });
    return { results: ranked.results.filter((result) => allowed.has(result.id)), counts: await pagefindCounts(phrase, exact) };
  }

  const search = await pagefind.search(text);
  return filteredHere(search.results, (data) => compounds.every((term) => hasAdjacent(data.content, term.words)), chosen);
}

export async function findPrograms(pagefind, { query = "", language = "ja", selection = {}, includeClosed = false, sort, archive = null, counts = true } = {}) {
  const terms = queryTerms(query, language);
  const chosen = { ...selection };
  const states = chosen.state || [];
  if (!states.length && !includeClosed && !archive) chosen.state = OPEN_STATES;

  const indexes = [];
  if (!archive || !states.length || states.some((state) => OPEN_STATES.includes(state))) indexes.push(pagefind);
  if (archive && (includeClosed || states.includes("closed"))) indexes.push(await archive());

  const absent = new Map(terms.map((term) => [term, new Set(term.words)]));
  const planOf = async (index, track) => {
    const byReading = [];
    let found = true;
    for (const term of terms) {
      const reading = Boolean(term.reading) && (await index.search(term.reading.any)).results.length > 0;
      let literal = true;
      if (reading) {
        if (track) absent.get(term).clear();
      } else {
        for (const word of term.words) {
          if (await wordExists(index, word)) { if (track) absent.get(term).delete(word); } else literal = false;
        }
      }
      if (!reading && !literal) found = false;
      byReading.push(reading);
    }
    return found ? byReading : null;
  };
  const usable = [];
  for (const index of indexes) {
    const plan = await planOf(index, true);
    if (plan) usable.push([index, plan]);
  }
  const missing = terms.flatMap((term) => [...absent.get(term)]);
  if (missing.length || !usable.length) {
    return { missing: [...new Set(missing)], results: [], total: 0, counts: {} };
  }
  const results = [];
  const facetCounts = {};
  for (const [index, plan] of usable) {
    const found = await searchIndex(index, terms, plan, chosen, sort, counts);
    results.push(...found.results);
    sum(facetCounts, found.counts);
  }
  if (counts && archive) {
    for (const index of [pagefind, await archive()].filter((one) => !indexes.includes(one))) {
      const plan = await planOf(index, false);
      if (plan) sum(facetCounts, { state: (await searchIndex(index, terms, plan, chosen, sort, counts)).counts.state || {} });
    }
  }
  return { missing: [], results, total: results.length, counts: facetCounts };
}


export const WHEN_CHOICES = ["this-weekend", "next-weekend", "this-month", "next-month", "range"];
const ANYTIME = "anytime"; // catalog/when.py: the value of programs without dates

function addDays(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthsBetween(first, last) {
  const months = [];
  let [year, month] = first.slice(0, 7).split("-").map(Number);
  const [lastYear, lastMonth] = last.slice(0, 7).split("-").map(Number);
  while ((year < lastYear || (year === lastYear && month <= lastMonth)) && months.length < 36) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

export function whenSelection(choice, { today, built, horizon, from = "", to = "", anytime = false }) {
  let days = null;
  let months = null;
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  const saturday = weekday === 0 ? addDays(today, -1) : addDays(today, 6 - weekday);
  if (choice === "this-weekend") days = [saturday, addDays(saturday, 1)].filter((day) => day >= today);
  else if (choice === "next-weekend") days = [addDays(saturday, 7), addDays(saturday, 8)];
  else if (choice === "this-month") months = [today.slice(0, 7)];
  else if (choice === "next-month") months = [addDays(`${today.slice(0, 7)}-01`, 31).slice(0, 7)];
  else if (choice === "range" && (from || to)) {
    const first = from || today;
    const last = to || first;
    if (last < first) return {};
    const limit = addDays(built, horizon);
    if (first >= built && last <= limit) {
      days = [];
      for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
    } else {
      months = monthsBetween(first, last);
    }
  } else {
    return {};
  }
  const values = days ?? months;
  return { [days ? "day" : "month"]: anytime ? [...values, ANYTIME] : values };
}

export function currentDay(timeZone, built, now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return parts > built ? parts : built;
}


function decode(html) {
  const area = document.createElement("textarea");
  area.innerHTML = html;
  return area.value;
}

function excerptNodes(excerpt) {
  const fragment = document.createDocumentFragment();
  let marked = false;
  for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
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
    this.form.addEventListener("change", (event) => {
      if (event.target.name === "q") return;
      if (event.target.name === "from" || event.target.name === "to") this.form.querySelector('input[name="when"][value="range"]').checked = true;
      this.update(true);
    });
    window.addEventListener("popstate", () => { this.fromUrl(); this.run(); });
    try {
      this.pagefind = await import(new URL("pagefind.js", this.bundle).href);
      await this.pagefind.options({ basePath: this.bundle.pathname, baseUrl: "/", exactDiacritics: true, excerptLength: 30, noWorker: true });
      await this.pagefind.init();
      useBundle(this.pagefind, this.bundle);
    } catch (error) {
      this.say(this.text.error);
      return;
    }
    if (this.form.dataset.archive) {
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
    this.countsShown = [...this.form.querySelectorAll("fieldset[data-facet]")].some((fieldset) => !fieldset.closest("details"));
    if (Object.keys(FACETS).some((name) => this.checked(name).length) || this.whenChoice()) this.filters.open = true;
    this.filters.addEventListener("toggle", () => { if (this.filters.open) this.refreshCounts(); });
    await this.run();
  }

  whenChoice() {
    return this.form.querySelector('input[name="when"]:checked')?.value || "";
  }

  dateSelection(choice) {
    const data = this.form.dataset;
    const today = currentDay(data.timezone, data.today);
    return whenSelection(choice, {
      today, built: data.today, horizon: Number(data.dayHorizon),
      from: this.form.from.value, to: this.form.to.value, anytime: this.form.anytime.checked,
    });
  }

  options(choice = this.whenChoice()) {
    const selection = {};
    for (const [name, key] of Object.entries(FACETS)) selection[key] = this.checked(name);
    Object.assign(selection, this.dateSelection(choice));
    return {
      query: this.form.q.value, language: this.language, selection, archive: this.archive || null,
      includeClosed: this.form.closed.checked, sort: this.form.sort.value, counts: this.filters.open || this.countsShown,
    };
  }

  async refreshCounts() {
    const generation = this.generation;
    await this.busy(async () => {
      const found = await findPrograms(this.pagefind, { ...this.options(), counts: true });
      if (generation === this.generation) await this.updateCounts(found.counts, found.total, generation);
    });
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
    const choice = WHEN_CHOICES.includes(params.get("when")) ? params.get("when") : "";
    for (const radio of this.form.querySelectorAll('input[name="when"]')) radio.checked = radio.value === choice;
    const isoDay = (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value : "");
    this.form.from.value = isoDay(params.get("from"));
    this.form.to.value = isoDay(params.get("to"));
    this.form.sort.value = ["deadline", "newest"].includes(params.get("sort")) ? params.get("sort") : "";
  }

  toUrl(push) {
    const params = new URLSearchParams();
    const query = this.form.q.value.trim();
    if (query) params.set("q", query);
    for (const name of Object.keys(FACETS)) for (const value of this.checked(name)) params.append(name, value);
    const choice = this.whenChoice();
    if (choice) params.set("when", choice);
    if (choice === "range" && this.form.from.value) params.set("from", this.form.from.value);
    if (choice === "range" && this.form.to.value) params.set("to", this.form.to.value);
    if (this.form.anytime.checked) params.set("anytime", "1");
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
    await this.busy(() => this.search(++this.generation));
  }

  async busy(work) {
    this.working = (this.working || 0) + 1;
    this.form.setAttribute("aria-busy", "true");
    try {
      await work();
    } finally {
      this.working -= 1;
      if (!this.working) this.form.setAttribute("aria-busy", "false");
    }
  }

  async search(generation) {
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
    const counting = options.counts ? this.updateCounts(found.counts, found.total, generation) : null;
    try {
      await this.show(found, query, generation);
    } finally {
      await counting;
    }
  }

  async show(found, query, generation) {
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

  async updateCounts(counts, total, generation) {
    for (const fieldset of this.form.querySelectorAll("fieldset[data-facet]")) {
      const facet = counts[FACETS[fieldset.dataset.facet]] || {};
      for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
        box.closest("label").querySelector("[data-count]").textContent = `(${facet[box.value] || 0})`;
      }
    }
    const current = this.whenChoice();
    for (const radio of this.form.querySelectorAll('input[name="when"]')) {
      const count = radio.closest("label").querySelector("[data-count]");
      let n = total;
      if (radio.value !== current) {
        if (radio.value === "range" && !this.form.from.value && !this.form.to.value) { count.textContent = ""; continue; }
        n = (await findPrograms(this.pagefind, { ...this.options(radio.value), counts: false })).total;
        if (generation !== this.generation) return;
      }
      count.textContent = `(${n})`;
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
    if (firstNew > 0) this.results.children[firstNew].querySelector("a").focus();
  }

  render(item) {
    const node = this.template.content.firstElementChild.cloneNode(true);
    const meta = item.meta || {};
    const filters = item.filters || {};
    const state = (filters.state || ["open"])[0];
    const format = (filters.format || [""])[0];
    const title = meta.title || "";
    const link = node.querySelector("a");
    link.href = this.root + item.url.replace(/^\//, "");
    link.textContent = title;
    this.markLanguage(link, title);
    const badge = node.querySelector(".badge");
    badge.textContent = this.text[camel("state", state)] || state;
    badge.classList.add(`badge-${state}`);
    const owner = document.createElement("span");
    owner.textContent = meta.owner || "";
    this.markLanguage(owner, owner.textContent);
    const facts = [this.text[camel("format", format)] || format];
    if (meta.prefecture) facts.push(meta.prefecture);
    if (meta.deadline) facts.push(`${this.text.deadline}: ${this.formatDate(meta.deadline)}`);
    node.querySelector(".result-meta").append(owner, facts.length ? " · " + facts.join(" · ") : "");
    const excerpt = node.querySelector(".result-excerpt");
    excerpt.append(excerptNodes(excerptOf(item.content, item.locations)));
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
