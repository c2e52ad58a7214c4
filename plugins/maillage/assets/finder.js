/* Maillage: the finder of the "Trouver une pratique" page (trouver/).
 *
 * Loaded on every page, like every asset of the plugin: it does nothing unless the page holds
 * the finder's root element. Without JavaScript that element says where the cards are (each
 * section page lists its own); this script replaces it with the filters and the cards: words,
 * then type, phase, actors and themes, several values at once (any ticked value within a facet,
 * every facet together). It reads each card's id and values from fiches.json next to the page,
 * shows beside each value how many cards ticking it would leave, announces how many cards
 * match, and keeps the choices in the address
 * (?phase=launch&themes=financement,animation&texte=subvention) so that a view can be reloaded
 * or shared. The cards that match are shown a page at a time ("Voir plus"), their titles and
 * summaries fetched from the small text files that hold them (textes/<n>.json), only when shown:
 * at 10,000 cards the page and what a first view loads stay small (finder/data.py).
 *
 * Readers describe a situation ("notre réseau ne vit que de la subvention"), so the words are
 * answered by the header search's own index (Pagefind: French stems, accents, the card's whole
 * text), one word at a time, and cards are ranked by how well they match instead of having to
 * hold every word: a word found in almost every card ("nous", "de", "réseau") or in none
 * ("voulons") does not decide, and a card must hold at least half of the other words. Where the
 * site has no Pagefind index, the words are looked for in each card's title and summary, which
 * then means fetching every text file.
 *
 * Card text reaches the page only as text nodes (textContent), never as HTML.
 */
