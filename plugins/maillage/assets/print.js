/* Maillage: what printing needs in the browser. Every page loads this file; each part acts
   only where its markup is (print.css does the layout). */
(() => {
  "use strict";

  // "Imprimer" buttons open the browser's print dialog for the page as it is.
  document.addEventListener("click", (event) => {
    if (event.target.closest(".maillage-print-button")) {
      event.preventDefault();
      window.print();
    }
  });

  // A print page links its PDF only once `make pdf` has written it next to the site.
  for (const link of document.querySelectorAll("a.maillage-pdf-link[hidden]")) {
    fetch(link.href, { method: "HEAD" }).then((response) => {
      link.hidden = !response.ok;
    }, () => {});
  }

  // Deck backs: lower the text size of the steps until they fit their face, down to a size
  // still readable; past it, say that the rest is online (the QR code leads there).
  const SMALLEST_PT = 6;
  const STEP_PT = 0.25;
  for (const steps of document.querySelectorAll(".maillage-deck__steps")) {
    let size = parseFloat(getComputedStyle(steps).fontSize) * 0.75; // px → pt
    while (steps.scrollHeight > steps.clientHeight && size > SMALLEST_PT) {
      size -= STEP_PT;
      steps.style.fontSize = `${size}pt`;
    }
    steps.classList.toggle("maillage-deck__steps--clipped", steps.scrollHeight > steps.clientHeight);
  }

  // On paper, a relative link of a web page prints the full address it leads to.
  window.addEventListener("beforeprint", () => {
    const links = document.querySelectorAll(
      ".md-content a[href]:not([href^='#']):not([href^='http']):not(.headerlink):not(.md-tag)");
    for (const link of links) {
      link.dataset.maillageUrl = link.href;
    }
  });
})();
