/* Maillage: workshops for trainers (atelier/). Every page loads this file; each part acts only
   where its markup is:

   - on a card page, a section page and the finder: "Ajouter à mon atelier" buttons;
   - on atelier/ (#maillage-atelier): the builder, which orders the cards, their durations and
     notes, and links the three documents;
   - on atelier/programme/, livret/, cartes/ (#maillage-atelier-document): the document, composed
     from atelier/fiches/, where the build put every card in print form.

   The workshop lives in the address (after "#": never sent to the server) and in local storage.
   Everything read from the address is untrusted: card ids are kept only if atelier/fiches.json
   lists them, lengths and numbers are bounded. Card text reaches the page only as clones of the
   site's own sanitised HTML or through textContent; the trainer's title and notes only through
   textContent. No HTML is ever built from a string. */
(() => {
  "use strict";

  const STORAGE_KEY = "maillage-atelier";
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
  const MAX_CARDS = 60;
  const MAX_TITLE = 120;
  const MAX_NOTE = 300;
  const MAX_MINUTES = 480;
  const DEFAULT_MINUTES = 20;
  const PER_SHEET = 4;
  const COLUMNS = 2;

  // ---- The site and its cards ------------------------------------------------------------

  /** The site's root, from Material's configuration block (its "base" is relative to the page). */
  function siteRoot() {
    let base = ".";
    try {
      base = JSON.parse(document.getElementById("__config").textContent).base || ".";
    } catch (error) {
      // A page without Material's configuration: assume it sits at the root.
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  const ROOT = siteRoot();
  let catalogue = null;

  /** atelier/fiches.json, fetched once: the only card ids this script accepts. */
  function loadCatalogue() {
    if (!catalogue) {
      catalogue = fetch(new URL("atelier/fiches.json", ROOT)).then((response) => {
        if (!response.ok) {
          throw new Error(`atelier/fiches.json : ${response.status}`);
        }
        return response.json();
      }).then((data) => {
        const cards = new Map();
        for (const [id, title, section, url, sources, terms] of data.fiches) {
          cards.set(id, { id, title, section: data.rubriques[section], url, sources, terms });
        }
        return { name: data.nom, site: data.site, cards, kits: data.ateliers };
      });
    }
    return catalogue;
  }

  /** The card id of a link to a card page (…/fiches/<id>/), or null. */
  function cardIdOf(href) {
    const url = new URL(href, window.location.href);
    if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) {
      return null;
    }
    const match = /^fiches\/([a-z0-9-]+)\/(?:index\.html)?$/.exec(url.pathname.slice(ROOT.pathname.length));
    return match ? match[1] : null;
  }

  // ---- A workshop, to and from text ----------------------------------------------------------

  function emptyWorkshop() {
    return { title: "", date: "", start: "09:00", cards: [] };
  }

  function clip(text, length) {
    return String(text).replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, length);
  }

  function minutesOf(value) {
    const minutes = Number.parseInt(value, 10);
    return Number.isFinite(minutes) ? Math.min(Math.max(minutes, 0), MAX_MINUTES) : DEFAULT_MINUTES;
  }

  /** The text after "#": titre, date, debut and one f=<id>.<minutes>.<note> per card, in order. */
  function serialise(workshop) {
    const params = new URLSearchParams();
    if (workshop.title) params.set("titre", workshop.title);
    if (workshop.date) params.set("date", workshop.date);
    if (workshop.start) params.set("debut", workshop.start);
    for (const card of workshop.cards) {
      params.append("f", card.note ? `${card.id}.${card.minutes}.${card.note}` : `${card.id}.${card.minutes}`);
    }
    return params.toString();
  }

  /** Whether an address's fragment holds a workshop (not a heading's anchor such as #imprimer). */
  function holdsWorkshop(text) {
    const params = new URLSearchParams(text.replace(/^#/, ""));
    return ["f", "titre", "date", "debut"].some((key) => params.has(key));
  }

  /** A workshop from untrusted text, keeping only what is valid: known cards, once each. */
  function parse(text, cards) {
    const params = new URLSearchParams(String(text).replace(/^#/, ""));
    const workshop = emptyWorkshop();
    workshop.title = clip(params.get("titre") || "", MAX_TITLE);
    const date = params.get("date") || "";
    workshop.date = DATE.test(date) ? date : "";
    const start = params.get("debut") || "";
    workshop.start = TIME.test(start) ? start : "09:00";
    for (const value of params.getAll("f")) {
      const [id, minutes, ...note] = value.split(".");
      if (!ID.test(id) || !cards.has(id) || workshop.cards.some((card) => card.id === id)) {
        continue;
      }
      if (workshop.cards.length >= MAX_CARDS) {
        break;
      }
      workshop.cards.push({ id, minutes: minutesOf(minutes), note: clip(note.join("."), MAX_NOTE) });
    }
    return workshop;
  }

  function stored() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || "";
    } catch (error) {
      return ""; // storage refused (private browsing, policy): the address still holds the workshop
    }
  }

  function store(workshop) {
    try {
      if (workshop.cards.length || workshop.title) {
        window.localStorage.setItem(STORAGE_KEY, serialise(workshop));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // As above: nothing to do.
    }
  }

  /** The workshop of this page: its address first (a shared link), else the one kept here. */
  function currentWorkshop(cards) {
    const hash = window.location.hash;
    return parse(holdsWorkshop(hash) ? hash : stored(), cards);
  }

  // ---- Times ---------------------------------------------------------------------------

  function clock(minutes) {
    const day = ((minutes % 1440) + 1440) % 1440;
    return `${String(Math.floor(day / 60)).padStart(2, "0")}:${String(day % 60).padStart(2, "0")}`;
  }

  function startMinutes(workshop) {
    const [hours, minutes] = workshop.start.split(":").map(Number);
    return hours * 60 + minutes;
  }

  /** Each card's start and end, in minutes of the day. */
  function timetable(workshop) {
    let time = startMinutes(workshop);
    return workshop.cards.map((card) => {
      const slot = { start: time, end: time + card.minutes };
      time = slot.end;
      return slot;
    });
  }

  function duration(minutes) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (!hours) return `${rest} min`;
    return rest ? `${hours} h ${String(rest).padStart(2, "0")}` : `${hours} h`;
  }

  function total(workshop) {
    return workshop.cards.reduce((sum, card) => sum + card.minutes, 0);
  }

  function frenchDate(date) {
    if (!DATE.test(date)) return "";
    const day = new Date(`${date}T12:00:00Z`);
    if (Number.isNaN(day.getTime())) return "";
    return new Intl.DateTimeFormat("fr-FR", {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    }).format(day);
  }

  function plural(count, one, many) {
    return `${count} ${count > 1 ? many : one}`;
  }

  // ---- DOM helpers: text only ----------------------------------------------------------------

  function element(tag, properties = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(properties)) {
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name in node) node[name] = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child); // strings become text nodes
    }
    return node;
  }

  /** Text for screen readers only: a button's full name ("Monter « titre »"). */
  function hidden(text) {
    return element("span", { className: "maillage-atelier-sr", text });
  }

  function liveRegion() {
    let region = document.getElementById("atelier-annonce");
    if (!region) {
      region = element("p", { id: "atelier-annonce", className: "maillage-atelier-sr", role: "status" });
      region.setAttribute("aria-live", "polite");
      document.body.append(region);
    }
    return region;
  }

  function announce(text) {
    const region = liveRegion();
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50); // a change screen readers notice
  }

  /** Replace, in the first text node of `node` that matches, the match of `pattern` by `value`. */
  function replaceText(node, pattern, value) {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (pattern.test(text.data)) {
        text.data = text.data.replace(pattern, value);
        return;
      }
    }
  }

  /** `{ title, date, start, cards }` as the trainer typed it, or "Atelier". */
  function titleOf(workshop) {
    return workshop.title || "Atelier";
  }

  // ---- "Ajouter à mon atelier", on card pages, section pages and the finder --------------

  function addButtons(known) {
    const article = document.querySelector("article");
    if (!article || document.getElementById("maillage-atelier") ||
        document.getElementById("maillage-atelier-document")) {
      return;
    }
    // The finder draws its cards a page at a time, after this runs: each gets its button as it comes.
    const finder = document.getElementById("maillage-finder");
    const places = [];
    // A card page: its own actions ("Imprimer cette fiche").
    const own = cardIdOf(window.location.href);
    const actions = article.querySelector(".maillage-print-actions");
    if (own && known.has(own) && actions && actions.querySelector(".maillage-print-button")) {
      places.push({ id: own, parent: actions.querySelector("p") || actions, small: false });
    }
    // A section page or the finder: each card of the list, "[**title**](page)", once.
    const listed = (scope) => {
      const found = [];
      for (const link of scope.querySelectorAll("li > a[href]:first-child")) {
        const id = cardIdOf(link.href);
        if (id && known.has(id) && link.querySelector("strong") &&
            !link.parentElement.querySelector(".maillage-atelier-add")) {
          found.push({ id, parent: link.parentElement, small: true });
        }
      }
      return found;
    };
    if (actions && !actions.querySelector(".maillage-print-button")) places.push(...listed(article));
    if (!places.length && !finder) return;
    const buttons = [];
    const refresh = () => {
      const workshop = parse(stored(), known);
      const chosen = new Set(workshop.cards.map((card) => card.id));
      for (const { button, id } of buttons) {
        const held = chosen.has(id);
        button.setAttribute("aria-pressed", String(held));
        button.querySelector(".maillage-atelier-add__verb").textContent = held ? "Retirer" : "Ajouter";
        button.querySelector(".maillage-atelier-add__place").textContent = held ? " de mon atelier" : " à mon atelier";
      }
      for (const link of document.querySelectorAll(".maillage-atelier-add__count")) {
        link.textContent = `Mon atelier (${plural(workshop.cards.length, "fiche", "fiches")})`;
      }
    };
    const add = ({ id, parent, small }) => {
      const title = known.get(id).title;
      const button = element("button", {
        type: "button",
        className: `md-button maillage-atelier-add${small ? " maillage-atelier-add--small" : ""}`,
      }, [
        // The name starts with what is shown ("Ajouter à mon atelier"), then the card, for
        // screen readers that list a section's many buttons out of context.
        element("span", { className: "maillage-atelier-add__verb" }),
        element("span", { className: "maillage-atelier-add__place" }),
        hidden(` : « ${title} »`),
      ]);
      button.addEventListener("click", () => {
        const workshop = parse(stored(), known);
        const index = workshop.cards.findIndex((card) => card.id === id);
        if (index >= 0) {
          workshop.cards.splice(index, 1);
          announce(`« ${title} » retirée de votre atelier (${plural(workshop.cards.length, "fiche", "fiches")}).`);
        } else if (workshop.cards.length < MAX_CARDS) {
          workshop.cards.push({ id, minutes: DEFAULT_MINUTES, note: "" });
          announce(`« ${title} » ajoutée à votre atelier (${plural(workshop.cards.length, "fiche", "fiches")}).`);
        }
        store(workshop);
        refresh();
      });
      parent.append(small ? " " : "", button);
      buttons.push({ button, id });
    };
    places.forEach(add);
    if (finder) {
      const more = () => {
        // The cards of a former view are gone from the page: forget their buttons.
        for (let index = buttons.length - 1; index >= 0; index -= 1) {
          if (!buttons[index].button.isConnected) buttons.splice(index, 1);
        }
        const coming = listed(finder);
        coming.forEach(add);
        if (coming.length) refresh();
      };
      new MutationObserver(more).observe(finder, { childList: true, subtree: true });
      more();
    }
    // Next to the page's print buttons (a card or a section page): the way to the workshop.
    if (actions) {
      (actions.querySelector("p") || actions).append(" ",
        element("a", { className: "maillage-atelier-add__count", href: new URL("atelier/", ROOT).href }));
    }
    refresh();
    window.addEventListener("storage", (event) => {
      if (event.key === STORAGE_KEY) refresh();
    });
  }

  // ---- The builder (atelier/) ------------------------------------------------------------

  function builder(root, data) {
    const known = data.cards;
    let workshop = currentWorkshop(known);
    const list = document.getElementById("atelier-fiches");
    const fields = {
      title: document.getElementById("atelier-titre"),
      date: document.getElementById("atelier-date"),
      start: document.getElementById("atelier-debut"),
    };
    const choice = document.getElementById("atelier-choix");
    const summary = document.getElementById("atelier-resume");

    // The choice of cards, section by section.
    choice.append(element("option", { value: "", text: "Choisir une fiche…" }));
    const groups = new Map();
    for (const card of known.values()) {
      const [slug, sectionTitle] = card.section;
      if (!groups.has(slug)) {
        groups.set(slug, element("optgroup", { label: sectionTitle }));
        choice.append(groups.get(slug));
      }
      groups.get(slug).append(element("option", { value: card.id, text: card.title }));
    }

    /** The address, the storage and the links to the documents follow every change. */
    function save() {
      const text = serialise(workshop);
      const address = new URL(window.location.href);
      address.hash = workshop.cards.length || workshop.title ? text : "";
      window.history.replaceState(null, "", address.href.replace(/#$/, ""));
      store(workshop);
      for (const link of document.querySelectorAll("a[id^='atelier-document-']")) {
        const slug = link.id.slice("atelier-document-".length);
        link.href = new URL(`atelier/${slug}/#${text}`, ROOT).href;
      }
      const times = timetable(workshop);
      for (const [index, item] of [...list.children].entries()) {
        const slot = times[index];
        item.querySelector(".maillage-atelier__time").textContent = `${clock(slot.start)} – ${clock(slot.end)}`;
      }
      summary.textContent = workshop.cards.length
        ? `${plural(workshop.cards.length, "fiche", "fiches")} · ${duration(total(workshop))} · de ${workshop.start} à ${clock(startMinutes(workshop) + total(workshop))}`
        : "Votre atelier est vide : ajoutez des fiches ci-dessus, ou partez d'un atelier tout prêt.";
    }

    function button(text, title, action, disabled) {
      const node = element("button", { type: "button", className: "md-button maillage-atelier__move" },
        [text, hidden(` « ${title} »`)]);
      node.dataset.action = action;
      node.disabled = disabled;
      return node;
    }

    /** The list, written again from the workshop; `focus` = [card id, action] to focus after. */
    function render(focus) {
      list.replaceChildren();
      const count = workshop.cards.length;
      workshop.cards.forEach((card, index) => {
        const { title, section, url } = known.get(card.id);
        const item = element("li", { className: "maillage-atelier__card" });
        item.dataset.id = card.id;
        item.append(
          element("p", { className: "maillage-atelier__heading" }, [
            element("span", { className: "maillage-atelier__time" }),
            " ",
            element("a", { href: new URL(url, ROOT).href, text: title }),
            " ",
            element("span", { className: "maillage-atelier__section", text: section[1] }),
          ]),
          element("p", { className: "maillage-atelier__card-fields" }, [
            element("label", { htmlFor: `atelier-duree-${card.id}`, text: "Durée (minutes)" }),
            element("input", {
              id: `atelier-duree-${card.id}`, type: "number", min: "0", max: String(MAX_MINUTES), step: "5",
              value: String(card.minutes), className: "maillage-atelier__minutes",
            }),
            element("label", { htmlFor: `atelier-note-${card.id}`, text: "Note" }),
            element("input", {
              id: `atelier-note-${card.id}`, type: "text", maxLength: MAX_NOTE, value: card.note,
              className: "maillage-atelier__note", autocomplete: "off",
            }),
          ]),
          element("p", { className: "maillage-atelier__actions" }, [
            button("Monter", title, "monter", index === 0),
            button("Descendre", title, "descendre", index === count - 1),
            button("Retirer", title, "retirer", false),
          ]),
        );
        list.append(item);
      });
      save();
      if (focus) {
        const [id, action] = focus;
        const item = [...list.children].find((node) => node.dataset.id === id);
        const target = item && (item.querySelector(`[data-action='${action}']:not(:disabled)`) ||
          item.querySelector("[data-action]:not(:disabled)"));
        (target || choice).focus();
      }
    }

    function fill() {
      fields.title.value = workshop.title;
      fields.date.value = workshop.date;
      fields.start.value = workshop.start;
      render();
    }

    list.addEventListener("input", (event) => {
      const item = event.target.closest("li");
      const card = item && workshop.cards.find((entry) => entry.id === item.dataset.id);
      if (!card) return;
      if (event.target.classList.contains("maillage-atelier__minutes")) {
        card.minutes = event.target.value === "" ? 0 : minutesOf(event.target.value);
      } else if (event.target.classList.contains("maillage-atelier__note")) {
        card.note = clip(event.target.value, MAX_NOTE);
      }
      save();
    });

    list.addEventListener("click", (event) => {
      const target = event.target.closest("button[data-action]");
      if (!target) return;
      const id = target.closest("li").dataset.id;
      const index = workshop.cards.findIndex((card) => card.id === id);
      const { title } = known.get(id);
      const action = target.dataset.action;
      if (action === "retirer") {
        workshop.cards.splice(index, 1);
        const next = workshop.cards[Math.min(index, workshop.cards.length - 1)];
        render(next ? [next.id, "retirer"] : null);
        if (!next) choice.focus();
        announce(`« ${title} » retirée. ${plural(workshop.cards.length, "fiche", "fiches")}.`);
        return;
      }
      const to = action === "monter" ? index - 1 : index + 1;
      if (to < 0 || to >= workshop.cards.length) return;
      const [card] = workshop.cards.splice(index, 1);
      workshop.cards.splice(to, 0, card);
      render([id, action]);
      announce(`« ${title} » est maintenant en position ${to + 1} sur ${workshop.cards.length}.`);
    });

    document.getElementById("atelier-ajouter").addEventListener("click", () => {
      const id = choice.value;
      if (!known.has(id)) {
        announce("Choisissez d'abord une fiche dans la liste.");
        choice.focus();
        return;
      }
      if (workshop.cards.some((card) => card.id === id)) {
        announce(`« ${known.get(id).title} » est déjà dans votre atelier.`);
        return;
      }
      if (workshop.cards.length >= MAX_CARDS) {
        announce(`Un atelier tient au plus ${MAX_CARDS} fiches.`);
        return;
      }
      workshop.cards.push({ id, minutes: DEFAULT_MINUTES, note: "" });
      render();
      announce(`« ${known.get(id).title} » ajoutée en position ${workshop.cards.length}.`);
    });

    fields.title.addEventListener("input", () => { workshop.title = clip(fields.title.value, MAX_TITLE); save(); });
    fields.date.addEventListener("input", () => {
      workshop.date = DATE.test(fields.date.value) ? fields.date.value : "";
      save();
    });
    fields.start.addEventListener("input", () => {
      if (TIME.test(fields.start.value)) {
        workshop.start = fields.start.value;
        save();
      }
    });

    function open(next, text) {
      workshop = next;
      fill();
      announce(text);
    }

    for (const kitButton of root.querySelectorAll(".maillage-atelier__kit")) {
      kitButton.addEventListener("click", () => {
        const kit = data.kits.find((entry) => entry.id === kitButton.value);
        if (!kit) return;
        const next = emptyWorkshop();
        next.title = clip(kit.titre, MAX_TITLE);
        next.date = workshop.date;
        next.start = TIME.test(kit.debut) ? kit.debut : "09:00";
        next.cards = kit.fiches.filter(([id]) => known.has(id)).slice(0, MAX_CARDS)
          .map(([id, minutes, note]) => ({ id, minutes: minutesOf(minutes), note: clip(note, MAX_NOTE) }));
        open(next, `Atelier « ${next.title} » ouvert : ${plural(next.cards.length, "fiche", "fiches")}.`);
      });
    }

    // A reading path: its page lists the cards in order, each followed by " — why it is there".
    for (const link of root.querySelectorAll(".maillage-atelier__path")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        fetch(link.href).then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        }).then((text) => {
          const page = new DOMParser().parseFromString(text, "text/html");
          const next = emptyWorkshop();
          const heading = page.querySelector("article h1");
          next.title = clip(heading ? heading.textContent.replace(/¶$/, "") : link.textContent, MAX_TITLE);
          next.date = workshop.date;
          next.start = workshop.start;
          for (const item of page.querySelectorAll("article ol > li")) {
            const first = item.querySelector("a[href]");
            const id = first && cardIdOf(new URL(first.getAttribute("href"), link.href).href);
            if (!id || !known.has(id) || next.cards.some((card) => card.id === id)) continue;
            const rest = item.textContent.slice(item.textContent.indexOf(first.textContent) + first.textContent.length);
            next.cards.push({ id, minutes: DEFAULT_MINUTES, note: clip(rest.replace(/^[\s—–-]+/, ""), MAX_NOTE) });
          }
          open(next, `Parcours « ${next.title} » ouvert : ${plural(next.cards.length, "fiche", "fiches")}.`);
        }).catch(() => {
          window.location.href = link.href; // offline: at least show the reading path
        });
      });
    }

    document.getElementById("atelier-copier").addEventListener("click", () => {
      const address = window.location.href;
      const done = () => announce("Lien de l'atelier copié : il suffit de l'envoyer.");
      const failed = () => announce("Copie impossible : copiez l'adresse de la page, elle contient l'atelier.");
      if (navigator.clipboard) navigator.clipboard.writeText(address).then(done, failed);
      else failed();
    });

    document.getElementById("atelier-vider").addEventListener("click", () => {
      open(emptyWorkshop(), "Atelier vidé.");
    });

    // A card added from another tab (its "Ajouter à mon atelier" button) shows here at once,
    // and is not overwritten by this tab's next change.
    window.addEventListener("storage", (event) => {
      if (event.key === STORAGE_KEY && event.newValue !== serialise(workshop)) {
        open(parse(event.newValue || "", known), "Atelier mis à jour depuis un autre onglet.");
      }
    });

    window.addEventListener("hashchange", () => {
      if (holdsWorkshop(window.location.hash)) {
        open(parse(window.location.hash, known), "Atelier chargé depuis l'adresse.");
      }
    });

    for (const note of document.querySelectorAll(".maillage-atelier-nojs")) note.hidden = true;
    root.hidden = false;
    fill();
    keepForOffline();
  }

  // ---- Without a network ---------------------------------------------------------------------

  /** Once the builder is loaded, keep what its documents need: a service worker
      (atelier/hors-ligne.js) answers from this cache when the network does not, so that the
      documents open, and the builder reloads, without a network. Same-origin only. */
  function keepForOffline() {
    if (!("serviceWorker" in navigator) || !("caches" in window) || !window.isSecureContext) {
      return Promise.resolve(false);
    }
    const scope = new URL("atelier/", ROOT);
    return navigator.serviceWorker.register(new URL("atelier/hors-ligne.js", ROOT).href, { scope: scope.pathname })
      .then(() => window.caches.open("maillage-atelier"))
      .then((cache) => {
        const pages = ["atelier/", "atelier/fiches.json", "atelier/fiches/", "atelier/programme/", "atelier/livret/",
          "atelier/cartes/"].map((path) => new URL(path, ROOT).href);
        const assets = performance.getEntriesByType("resource").map((entry) => entry.name)
          .filter((url) => new URL(url).origin === ROOT.origin);
        return Promise.allSettled([...new Set([...pages, ...assets])].map((url) => cache.add(url)));
      })
      .then(() => {
        document.documentElement.dataset.maillageHorsLigne = "pret";
        return true;
      }, () => false);
  }

  // ---- The three documents (atelier/programme/, livret/, cartes/) -----------------------------

  /** `text` as a CSS string, for the running title in the page margins (print.css). */
  function cssString(text) {
    return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f]/g, " ")}"`;
  }

  function agenda(workshop, data) {
    const times = timetable(workshop);
    const end = startMinutes(workshop) + total(workshop);
    const facts = [frenchDate(workshop.date), `${workshop.start} – ${clock(end)}`,
      plural(workshop.cards.length, "fiche", "fiches"), duration(total(workshop))].filter(Boolean);
    const rows = workshop.cards.map((card, index) => {
      const { title, section } = data.cards.get(card.id);
      return element("tr", {}, [
        element("td", { className: "maillage-atelier-agenda__time" }, [
          `${clock(times[index].start)} – ${clock(times[index].end)}`, element("br"),
          element("span", { text: duration(card.minutes) }),
        ]),
        element("td", {}, [
          element("strong", { text: `${index + 1}. ${title}` }), element("br"),
          element("span", { className: "maillage-atelier-agenda__section", text: section[1] }),
        ]),
        element("td", { text: card.note }),
      ]);
    });
    return [element("div", { className: "maillage-atelier-agenda" }, [
      element("p", { className: "maillage-atelier-agenda__site", text: data.name }),
      element("h1", { id: "couverture", text: titleOf(workshop) }),
      element("p", { className: "maillage-atelier-agenda__facts", text: facts.join(" · ") }),
      element("table", { className: "maillage-atelier-agenda__table" }, [
        element("caption", { className: "maillage-atelier-sr", text: "Programme : horaire, fiche et note" }),
        element("thead", {}, [element("tr", {}, ["Horaire", "Fiche", "Note"].map((text) => element("th", { scope: "col", text })))]),
        element("tbody", {}, rows),
      ]),
      element("p", { className: "maillage-atelier-agenda__footer", text: "Livret et cartes de l'atelier : mêmes fiches, même ordre." }),
    ])];
  }

  /** The children of the element `id` of the forms page, cloned into this document. */
  function clone(forms, id) {
    const source = forms.getElementById(id);
    return source ? [...source.childNodes].map((node) => document.importNode(node, true)) : [];
  }

  function handout(workshop, data, forms) {
    const times = timetable(workshop);
    const held = new Set(workshop.cards.map((card) => card.id));
    const sources = new Set(workshop.cards.flatMap((card) => data.cards.get(card.id).sources));
    const terms = new Set(workshop.cards.flatMap((card) => data.cards.get(card.id).terms));
    const facts = [frenchDate(workshop.date), `${workshop.start} – ${clock(startMinutes(workshop) + total(workshop))}`,
      plural(workshop.cards.length, "fiche", "fiches"), `Durée : ${duration(total(workshop))}`].filter(Boolean);
    const nodes = [element("div", { className: "maillage-print-cover" }, [
      element("p", { className: "maillage-print-cover__site", text: data.name }),
      element("h1", { id: "couverture", text: titleOf(workshop) }),
      element("p", { className: "maillage-print-cover__subtitle", text: "Livret de l'atelier" }),
      element("div", { className: "maillage-print-cover__facts" }, [
        element("ul", {}, facts.map((text) => element("li", { text }))),
      ]),
    ])];
    const contents = workshop.cards.map((card, index) => {
      const { title } = data.cards.get(card.id);
      return element("li", {}, [
        element("a", { href: `#fiche-${card.id}`, text: `Fiche ${index + 1} · ${title}` }),
        ` — ${clock(times[index].start)}, ${duration(card.minutes)}`,
      ]);
    });
    const annexes = [];
    if (sources.size) annexes.push(element("li", {}, [element("a", { href: "#sources", text: "Sources citées" })]));
    if (terms.size) annexes.push(element("li", {}, [element("a", { href: "#glossaire", text: "Sigles et termes du glossaire" })]));
    nodes.push(element("div", { className: "maillage-print-contents" }, [
      element("h2", { id: "sommaire", text: "Sommaire" }),
      element("ul", {}, contents),
      ...(annexes.length ? [element("h3", { id: "sommaire-annexes", text: "Annexes" }), element("ul", {}, annexes)] : []),
    ]));
    workshop.cards.forEach((card, index) => {
      const parts = clone(forms, `atelier-livret-${card.id}`);
      const holder = element("div", { className: "maillage-atelier-card" }, parts);
      const kicker = holder.querySelector(".maillage-print-entry");
      if (kicker) replaceText(kicker, /\d+\s*$/, String(index + 1));
      if (card.note) {
        const summary = holder.querySelector(".maillage-summary");
        const note = element("p", { className: "maillage-atelier-note" }, [
          element("strong", { text: "Note de l'animateur : " }), card.note]);
        if (summary) summary.after(note);
      }
      nodes.push(...holder.childNodes);
    });
    if (sources.size) {
      nodes.push(element("h2", { id: "sources", className: "maillage-print-appendix", text: "Sources citées" }));
      for (const wrapper of forms.querySelectorAll("[id^='atelier-source-']")) {
        if (sources.has(wrapper.id.slice("atelier-source-".length))) nodes.push(...clone(forms, wrapper.id));
      }
    }
    if (terms.size) {
      nodes.push(element("h2", { id: "glossaire", className: "maillage-print-appendix", text: "Sigles et termes du glossaire" }));
      for (const wrapper of forms.querySelectorAll("[id^='atelier-terme-']")) {
        if (terms.has(wrapper.id.slice("atelier-terme-".length))) nodes.push(...clone(forms, wrapper.id));
      }
    }
    // Links to what the handout holds become links inside it (the PDF keeps them clickable);
    // the card's own "En ligne" address stays the online one.
    const holder = element("div", {}, nodes);
    for (const link of holder.querySelectorAll("a[href]:not(.maillage-print-url):not(.headerlink)")) {
      const href = link.getAttribute("href");
      if (!href.startsWith(data.site)) continue;
      const path = href.slice(data.site.length);
      const card = /^fiches\/([a-z0-9-]+)\/$/.exec(path);
      const source = /^sources\/#([a-z0-9-]+)$/.exec(path);
      if (card && held.has(card[1])) link.setAttribute("href", `#fiche-${card[1]}`);
      else if (source && sources.has(source[1])) link.setAttribute("href", `#source-${source[1]}`);
    }
    return [...holder.childNodes];
  }

  function deck(workshop, data, forms) {
    const faces = (side) => workshop.cards.map((card, index) => {
      const [face] = clone(forms, `atelier-${side}-${card.id}`).filter((node) => node.nodeType === Node.ELEMENT_NODE);
      if (face) {
        const footer = face.querySelector(".maillage-deck__footer");
        const heading = face.querySelector(".maillage-deck__heading");
        if (footer) replaceText(footer, /\d+\s*$/, String(index + 1));
        if (heading) replaceText(heading, /^\s*Carte \d+/, `Carte ${index + 1}`);
      }
      return face || element("div", { className: "maillage-deck__face maillage-deck__face--empty" });
    });
    const fronts = faces("recto");
    const backs = faces("verso");
    const empty = () => element("div", { className: "maillage-deck__face maillage-deck__face--empty" });
    const sheets = [];
    for (let start = 0; start < fronts.length; start += PER_SHEET) {
      const front = fronts.slice(start, start + PER_SHEET);
      const back = backs.slice(start, start + PER_SHEET);
      while (front.length < PER_SHEET) front.push(empty());
      while (back.length < PER_SHEET) back.push(empty());
      // Flipped on its short edge, a sheet's back has each row reversed (printing/deck.py).
      const mirrored = [];
      for (let row = 0; row < PER_SHEET / COLUMNS; row += 1) {
        mirrored.push(...back.slice(row * COLUMNS, (row + 1) * COLUMNS).reverse());
      }
      sheets.push(element("div", { className: "maillage-deck__sheet" }, front),
        element("div", { className: "maillage-deck__sheet maillage-deck__sheet--backs" }, mirrored));
    }
    const count = workshop.cards.length;
    const sheetCount = Math.ceil(count / PER_SHEET);
    return [
      element("h1", { id: "cartes", className: "maillage-deck__caption", text: `${titleOf(workshop)} — cartes d'atelier` }),
      element("p", {
        className: "maillage-deck__how-to",
        text: `${plural(count, "carte", "cartes")} sur ${plural(sheetCount, "feuille", "feuilles")} A4. Imprimez en recto verso, `
          + "retournement sur le bord court, à la taille réelle (100 %), puis coupez le long des repères : "
          + "chaque verso tombe derrière son recto.",
      }),
      element("div", { className: "maillage-deck" }, sheets),
    ];
  }

  /** As print.js does for the section decks, once the faces are in the page: lower the text size
      of the steps until they fit their face, down to a size still readable. */
  function fitSteps(container) {
    const SMALLEST_PT = 6;
    const STEP_PT = 0.25;
    for (const steps of container.querySelectorAll(".maillage-deck__steps")) {
      let size = parseFloat(getComputedStyle(steps).fontSize) * 0.75;
      while (steps.scrollHeight > steps.clientHeight && size > SMALLEST_PT) {
        size -= STEP_PT;
        steps.style.fontSize = `${size}pt`;
      }
      steps.classList.toggle("maillage-deck__steps--clipped", steps.scrollHeight > steps.clientHeight);
    }
  }

  /** The programme is one A4 page. atelier.css gives it the width of the paper's text (in mm) on
      screen too, so its height here is its height on paper: lower its text size until it fits
      the page's 259 mm, down to a size still readable, as for the deck's steps. */
  function fitAgenda(container) {
    const agenda = container.querySelector(".maillage-atelier-agenda");
    if (!agenda) return;
    const PAGE_PX = (259 - 4) * 96 / 25.4; // less a little for rounding between screen and paper
    const SMALLEST_PT = 6;
    let size = parseFloat(getComputedStyle(agenda).fontSize) * 0.75;
    while (agenda.getBoundingClientRect().height > PAGE_PX && size > SMALLEST_PT) {
      size -= 0.25;
      agenda.style.fontSize = `${size}pt`;
    }
  }

  function composeDocument(container, data) {
    const kind = ["programme", "livret", "cartes"].find((name) => container.classList.contains(`maillage-atelier-document--${name}`));
    const workshop = currentWorkshop(data.cards);
    const text = serialise(workshop);
    const back = document.querySelector(".maillage-print-toolbar__back");
    if (back) back.href = new URL(`atelier/#${text}`, ROOT).href;
    const finish = (nodes) => {
      container.replaceChildren(...nodes);
      if (kind === "cartes") fitSteps(container);
      if (kind === "programme") fitAgenda(container);
      if (kind !== "cartes") {
        document.documentElement.style.setProperty("--maillage-running-title",
          cssString(`${data.name} · ${titleOf(workshop)}`));
      }
      document.title = `${titleOf(workshop)} — ${container.dataset.title || document.title}`;
      container.classList.add("maillage-atelier-document--pret");
    };
    if (!workshop.cards.length) {
      finish([element("div", { className: "maillage-atelier-empty" }, [
        element("h1", { id: "couverture", text: "Atelier vide" }),
        element("p", {}, ["Aucune fiche dans cet atelier. ",
          element("a", { href: new URL("atelier/", ROOT).href, text: "Préparer un atelier" }), "."]),
      ])]);
      return Promise.resolve();
    }
    if (kind === "programme") {
      finish(agenda(workshop, data));
      return Promise.resolve();
    }
    return fetch(new URL("atelier/fiches/", ROOT)).then((response) => {
      if (!response.ok) throw new Error(`atelier/fiches/ : ${response.status}`);
      return response.text();
    }).then((html) => {
      // The site's own page, already sanitised by the build: parsed inert, its nodes cloned.
      const forms = new DOMParser().parseFromString(html, "text/html");
      finish(kind === "livret" ? handout(workshop, data, forms) : deck(workshop, data, forms));
    });
  }

  // ---- Start -------------------------------------------------------------------------------

  const builderRoot = document.getElementById("maillage-atelier");
  const documentRoot = document.getElementById("maillage-atelier-document");
  if (documentRoot) {
    // A workshop has no PDF on the server (it is printed from here): print.js, which runs after
    // this file, must not look for one.
    for (const link of document.querySelectorAll("a.maillage-pdf-link")) link.remove();
  }
  // Elsewhere, only pages that list cards need the data: a card page, a section page, the finder.
  const listsCards = document.querySelector("article .maillage-print-actions, #maillage-finder");
  if (!builderRoot && !documentRoot && !listsCards) return;
  loadCatalogue().then((data) => {
    if (builderRoot) builder(builderRoot, data);
    else if (documentRoot) return composeDocument(documentRoot, data);
    else addButtons(data.cards);
    return null;
  }).catch(() => {
    const where = builderRoot || documentRoot;
    if (where) {
      where.hidden = false;
      where.prepend(element("p", {
        className: "maillage-atelier-error",
        text: "Les fiches de l'atelier n'ont pas pu être chargées. Rechargez la page une fois connecté.",
      }));
    }
  });
})();