(function () {
  "use strict";

  var ROOT_ID = "maillage-finder";
  var DATA_URL = "fiches.json";
  var TEXT_KEY = "texte";
  var TYPING_DELAY = 250;
  var STARTED = "data-maillage-finder";  /* on the root once the script has taken it over */
  var CARD_TABLE = "maillage-fiches.json";  /* written beside the index: search/cards.py */
  var COMMON_SHARE = 0.8;  /* a word in more cards than this share tells them apart too little */
  var ELISION = /(^|[^\p{L}])(?:[cdjlmnst]|qu)['’](?=\p{L})/giu;

  /* Accent-free and lower case, like the site's search: "Pérenniser" -> "perenniser". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The words typed, as they can be found in folded text: without an elided article
     ("l'animateur" -> "animateur") nor a plural mark ("groupements" -> "groupement",
     "journaux" -> "journa", which also finds "journal"). */
  function wordsOf(text) {
    return fold(text)
      .replace(/\b(?:[cdjlmnst]|qu)['’]/g, " ")
      .split(/[^\p{L}\p{N}&]+/u)
      .filter(function (word) { return word.length > 1; })
      .map(function (word) {
        if (word.length > 4 && /aux$/.test(word)) return word.slice(0, -2);
        return word.length > 3 ? word.replace(/[sx]$/, "") : word;
      });
  }

  /* The words typed, as Pagefind will read each one: elided articles dropped, once each. */
  function searchWords(text) {
    var seen = {};
    return text.toLowerCase().replace(ELISION, "$1 ").split(/[^\p{L}\p{N}&]+/u).filter(function (word) {
      if (word.length < 2 || seen[word]) return false;
      seen[word] = true;
      return true;
    });
  }

  /* Pagefind and the table of its cards, loaded once, as the header search loads them
     (assets/search.js); null where the site has no Pagefind search. */
  var engine;
  function index() {
    if (engine !== undefined) return engine;
    var dialog = document.querySelector("[data-maillage-search]");
    if (!dialog || typeof fetch === "undefined") return (engine = null);
    var base = new URL(dialog.getAttribute("data-maillage-search-base"), document.baseURI);
    var script = new URL(dialog.getAttribute("data-maillage-search"), document.baseURI);
    engine = Promise.all([
      import(script.href).then(function (pagefind) {
        return pagefind.options({ baseUrl: base.pathname, noWorker: true }).then(function () { return pagefind; });
      }),
      fetch(new URL(CARD_TABLE, script).href).then(function (response) {
        if (!response.ok) throw new Error(CARD_TABLE + " : " + response.status);
        return response.json();
      })
    ]).catch(function (error) {
      console.warn("Maillage : recherche indisponible, les mots sont cherchés dans les titres", error);
      return null;
    });
    return engine;
  }

  /* Each card's score for the words typed (card id -> score), only for the cards that match;
     null when the index cannot answer. */
  function rank(text, total) {
    var typed = searchWords(text);
    var loading = index();
    if (!loading) return Promise.resolve(null);
    return loading.then(function (loaded) {
      if (!loaded) return null;
      var pagefind = loaded[0], table = loaded[1];
      return Promise.all(typed.map(function (word) { return pagefind.search(word); })).then(function (answers) {
        var scores = {}, decisive = {}, common = {}, deciding = 0, all = 0;
        answers.forEach(function (answer) {
          var cards = answer.results.filter(function (result) { return table.hasOwnProperty(result.id); });
          if (!cards.length) return;  /* a word no card holds ("voulons") */
          var decides = cards.length <= COMMON_SHARE * total;
          /* A rare word says more about a card than a frequent one ("subvention" than "notre"):
             each word's score counts by its rarity among the cards. */
          var rarity = Math.log(1 + total / cards.length);
          all += 1;
          if (decides) deciding += 1;
          cards.forEach(function (result) {
            var id = table[result.id];
            scores[id] = (scores[id] || 0) + result.score * rarity;
            var counts = decides ? decisive : common;
            counts[id] = (counts[id] || 0) + 1;
          });
        });
        var needed = Math.ceil(deciding / 2);
        var matching = new Map();
        Object.keys(scores).forEach(function (id) {
          /* only common words typed ("réseau"): the cards that hold them all */
          var enough = deciding ? (decisive[id] || 0) >= needed : (common[id] || 0) === all;
          if (enough) matching.set(id, scores[id]);
        });
        return matching;
      });
    });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function plural(count, one, many) {
    return count === 1 ? one : many;
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + " : " + response.status);
      return response.json();
    });
  }

  /* The cards' titles, summaries and addresses, fetched a text file at a time and kept:
     load(positions) resolves once of(position) can read each of those cards. */
  function textFiles(data, base) {
    var files = {};  /* file number -> its rows once read, the promise of them until then */
    function file(number) {
      if (!files[number]) {
        files[number] = json(new URL(data.texts[number], base).href).then(function (rows) {
          files[number] = rows;
          return rows;
        }, function (error) {
          delete files[number];  /* a later view tries again */
          throw error;
        });
      }
      return files[number];
    }
    return {
      load: function (positions) {
        var numbers = [];
        positions.forEach(function (position) {
          var number = Math.floor(position / data.chunk);
          if (numbers.indexOf(number) === -1) numbers.push(number);
        });
        return Promise.all(numbers.map(file));
      },
      of: function (position) {
        var row = files[Math.floor(position / data.chunk)][position % data.chunk];
        /* The addresses come from the site's build, relative to this page: anything with a
           scheme (javascript:) or another host is not one of them. */
        var href = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(row[2]) ? null : row[2];
        return { title: row[0], summary: row[1], href: href };
      }
    };
  }

  function build(root, data, base) {
    var facets = data.facets;
    var pageSize = data.page;
    var sectionOf = [];
    data.sections.forEach(function (section, s) {
      for (var count = 0; count < section[1]; count += 1) sectionOf.push(s);
    });
    var cards = data.cards.map(function (row, order) {
      return { id: row[0], order: order, values: row.slice(1), section: sectionOf[order] };
    });
    var texts = textFiles(data, base);
    var PHASE = facets.map(function (facet) { return facet.key; }).indexOf("phase");
    /* A card named by the address (#fiche-<id>, the diagnostic's "Voir dans Trouver une
       pratique"): shown and scrolled to once, however far down the list. */
    function named() {
      return location.hash.indexOf("#fiche-") === 0 ? location.hash.slice("#fiche-".length) : null;
    }
    var wanted = named();

    var words = element("input", {
      type: "search", id: ROOT_ID + "-texte", name: TEXT_KEY, autocomplete: "off",
      "aria-describedby": ROOT_ID + "-aide"
    });
    var boxes = [];
    var fieldsets = facets.map(function (facet, f) {
      return element("fieldset", { "class": "maillage-finder__facet maillage-finder__facet--" + facet.key },
        [element("legend", {}, [facet.title])].concat(facet.values.map(function (value, p) {
          var box = element("input", { type: "checkbox", name: facet.key, value: value[0] });
          var count = element("span", { "class": "maillage-finder__count" });
          boxes.push({ box: box, facet: f, position: p, count: count });
          return element("label", { "class": "maillage-finder__option" },
            [box, element("span", { "class": "maillage-finder__value" }, [value[1]]), count]);
        })));
    });
    var status = element("p", { "class": "maillage-finder__status", role: "status" });
    var clear = element("button", { type: "button", "class": "md-button maillage-finder__clear" },
      ["Effacer les filtres"]);
    var form = element("form", { "class": "maillage-finder__form", role: "search", "aria-label": "Filtrer les fiches" }, [
      element("div", { "class": "maillage-finder__words" }, [
        element("label", { "for": words.id }, ["Votre situation en quelques mots"]),
        words,
        element("p", { id: ROOT_ID + "-aide", "class": "maillage-finder__hint" },
          ["Par exemple : subvention, grande entreprise, partager un salarié. Les accents sont facultatifs."])
      ]),
      element("div", { "class": "maillage-finder__facets" }, fieldsets),
      element("div", { "class": "maillage-finder__results" }, [status, clear])
    ]);
    var results = element("div", { "class": "maillage-finder__cards" });
    var shownNote = element("p", { "class": "maillage-finder__shown" });
    var more = element("button", { type: "button", "class": "md-button maillage-finder__more" });
    var next = element("div", { "class": "maillage-finder__next" }, [shownNote, more]);
    next.hidden = true;

    function chosen() {
      return facets.map(function (_, f) {
        return new Set(boxes.filter(function (b) { return b.facet === f && b.box.checked; })
          .map(function (b) { return b.position; }));
      });
    }

    function address(selection) {
      var parts = facets.map(function (facet, f) {
        var codes = facet.values.filter(function (_, p) { return selection[f].has(p); })
          .map(function (value) { return encodeURIComponent(value[0]); });
        return codes.length ? facet.key + "=" + codes.join(",") : "";
      });
      if (words.value.trim()) parts.push(TEXT_KEY + "=" + encodeURIComponent(words.value.trim()));
      var query = parts.filter(Boolean).join("&");
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    /* Without Pagefind, words are looked for in each card's title, summary and values: every
       text file is read, once. */
    function readAll() {
      return texts.load(cards.map(function (card) { return card.order; })).then(function () {
        cards.forEach(function (card) {
          if (card.text !== undefined) return;
          var text = texts.of(card.order);
          var labels = [];
          card.values.forEach(function (positions, f) {
            positions.forEach(function (p) { labels.push(facets[f].values[p][1]); });
          });
          card.text = fold(text.title + " " + text.summary + " " + labels.join(" "));
        });
      });
    }

    /* The best matches first: sections by their best card, cards within their section by
       score; the reading order when no words are typed. */
    function ordered(matches, scores) {
      if (!scores) return matches;
      function score(card) { return scores.get(card.id) || 0; }
      var best = {};
      matches.forEach(function (card) { best[card.section] = Math.max(best[card.section] || 0, score(card)); });
      return matches.slice().sort(function (a, b) {
        return best[b.section] - best[a.section] || a.section - b.section || score(b) - score(a) || a.order - b.order;
      });
    }

    var asked = 0;  /* the latest update: an older answer arriving late is dropped */
    var answered = 0;  /* the latest update shown */
    function update() {
      var selection = chosen();
      var ticket = ++asked;
      results.setAttribute("aria-busy", "true");  /* until its cards are drawn */
      var text = words.value;
      var ranking = searchWords(text).length ? rank(text, cards.length) : Promise.resolve(null);
      ranking.then(function (scores) {
        var typed = scores ? [] : wordsOf(text);
        return (typed.length ? readAll() : Promise.resolve()).then(function () {
          if (ticket !== asked) return;
          answered = ticket;
          show(selection, scores, typed);
        });
      }).catch(failed);
    }

    function show(selection, scores, typed) {
      var fits = cards.map(function (card) {
        return facets.map(function (_, f) {
          return !selection[f].size || card.values[f].some(function (p) { return selection[f].has(p); });
        });
      });
      var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      var matches = [], phaseless = 0;
      cards.forEach(function (card, c) {
        var saysIt = scores ? scores.has(card.id)
          : typed.every(function (word) { return card.text.indexOf(word) !== -1; });
        var misses = fits[c].filter(function (fit) { return !fit; }).length;
        if (saysIt && !misses) matches.push(card);
        if (saysIt && misses === 1 && !fits[c][PHASE] && !card.values[PHASE].length) phaseless += 1;
        /* A value's count: the cards shown if it were the only value ticked in its facet. */
        if (saysIt && misses <= 1) {
          card.values.forEach(function (positions, f) {
            if (!misses || !fits[c][f]) positions.forEach(function (p) { counts[f][p] += 1; });
          });
        }
      });
      boxes.forEach(function (b) { b.count.textContent = "(" + counts[b.facet][b.position] + ")"; });
      var found = matches.length;
      status.textContent = !found ? "Aucune fiche ne correspond : retirez un filtre ou un mot."
        : found === cards.length ? "Les " + found + " fiches correspondent."
        : found + " " + plural(found, "fiche", "fiches") + " sur " + cards.length + " "
          + plural(found, "correspond.", "correspondent.");
      /* A card without a phase holds at every stage: say that the phase filter hides it too. */
      if (phaseless) status.textContent += " Le filtre Phase masque aussi " + phaseless + " "
        + plural(phaseless, "fiche sans phase, valable", "fiches sans phase, valables") + " à tout moment.";
      history.replaceState(history.state, "", address(selection));
      display(ordered(matches, scores));
    }

    /* The cards on screen: the first page of `current`, then one more page at each "Voir plus". */
    var current = [], shown = 0, group = null, drawn = 0;

    function display(list) {
      current = list;
      next.hidden = true;  /* until the new list is drawn: "Voir plus" would add to the old one */
      var upTo = pageSize;
      var at = wanted === null ? -1 : list.map(function (card) { return card.id; }).indexOf(wanted);
      if (at !== -1) upTo = (Math.floor(at / pageSize) + 1) * pageSize;
      var target = at === -1 ? null : "fiche-" + wanted;
      wanted = null;
      return extend(upTo, true).then(function () {
        var item = target && document.getElementById(target);
        if (item) item.scrollIntoView();
      });
    }

    /* Shows `count` more cards of `current` (instead of those on screen, when `fresh`) once
       their texts are loaded; the first new card's item, or null. */
    function extend(count, fresh) {
      var ticket = ++drawn;
      results.setAttribute("aria-busy", "true");
      function done() {
        if (ticket === drawn && answered === asked) results.removeAttribute("aria-busy");
      }
      var from = fresh ? 0 : shown;
      var coming = current.slice(from, from + count);
      return texts.load(coming.map(function (card) { return card.order; })).then(function () {
        if (ticket !== drawn) return null;
        if (fresh) {
          results.textContent = "";
          group = null;
        }
        var first = null;
        coming.forEach(function (card) {
          if (!group || group.section !== card.section) {
            var list = element("ul");
            results.appendChild(element("section", { "class": "maillage-finder__group" },
              [element("h2", {}, [data.sections[card.section][0]]), list]));
            group = { section: card.section, list: list };
          }
          var text = texts.of(card.order);
          var title = element("strong", {}, [text.title]);
          var item = element("li", { id: "fiche-" + card.id },
            [text.href ? element("a", { href: text.href }, [title]) : title, element("br"), text.summary]);
          group.list.appendChild(item);
          first = first || item;
        });
        shown = from + coming.length;
        var left = current.length - shown;
        next.hidden = !left;
        shownNote.textContent = shown + " " + plural(shown, "fiche affichée", "fiches affichées") + " sur " + current.length + ".";
        more.textContent = "Voir " + Math.min(pageSize, left) + " " + plural(Math.min(pageSize, left), "fiche", "fiches") + " de plus";
        done();
        return first;
      }, function (error) {
        if (ticket === drawn) failed(error);
        done();
        return null;
      });
    }

    function failed(error) {
      console.warn("Maillage : fiches indisponibles", error);
      results.removeAttribute("aria-busy");
      results.textContent = "";
      next.hidden = true;
      results.appendChild(element("p", { "class": "maillage-finder__error" },
        ["Les fiches n'ont pas pu être chargées. Rechargez la page une fois connecté."]));
    }

    var params = new URLSearchParams(location.search);
    boxes.forEach(function (b) {
      var codes = (params.get(facets[b.facet].key) || "").split(",");
      b.box.checked = codes.indexOf(b.box.value) !== -1;
    });
    words.value = params.get(TEXT_KEY) || "";

    var typing;
    form.addEventListener("change", update);
    words.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(update, TYPING_DELAY);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      update();
    });
    clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.box.checked = false; });
      words.value = "";
      update();
      words.focus();
    });
    window.addEventListener("hashchange", function () {
      wanted = root.isConnected ? named() : null;
      if (wanted !== null) display(current);
    });
    /* Keyboard and screen reader users go on from the first card just added. */
    more.addEventListener("click", function () {
      extend(pageSize, false).then(function (first) {
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
    });

    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(form);
    root.appendChild(results);
    root.appendChild(next);
    update();
  }

  function start() {
    var root = document.getElementById(ROOT_ID);
    if (!root || root.hasAttribute(STARTED)) return;
    root.setAttribute(STARTED, "");
    var data = new URL(DATA_URL, document.baseURI);
    json(data.href)
      .then(function (loaded) { build(root, loaded, data); })
      .catch(function (error) {
        /* What the page says without JavaScript stays: where the cards are. */
        console.warn("Maillage : filtres indisponibles", error);
      });
  }

  /* Material's document$ emits on every page, with or without its instant navigation. */
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else start();
})();
