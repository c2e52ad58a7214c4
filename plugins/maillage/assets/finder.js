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
 */
(function () {
  "use strict";

  var ROOT_ID = "maillage-finder";
  var DATA_URL = "fiches.json";
  var TEXT_KEY = "texte";
  var TYPING_DELAY = 250;

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
    var cards = data.cards.map(function (row) {
      var item = document.getElementById("fiche-" + row[0]);
      var values = row.slice(1);
      var labels = [];
      values.forEach(function (positions, f) {
        positions.forEach(function (p) { labels.push(facets[f].values[p][1]); });
      });
      return item && { item: item, values: values, text: fold(item.textContent + " " + labels.join(" ")) };
    }).filter(Boolean);
    var groups = Array.prototype.slice.call(document.querySelectorAll(".maillage-finder__group"));

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

    function update() {
      var selection = chosen();
      var typed = wordsOf(words.value);
      var fits = cards.map(function (card) {
        return facets.map(function (_, f) {
          return !selection[f].size || card.values[f].some(function (p) { return selection[f].has(p); });
        });
      });
      var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      var shown = 0;
      cards.forEach(function (card, c) {
        var saysIt = typed.every(function (word) { return card.text.indexOf(word) !== -1; });
        var misses = fits[c].filter(function (fit) { return !fit; }).length;
        card.item.hidden = !(saysIt && !misses);
        if (!card.item.hidden) shown += 1;
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
