# The two commands a newcomer needs (see README): `make site` and `make test`.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: site test test-fast lint serve validate clean bench compat

site:            ## build the site with its PDFs into site/
	@scripts/bootstrap.sh site
	$(PY) -m jobdesc.cli validate
	$(PY) -m jobdesc.cli build

test:            ## lint, type-check and run the whole test suite (what CI runs)
	@scripts/bootstrap.sh test
	$(PY) -m ruff check plugins tests
	$(PY) -m ruff format --check plugins tests
	$(PY) -m mypy
	$(PY) -m yamllint -c .yamllint.yml positions
	$(PY) -m pytest -q

test-fast:       ## the fast unit tests only (seconds)
	@scripts/bootstrap.sh test
	$(PY) -m pytest -q -m unit

lint:
	@scripts/bootstrap.sh test
	$(PY) -m ruff check plugins tests
	$(PY) -m ruff format --check plugins tests
	$(PY) -m mypy

# `make serve LANG=he` previews one language (faster: a saved YAML file shows in about a second)
ifeq ($(origin LANG),command line)
PREVIEW := JOBDESC_PREVIEW=$(LANG)
endif

serve:           ## live preview on http://127.0.0.1:8000/jobs/ (rebuilds when a YAML file changes)
	@scripts/bootstrap.sh site
	JOBDESC_PDF=0 $(PREVIEW) $(PY) -m mkdocs serve

validate:        ## check the position files
	@scripts/bootstrap.sh site
	$(PY) -m jobdesc.cli validate

compat:          ## before a release: build and test with the newest MkDocs 1.6 / Material 9 / static-i18n 1.x, and ProperDocs
	@scripts/bootstrap.sh test
	scripts/compat.sh

clean:
	rm -rf site .cache docs/positions docs/compare docs/status
