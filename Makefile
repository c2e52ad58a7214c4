# Maillage: every target sets up .venv itself, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
# Material 9.8 prints an end-of-life banner on every run; it says nothing about our build.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: serve build pdf test validate bench clean forms proposition

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## serve: the handbook at http://127.0.0.1:8000, rebuilt when a card or a page changes
## (--dirty: the plugin builds again only the pages an edit changed; see serving/incremental.py)
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr $(HOST)

## build: the static site in site/, strict (any warning fails)
build: $(STAMP)
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

## test: the whole suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: measure 100, 1,000 and 10,000 synthetic cards against plain MkDocs; writes
## benchmarks/RESULTS.md (about two hours on two cores; BENCH=--quick: 100 and 1,000 only)
BENCH ?=
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH)

clean:
	rm -rf site $(VENV)
