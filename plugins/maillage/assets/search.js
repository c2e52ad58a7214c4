/* Maillage: the header search, answered by Pagefind (plugins/maillage/search/pagefind.py).
 *
 * Loaded on every page; it does nothing where the theme's header search is absent (print
 * pages). Pagefind's script, its French word rules and the parts of its index a query needs are
 * fetched at the first search only, so a reader who never searches downloads nothing, and one
 * who does downloads a few dozen kilobytes whatever the size of the handbook.
 *
 * The dialog is Material's (partials/search.html keeps its classes), so this script does what
 * Material's own search script did with it: focusing the box opens the dialog, "/", "s" or "f"
 * opens it from anywhere, Escape closes it, the arrow keys move between the box and the results,
 * Enter opens the first result. Each result links to its page with its title and, for a card,
 * its summary (data-pagefind-meta="summary"), otherwise the passage that matches; the count of
 * results is announced by the live region above them.
 *
 * Pagefind matches stems, so "groupement" also finds every page that says only "groupe" and
 * ranks some of them above pages that say "groupement". The first results are therefore read
 * (their text, which the first page of results loads anyway) and put in order: pages whose
 * title holds every word as typed, then pages whose text does, then the pages found through
 * the stem alone (tests/test_browser_search.py measures it).
 *
 * The French stemmer also keeps apart words of one family: "pérennité" found 3 pages and
 * "pérenniser" 30. A single word that finds few pages is searched again by its first letters
 * ("perenn"), and those pages follow the ones that write the word.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var TYPING_DELAY = 150;
  var REORDERED = 3 * PAGE_SIZE;  /* at most, results read to put the exact words first */
  var READ_STEP = 5;
  var FEW = 5;          /* fewer results than this: search the word's family too */
  var FAMILY_LETTERS = 6;
  var OPENING_KEYS = ["/", "s", "f"];
  /* An elided article or pronoun (l', d', qu'…): Pagefind indexes "l'animateur" as a word of its
     own too, so a query that keeps it finds only the pages that write that form. */
  var ELISION = /(^|[^\p{L}])(?:[cdjlmnst]|qu)['’](?=\p{L})/giu;

  var dialog = document.querySelector("[data-maillage-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var box = dialog.querySelector(".md-search__input");
  var form = box.form;
  var output = dialog.querySelector(".md-search-result");
  var status = output.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button maillage-search__more";
  more.hidden = true;
  list.after(more);

  /* Material's French texts, from the configuration it writes into every page. */
  var texts = JSON.parse(document.getElementById("__config").textContent).translations;
  function say(key, count) {
    return texts[key].replace("#", count);
  }

  var engine = null;  /* Pagefind's module, once the first search has loaded it */
  var results = [];   /* the current query's results, not yet all shown */
  var asked = 0;      /* the latest query: an older answer arriving late is dropped */

  function load() {
    if (!engine) {
      var base = new URL(dialog.getAttribute("data-maillage-search-base"), document.baseURI).pathname;
      engine = import(new URL(dialog.getAttribute("data-maillage-search"), document.baseURI).href)
        .then(function (pagefind) {
          /* noWorker: one script less to download (12 KB); a query takes milliseconds in the page */
          return pagefind.options({ baseUrl: base, excerptLength: 24, noWorker: true }).then(function () { return pagefind; });
        });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function search() {
    var query = box.value.replace(ELISION, "$1").trim();
    var ticket = ++asked;
    if (!query) {
      results = [];
      show([], ticket, say("search.result.placeholder"));
      return;
    }
    load()
      .then(function (pagefind) {
        return pagefind.debouncedSearch(query, {}, TYPING_DELAY).then(function (found) {
          return found === null ? null : withFamily(pagefind, query, found);
        });
      })
      .then(function (found) {
        if (found === null || ticket !== asked) return;  /* a later query replaced this one */
        return exactFirst(found.results, query).then(function (ordered) {
          if (ticket !== asked) return;
          results = ordered;
          var count = results.length;
          var summary = say(count === 0 ? "search.result.none" : count === 1 ? "search.result.one" : "search.result.other", count);
          list.replaceChildren();
          return next(ticket, summary);
        });
      })
      .catch(function () {
        if (ticket === asked) show([], ticket, "La recherche n'a pas pu se charger. Rechargez la page pour réessayer.");
      });
  }

  /* Accent-free and lower case, as Pagefind compares words. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* A word as typed, in the singular or the plural, as a whole word: "groupement" matches
     "groupements" but not "groupe". */
  function exactly(word) {
    var stem = word.length > 3 ? word.replace(/[sx]$/, "") : word;
    return new RegExp("(^|[^\\p{L}\\p{N}])" + stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[sx]?(?![\\p{L}\\p{N}])", "u");
  }

  /* ``found`` followed by the pages of the word's family when a single word found few. */
  function withFamily(pagefind, query, found) {
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var word = words.length === 1 ? words[0] : "";
    var root = word.slice(0, Math.max(FAMILY_LETTERS, word.length - 3));
    if (found.results.length >= FEW || root.length >= word.length) return Promise.resolve(found);
    return pagefind.search(root).then(function (family) {
      var seen = {};
      found.results.forEach(function (result) { seen[result.id] = true; });
      var more = family.results.filter(function (result) { return !seen[result.id]; });
      return { results: found.results.concat(more) };
    });
  }

  /* What Pagefind stored of a page, downloaded once however often it is asked for. */
  function data(result) {
    if (!result.loaded) result.loaded = result.data();
    return result.loaded;
  }

  /* The first results reordered: every word as typed in the title, then in the text, then the
     pages found through a shared stem only; Pagefind's order within each. Results are read a few
     at a time, only until the first page of results is made of pages that write the words. */
  function exactFirst(found, query) {
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word.length > 1; }).map(exactly);
    if (!words.length) return Promise.resolve(found);
    function says(text) {
      var folded = fold(text || "");
      return words.every(function (word) { return word.test(folded); });
    }
    function read(count) {
      var head = found.slice(0, count);
      return Promise.all(head.map(data)).then(function (pages) {
        var tiers = pages.map(function (page, position) {
          var tier = says(page.meta.title) ? 0 : says(page.content) ? 1 : 2;
          return { result: head[position], tier: tier, position: position };
        });
        var exact = tiers.filter(function (entry) { return entry.tier < 2; }).length;
        if (exact < PAGE_SIZE && count < Math.min(found.length, REORDERED)) return read(count + READ_STEP);
        tiers.sort(function (a, b) { return a.tier - b.tier || a.position - b.position; });
        return tiers.map(function (entry) { return entry.result; }).concat(found.slice(count));
      });
    }
    return read(PAGE_SIZE);
  }

  /* The next results, in order, with what Pagefind stored of each page. */
  function next(ticket, summary) {
    var batch = results.slice(list.children.length, list.children.length + PAGE_SIZE);
    return Promise.all(batch.map(data)).then(function (pages) {
      show(pages, ticket, summary);
    });
  }

  function show(pages, ticket, summary) {
    if (ticket !== asked) return;
    if (summary !== undefined) status.textContent = summary;
    if (summary !== undefined && !pages.length) list.replaceChildren();
    pages.forEach(function (page) { list.appendChild(item(page)); });
    var left = results.length - list.children.length;
    more.hidden = left <= 0;
    more.textContent = left === 1 ? "Afficher le dernier résultat"
      : "Afficher " + Math.min(left, PAGE_SIZE) + " résultats de plus";
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Material's markup for a result, so that its stylesheet applies. */
  function item(page) {
    var entry = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = page.url;
    var article = element("article", "md-search-result__article md-search-result__article--document md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element("h1", "", typeset("", page.meta.title || "")));
    if (page.meta.section) article.appendChild(element("p", "maillage-search__section", typeset("", page.meta.section)));
    var text = element("p");
    if (page.meta.summary) text.textContent = typeset("", page.meta.summary);
    else text.append.apply(text, excerpt(page.excerpt));
    article.appendChild(text);
    link.appendChild(article);
    entry.appendChild(link);
    return entry;
  }

  /* Pagefind's excerpt is HTML with <mark> around the words found: keep those marks and the
     text, nothing else (parsed in an inert document, never inserted as HTML). */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var before = "";
    return Array.prototype.map.call(parsed.childNodes, function (node) {
      var text = typeset(before, node.textContent);
      before = text.slice(-1) || before;
      return node.nodeName === "MARK" ? element("mark", "", text) : document.createTextNode(text);
    });
  }

  /* Pagefind folds every space of the text it indexes, the no-break ones the page has included,
     and reads apostrophes made straight (search/indexing.py): put the page's typography back
     (rendering/typography.py), or a line of the excerpt could start with « : ». `before` is the
     last character of the text's previous piece (a <mark> splits an excerpt). */
  function typeset(before, text) {
    return (before + text)
      .replace(/(\p{L})'(?=\p{L}|$)/gu, "$1\u2019")
      .replace(/(\S) +(;(?=$|[\s»])|[!?](?=$|[\s!?.,;:)\]»…’"]))/g, "$1\u202f$2")
      .replace(/(\S) +(:(?=$|[\s»]))/g, "$1\u00a0$2")
      .replace(/« +/g, "«\u00a0")
      .replace(/(\S) +»/g, "$1\u00a0»")
      .slice(before.length);
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();  /* as Material does: its listeners follow */
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
  }

  box.addEventListener("focus", function () { setOpen(true); load().catch(function () {}); });
  box.addEventListener("input", search);
  toggle.addEventListener("change", function () {
    output.hidden = !toggle.checked;  /* closed, the results are not read out either */
    if (toggle.checked) box.focus();
  });
  output.hidden = !toggle.checked;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(); box.focus(); });
  });
  more.addEventListener("click", function () {
    var shown = list.children.length;
    more.disabled = true;  /* one batch at a time */
    next(asked).then(function () {
      more.disabled = false;
      var first = links()[shown];
      if (first) first.focus();
    });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) setOpen(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (!typing && OPENING_KEYS.indexOf(event.key) >= 0) {
        event.preventDefault();
        setOpen(true);
        box.focus();
        box.select();
      }
      return;
    }
    if (event.key === "Escape") {
      setOpen(false);
      box.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var stops = [box].concat(links());
      var here = stops.indexOf(document.activeElement);
      var step = event.key === "ArrowDown" ? 1 : -1;
      stops[(Math.max(here, 0) + step + stops.length) % stops.length].focus();
      event.preventDefault();
    }
  });
})();
