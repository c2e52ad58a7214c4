/* Maillage: the self-diagnostics (diagnostic/<id>/).
 *
 * Loaded on every page, like every asset of the plugin: it does nothing unless the page holds
 * the diagnostic's root element. The page already lists every question, the cards each one
 * points to and, at the bottom, every card with its summary: it prints as a checklist and
 * works without JavaScript. This script adds four answers to each question (oui, en partie,
 * non, je ne sais pas), keeps them in the address (?objectifs=n&animateur=p) so that they can
 * be kept, shared or printed, and lists in the root element the cards for the gaps, the most
 * important first (the weights come from questions.json next to the page). Card text is read
 * from the page with textContent and written with text nodes only: never innerHTML. Nothing is
 * sent anywhere.
 */
(function () {
  "use strict";

  var ROOT_ID = "maillage-diagnostic";
  var DATA_URL = "questions.json";
  var ACTIVE_CLASS = "maillage-diagnostic-js";
  var WORKSHOP_CARDS = 6;  /* a half-day: the six cards most needed */
  var WORKSHOP_MINUTES = 30;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* A card as the page lists it at the bottom: its title, link and summary. */
  function cardOnPage(id) {
    var item = document.getElementById("diagnostic-fiche-" + id);
    var link = item && item.querySelector("a");
    if (!link) return null;
    var title = link.textContent.trim();
    var summary = item.textContent.replace(link.textContent, "").trim();
    return { title: title, href: link.getAttribute("href"), summary: summary };
  }

  function build(root, data) {
    var params = new URLSearchParams(location.search);
    var letters = data.answers.map(function (answer) { return answer[0]; });
    var gaps = {};
    data.answers.forEach(function (answer) { gaps[answer[0]] = answer[2]; });
    var finder = root.querySelector(".maillage-diagnostic__finder");
    var finderHref = finder ? finder.getAttribute("href") : null;
    var workshop = root.querySelector(".maillage-diagnostic__workshop");
    var workshopHref = workshop ? workshop.getAttribute("href") : null;
    var chosen = {};
    var questions = data.questions.filter(function (question) {
      return document.getElementById("question-" + question.id);
    });

    questions.forEach(function (question, index) {
      var item = document.getElementById("question-" + question.id);
      var text = item.querySelector("strong");
      var fieldset = element("fieldset", { "class": "maillage-diagnostic__answer" }, [
        element("legend", { "class": "maillage-diagnostic__legend" },
                ["Votre réponse à la question " + (index + 1)])]);
      var given = params.get(question.id);
      if (letters.indexOf(given) >= 0) chosen[question.id] = given;
      data.answers.forEach(function (answer) {
        var input = element("input", { type: "radio", name: "reponse-" + question.id, value: answer[0] });
        input.checked = chosen[question.id] === answer[0];
        input.addEventListener("change", function () {
          chosen[question.id] = answer[0];
          update();
        });
        fieldset.appendChild(element("label", { "class": "maillage-diagnostic__choice" }, [input, " " + answer[1]]));
      });
      item.insertBefore(fieldset, item.querySelector("small"));
      question.text = text ? text.textContent.trim() : "";
    });

    while (root.firstChild) root.removeChild(root.firstChild);
    var status = element("p", { "class": "maillage-diagnostic__status", role: "status" });
    var list = element("ol", { "class": "maillage-diagnostic__results" });
    var share = element("a", { "class": "maillage-diagnostic__share", href: location.href },
                        ["Adresse de ces réponses (à garder ou partager)"]);
    var reset = element("button", { type: "button", "class": "md-button maillage-diagnostic__reset" },
                        ["Effacer les réponses"]);
    var print = element("button", { type: "button", "class": "md-button maillage-diagnostic__print" },
                        ["Imprimer"]);
    reset.addEventListener("click", function () {
      chosen = {};
      root.ownerDocument.querySelectorAll(".maillage-diagnostic__answer input").forEach(function (input) {
        input.checked = false;
      });
      update();
    });
    print.addEventListener("click", function () { window.print(); });
    root.appendChild(status);
    root.appendChild(list);
    root.appendChild(element("p", { "class": "maillage-diagnostic__actions" }, [share, " ", reset, " ", print]));
    /* The cards for the gaps as a workshop (atelier/): its builder reads them after "#", as
       f=<id>.<minutes>, and keeps only the cards it knows. */
    var toWorkshop = workshopHref ? element("a", { "class": "md-button maillage-diagnostic__to-workshop" },
                                            ["Préparer un atelier avec ces fiches"]) : null;
    if (toWorkshop) {
      toWorkshop.hidden = true;
      root.appendChild(element("p", {}, [toWorkshop]));
    }
    document.documentElement.classList.add(ACTIVE_CLASS);

    function update() {
      var query = new URLSearchParams();
      var scores = {};
      var reasons = {};
      var order = [];
      var answered = 0;
      questions.forEach(function (question) {
        var letter = chosen[question.id];
        if (letter) {
          answered += 1;
          query.set(question.id, letter);
        }
        question.cards.forEach(function (card) {
          if (order.indexOf(card) < 0) order.push(card);
          var gap = letter ? gaps[letter] : 0;
          if (!gap) return;
          scores[card] = (scores[card] || 0) + gap * question.weight;
          (reasons[card] = reasons[card] || []).push(question.text);
        });
      });
      var ranked = Object.keys(scores).sort(function (a, b) {
        return scores[b] - scores[a] || order.indexOf(a) - order.indexOf(b);
      });
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
      share.setAttribute("href", location.href);

      while (list.firstChild) list.removeChild(list.firstChild);
      ranked.forEach(function (id) {
        var card = cardOnPage(id);
        if (!card) return;
        var item = element("li", { "class": "maillage-diagnostic__result", "data-fiche": id }, [
          element("a", { href: card.href, "class": "maillage-diagnostic__card" }, [card.title]),
          element("p", {}, [card.summary]),
          element("p", { "class": "maillage-diagnostic__why" }, ["Pour : " + reasons[id].join(" ; ")])]);
        if (finderHref) {
          item.appendChild(element("p", {}, [element("a", {
            href: finderHref + "#fiche-" + id, "aria-label": "Voir « " + card.title + " » dans Trouver une pratique"
          }, ["Voir dans Trouver une pratique"])]));
        }
        list.appendChild(item);
      });
      if (toWorkshop) {
        var workshopParams = new URLSearchParams();
        workshopParams.set("titre", document.title.split(" - ")[0]);
        ranked.slice(0, WORKSHOP_CARDS).forEach(function (id) { workshopParams.append("f", id + "." + WORKSHOP_MINUTES); });
        toWorkshop.setAttribute("href", workshopHref + "#" + workshopParams.toString());
        toWorkshop.hidden = !ranked.length;
      }
      var total = plural(questions.length, "question", "questions");
      if (!answered) {
        status.textContent = "Répondez aux questions ci-dessus : les fiches à lire s'afficheront ici.";
      } else if (!ranked.length) {
        status.textContent = plural(answered, "réponse", "réponses") + " sur " + total +
          " : aucun manque pour l'instant, aucune fiche à lire en priorité.";
      } else {
        status.textContent = plural(answered, "réponse", "réponses") + " sur " + total + " : " +
          plural(ranked.length, "fiche à lire", "fiches à lire") + ", la plus importante d'abord.";
      }
    }

    update();
  }

  function start() {
    var root = document.getElementById(ROOT_ID);
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    fetch(DATA_URL)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) { build(root, data); })
      .catch(function () { /* the page stays the printable checklist */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
