// The search page: Pagefind's JS API (no UI bundle) and a small results list of our own.
// Why each part is here:
// - segmentQuery: the index holds Japanese already split into words by ICU (catalog/segment.py);
//   Intl.Segmenter is the same ICU engine, so the query is split the same way.
// - missingWords: Pagefind silently drops a query word that is in no page; we check each
//   word and say "no program contains X" instead of showing what matches the rest.
// - tidyText: undoes the spaces the build put between Japanese words, so excerpts read normally.
// - facets: OR inside a facet, AND across facets; counts for a facet ignore its own selection.
// - the form state lives in the URL, so a search can be shared, printed and reached with Back.

const FACETS = { types: "type", categories: "category", prefectures: "prefecture", formats: "format", skills: "skill", states: "state" };
const OPEN_STATES = ["open", "closing-soon", "full"];
const PAGE = 20;
// Kana, kanji, CJK punctuation, full-width forms: the same class as catalog/segment.py's CJK.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function segmentQuery(query, language = "ja") {
  const normalized = (query || "").normalize("NFKC").trim();
  if (!normalized) return [];
  if (typeof Intl === "undefined" || !Intl.Segmenter) return normalized.split(/\s+/);
  const segmenter = new Intl.Segmenter(language, { granularity: "word" });
  const words = [];
  for (const part of segmenter.segment(normalized)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
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

// Pagefind's excerpts are HTML with <mark>; build DOM nodes so nothing else can become markup.
function decode(html) {
  const area = document.createElement("textarea");
  area.innerHTML = html;
  return area.value;
}

function excerptNodes(excerpt) {
  const fragment = document.createDocumentFragment();
  const parts = tidyText(excerpt).split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
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
      await this.pagefind.options({ basePath: this.bundle.pathname, baseUrl: "/", exactDiacritics: true, excerptLength: 40 });
      await this.pagefind.init();
    } catch (error) {
      this.say(this.text.error);
      return;
    }
    if (this.form.q.value.trim() || this.anyFilter()) this.openFilters();
    await this.run();
  }

  openFilters() {
    if (this.anyFilter()) document.getElementById("filters").open = true;
  }

  anyFilter() {
    return Object.keys(FACETS).some((name) => this.checked(name).length > 0);
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

  filters(except) {
    const filters = {};
    for (const [name, key] of Object.entries(FACETS)) {
      if (name === except) continue;
      const values = this.checked(name);
      if (values.length) filters[key] = { any: values };
    }
    if (!filters.state && except !== "states" && !this.form.closed.checked) filters.state = { any: OPEN_STATES };
    return filters;
  }

  sort(hasQuery) {
    const choice = this.form.sort.value;
    if (choice === "deadline") return { deadline: "asc" };
    if (choice === "newest" || !hasQuery) return { posted: "desc" };
    return undefined;
  }

  async missingWords(words) {
    const missing = [];
    for (const word of words) {
      const found = await this.pagefind.search(word);
      if (!found || found.results.length === 0) missing.push(word);
    }
    return missing;
  }

  async run() {
    const generation = ++this.generation;
    const words = segmentQuery(this.form.q.value, this.language);
    const query = words.length ? words.join(" ") : null;
    this.say(this.text.searching);
    const missing = words.length ? await this.missingWords(words) : [];
    if (generation !== this.generation) return;
    if (missing.length) {
      this.results.replaceChildren();
      this.updateCounts({});
      this.say(fill(this.text.missingWords, { words: missing.join(" ") }));
      return;
    }
    const options = { filters: this.filters(null) };
    const sort = this.sort(Boolean(query));
    if (sort) options.sort = sort;
    const search = await this.pagefind.search(query, options);
    if (generation !== this.generation || !search) return;
    await this.facetCounts(query, search, generation);
    if (generation !== this.generation) return;
    this.shown = 0;
    this.found = search.results;
    this.results.replaceChildren();
    if (!this.found.length) {
      this.say(this.text.noResults);
      return;
    }
    this.say(fill(query ? this.text.results : this.text.browse, { count: this.found.length }));
    await this.showMore(generation);
  }

  // Counts for a facet are computed without that facet's own selection (OR inside a facet).
  async facetCounts(query, search, generation) {
    const counts = {};
    for (const [name, key] of Object.entries(FACETS)) {
      let source = search.filters;
      if (this.checked(name).length || name === "states") {
        const other = await this.pagefind.search(query, { filters: this.filters(name) });
        if (generation !== this.generation) return;
        source = other ? other.filters : {};
      }
      counts[name] = source[key] || {};
    }
    this.updateCounts(counts);
  }

  updateCounts(counts) {
    for (const fieldset of this.form.querySelectorAll("fieldset[data-facet]")) {
      const facet = counts[fieldset.dataset.facet] || {};
      for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
        const count = facet[box.value] || 0;
        box.closest("label").querySelector("[data-count]").textContent = `(${count})`;
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
    this.moreButton(generation);
    if (firstNew > 0) this.results.children[firstNew].querySelector("a").focus();
  }

  moreButton(generation) {
    document.getElementById("search-more")?.remove();
    if (this.shown >= this.found.length) return;
    const button = document.createElement("button");
    button.type = "button";
    button.id = "search-more";
    button.textContent = this.text.more;
    button.addEventListener("click", () => this.showMore(generation));
    this.results.after(button);
  }

  render(item) {
    const node = this.template.content.firstElementChild.cloneNode(true);
    const meta = item.meta || {};
    const link = node.querySelector("a");
    link.href = this.root + item.url.replace(/^\//, "");
    link.textContent = decode(tidyText(meta.title || ""));
    if (meta.lang && meta.lang !== this.language) link.lang = meta.lang;
    const badge = node.querySelector(".badge");
    badge.textContent = this.text[`state${meta.state.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`] || meta.state;
    badge.classList.add(`badge-${meta.state}`);
    const facts = [decode(tidyText(meta.owner || ""))];
    facts.push(this.text[`format${meta.format.charAt(0).toUpperCase()}${meta.format.slice(1)}`] || meta.format);
    if (meta.prefecture) facts.push(meta.prefecture);
    facts.push(`${this.text.deadline}: ${meta.deadline ? this.formatDate(meta.deadline) : this.text.ongoing}`);
    node.querySelector(".result-meta").textContent = facts.join(" · ");
    const excerpt = node.querySelector(".result-excerpt");
    excerpt.append(excerptNodes(item.excerpt || ""));
    if (meta.lang && meta.lang !== this.language) excerpt.lang = meta.lang;
    return node;
  }

  formatDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return this.dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
  }

  say(message) {
    this.status.textContent = message;
  }
}

const form = typeof document !== "undefined" ? document.getElementById("search") : null;
if (form) new SearchPage(form).start();
