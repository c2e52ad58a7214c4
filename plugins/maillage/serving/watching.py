"""Keep watching ``practices/`` under ``mkdocs serve`` when the folder itself goes and comes back.

MkDocs watches with watchdog's polling observer, whose watch of a folder stops for good once
the folder is gone: after ``git stash``, a branch switch or a folder restored from a backup,
edits would no longer rebuild the site and the editor would look at a stale handbook. So the
folder that holds it is watched too, without descending into it (one listing per poll): when
the folder goes, a rebuild shows the problem; when it comes back, its watch is made anew and
the handbook rebuilt.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler


class ReturningFolder(FileSystemEventHandler):
    def __init__(self, server: LiveReloadServer, folder: Path) -> None:
        self.server = server
        self.folder = os.path.abspath(folder)
        server.watch(self.folder)
        server.observer.schedule(self, os.path.dirname(self.folder), recursive=False)

    def on_any_event(self, event: FileSystemEvent) -> None:
        touched = {os.path.abspath(str(path)) for path in (event.src_path, getattr(event, "dest_path", ""))
                   if path}
        if self.folder not in touched:
            return
        if os.path.isdir(self.folder):  # back: its old watch ended with it
            self.server.unwatch(self.folder)
            self.server.watch(self.folder)
        # Gone or back, the site must say so. MkDocs 1.6.1, the last 1.x, has no public call for a
        # rebuild (its own watches ignore folder events, as a folder's files report themselves).
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()
