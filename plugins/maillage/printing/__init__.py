"""Paper versions of the handbook, for trainers: print documents, workshop decks, their PDFs.

    documents  which print documents exist and what each holds, built in one pass
    links      where a link goes on paper: inside the document, else the full online address
    fragments  cards, cases, sources, terms and deck faces rendered once, shared by the pages
    deck       four cards per A4 sheet, backs mirrored for short-edge duplex printing
    qr         QR codes to each card's online page, drawn locally
    pages      the producer: one print page per document and per deck
    pdf        headless Chromium turns the built print pages into PDFs (``make pdf``)
"""
