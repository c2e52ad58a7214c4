/* Maillage: the finder of the "Trouver une pratique" page (trouver/).
 *
 * Loaded on every page, like every asset of the plugin: it does nothing unless the page holds
 * the finder's root element. That page already lists every card, so it works without
 * JavaScript; this script adds the filters above the list: words, then type, phase, actors and
 * themes, several values at once (any ticked value within a facet, every facet together). It
 * reads each card's values from fiches.json next to the page, shows beside each value how many
 * cards ticking it would leave, hides the other cards, announces how many remain, and keeps the
 * choices in the address (?phase=launch&themes=financement,animation&texte=subvention) so that
 * a view can be reloaded or shared.
 *
 * Readers describe a situation ("notre réseau ne vit que de la subvention"), so the words are
 * answered by the header search's own index (Pagefind: French stems, accents, the card's whole
 * text), one word at a time, and cards are ranked by how well they match instead of having to
 * hold every word: a word found in almost every card ("nous", "de", "réseau") or in none
 * ("voulons") does not decide, and a card must hold at least half of the other words. Where the
 * site has no Pagefind index, the words are looked for in each card's title and summary.
 */
(function () {
  "use strict";

  var ROOT_ID = "maillage-finder";
  var DATA_URL = "fiches.json";
  var TEXT_KEY = "texte";
  var TYPING_DELAY = 250;
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

  function build(root, data) {
    var facets = data.facets;
    var cards = data.cards.map(function (row, order) {
      var item = document.getElementById("fiche-" + row[0]);
      var values = row.slice(1);
      var labels = [];
      values.forEach(function (positions, f) {
        positions.forEach(function (p) { labels.push(facets[f].values[p][1]); });
      });
      return item && { id: row[0], order: order, item: item, values: values,
                       text: fold(item.textContent + " " + labels.join(" ")) };
    }).filter(Boolean);
    var groups = Array.prototype.slice.call(document.querySelectorAll(".maillage-finder__group"));
    var lists = cards.map(function (card) { return card.item.parentNode; })
      .filter(function (list, position, all) { return all.indexOf(list) === position; });
    var groupsEnd = groups.length ? groups[groups.length - 1].nextSibling : null;
    var PHASE = facets.map(function (facet) { return facet.key; }).indexOf("phase");

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

    /* The best matches first: cards within their section, sections by their best card; the
       page's own order when no words are typed. */
    function reorder(scores) {
      function score(card) { return scores ? scores.get(card.id) || 0 : 0; }
      function byScore(a, b) { return score(b) - score(a) || a.order - b.order; }
      lists.forEach(function (list) {
        cards.filter(function (card) { return card.item.parentNode === list; }).sort(byScore)
          .forEach(function (card) { list.appendChild(card.item); });
      });
      var best = groups.map(function (group, position) {
        var top = cards.filter(function (card) { return group.contains(card.item) && !card.item.hidden; })
          .reduce(function (high, card) { return Math.max(high, score(card)); }, 0);
        return { group: group, top: top, position: position };
      }).sort(function (a, b) { return b.top - a.top || a.position - b.position; });
      if (groups.length) best.forEach(function (entry) { groups[0].parentNode.insertBefore(entry.group, groupsEnd); });
    }

    var asked = 0;  /* the latest update: an older answer arriving late is dropped */
    function update() {
      var selection = chosen();
      var ticket = ++asked;
      var text = words.value;
      var ranking = searchWords(text).length ? rank(text, cards.length) : Promise.resolve(null);
      ranking.then(function (scores) {
        if (ticket === asked) show(selection, scores, text);
      });
    }

    function show(selection, scores, text) {
      var typed = scores ? [] : wordsOf(text);
      var fits = cards.map(function (card) {
        return facets.map(function (_, f) {
          return !selection[f].size || card.values[f].some(function (p) { return selection[f].has(p); });
        });
      });
      var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      var shown = 0, phaseless = 0;
      cards.forEach(function (card, c) {
        var saysIt = scores ? scores.has(card.id)
          : typed.every(function (word) { return card.text.indexOf(word) !== -1; });
        var misses = fits[c].filter(function (fit) { return !fit; }).length;
        card.item.hidden = !(saysIt && !misses);
        if (!card.item.hidden) shown += 1;
        if (saysIt && misses === 1 && !fits[c][PHASE] && !card.values[PHASE].length) phaseless += 1;
        /* A value's count: the cards shown if it were the only value ticked in its facet. */
        if (saysIt && misses <= 1) {
          card.values.forEach(function (positions, f) {
            if (!misses || !fits[c][f]) positions.forEach(function (p) { counts[f][p] += 1; });
          });
        }
      });
      boxes.forEach(function (b) { b.count.textContent = "(" + counts[b.facet][b.position] + ")"; });
      groups.forEach(function (group) { group.hidden = !group.querySelector("li[id^='fiche-']:not([hidden])"); });
      status.textContent = !shown ? "Aucune fiche ne correspond : retirez un filtre ou un mot."
        : shown === cards.length ? "Les " + shown + " fiches sont affichées."
        : shown + " " + plural(shown, "fiche", "fiches") + " sur " + cards.length + " "
          + plural(shown, "correspond.", "correspondent.");
      /* A card without a phase holds at every stage: say that the phase filter hides it too. */
      if (phaseless) status.textContent += " Le filtre Phase masque aussi " + phaseless + " "
        + plural(phaseless, "fiche sans phase, valable", "fiches sans phase, valables") + " à tout moment.";
      reorder(scores);
      history.replaceState(history.state, "", address(selection));
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

    root.appendChild(form);
    update();
  }

  function start() {
    var root = document.getElementById(ROOT_ID);
    if (!root || root.childElementCount) return;
    fetch(DATA_URL)
      .then(function (response) {
        if (!response.ok) throw new Error(DATA_URL + " : " + response.status);
        return response.json();
      })
      .then(function (data) { build(root, data); })
      .catch(function (error) {
        /* The full list stays on the page: the reader loses the filters, not the cards. */
        console.warn("Maillage : filtres indisponibles", error);
      });
  }

  /* Material's document$ emits on every page, with or without its instant navigation. */
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else start();
})();
