"""After ``mkdocs build`` has written every page: give the memory back before the search index.

Pagefind runs as a child process once the pages are written, while MkDocs still holds every
page's Markdown and HTML until the build returns, and CPython's allocator keeps the pages it
freed for itself. Both processes then add up: at 1,000 cards, 300 MB of MkDocs beside 330 MB
of Pagefind. Dropping the pages' text and the print fragments, then asking the C allocator to
return its free pages to the system (glibc's ``malloc_trim``), brings MkDocs down to about
130 MB before Pagefind starts (benchmarks/RESULTS.md measures the peak of both together).

Only under ``mkdocs build``: under ``serve`` the plugin keeps what the next build reuses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

from mkdocs.structure.files import Files


def release_pages(files: Files) -> None:
    """Forget every page's text: nothing reads it once the site is written."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.markdown = file.page.content = None
        if file.generated_by is not None:
            file.content_string = ""  # a generated page's Markdown


def return_free_memory() -> None:
    """Collect, then hand the allocator's free memory back to the system where the C library
    can (glibc); elsewhere the collection alone."""
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        library = ctypes.CDLL(name) if name else None
        if library is not None and hasattr(library, "malloc_trim"):
            library.malloc_trim(0)
    except OSError:
        pass  # not glibc: the memory stays with the process until it ends
