/* Maillage: page numbers in a print document's contents, for its PDF.
 *
 * Chromium cannot number the contents itself (no CSS target-counter), so `make pdf` prints each
 * document twice (printing/outline.py): the first PDF tells on which page each card, case and
 * appendix landed; the second is printed from the page's address followed by
 * #maillage-pages=fiche-x:3,fiche-y:5, and this script writes each number beside its entry.
 * Anchors and numbers only (validated ids, digits), written with textContent. Anywhere else, it
 * does nothing.
 */
(() => {
  "use strict";

  const PREFIX = "#maillage-pages=";
  if (!location.hash.startsWith(PREFIX)) return;
  const pages = new Map(location.hash.slice(PREFIX.length).split(",")
    .map((pair) => pair.split(":"))
    .filter((pair) => pair.length === 2 && /^\d+$/.test(pair[1])));
  for (const link of document.querySelectorAll(".maillage-print-contents li > a[href^='#']")) {
    const page = pages.get(link.getAttribute("href").slice(1));
    if (page === undefined) continue;
    const number = document.createElement("span");
    number.className = "maillage-print-contents__page";
    number.textContent = page;
    link.parentElement.classList.add("maillage-print-contents__numbered");
    link.after(number);
  }
})();
