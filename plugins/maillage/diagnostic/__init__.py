"""Self-diagnostics (« Autodiagnostic », ``diagnostic/``): questions editors write in
``practices/diagnostics/``, answered in the browser, that point to the cards for the gaps.

Every question and its cards are on the page, so that it prints as a checklist and works
without JavaScript; ``assets/diagnostic.js`` adds the answers, keeps them in the address and
ranks the cards. Nothing leaves the browser.
"""
