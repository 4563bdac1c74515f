# vanban — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
APT_PKGS := tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet poppler-utils antiword catdoc chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=
export OMP_THREAD_LIMIT := 1

.PHONY: install system-deps run test test-quick es-up es-down test-es bench bench-extract bench-ocr bench-ingest bench-search bench-alqac eval clean

install: system-deps $(VENV)/.installed

# apt packages: installed only when one is missing (idempotent, quick on a ready machine)
system-deps:
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "apt: installing $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# ingest corpus/, then serve with waitress (production WSGI server; vanban serve --debug for Flask dev server)
run: install
	$(BIN)/vanban ingest corpus/
	$(BIN)/vanban serve

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; rc=0; fi; exit $$rc

test-quick: install
	$(BIN)/python -m pytest -q -m "not slow and not browser" -x $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

# A real Elasticsearch (ES_VERSION, fetched through Maven into ~/.m2, unpacked in var/es), on
# 127.0.0.1:$(ES_PORT)..; NODES=3 for a 3-node cluster (one JVM each). See .ci/es.py.
NODES ?= 1
ES_PORT ?= 9250
ES_TEST_NODES ?= 3
export ES_PORT
es-up:
	$(PYTHON) .ci/es.py up --nodes $(NODES)

es-down:
	$(PYTHON) .ci/es.py down

# up, the ES half of the suite (marker es), down, even when tests fail
test-es: install
	$(PYTHON) .ci/es.py up --nodes $(ES_TEST_NODES) || { $(PYTHON) .ci/es.py down; exit 1; }
	VANBAN_ES_URL=http://127.0.0.1:$(ES_PORT) VANBAN_ES_NODES=$(ES_TEST_NODES) $(BIN)/python -m pytest -q -m es -rs $(PYTEST_ARGS); \
	  rc=$$?; $(PYTHON) .ci/es.py down; if [ $$rc -eq 5 ]; then echo "pytest: no ES tests collected"; rc=0; fi; exit $$rc

eval: install
	$(BIN)/vanban eval $(SHARED)/corpus/dev/gold

bench: bench-extract bench-ocr bench-ingest bench-search bench-alqac

bench-extract: install
	$(BIN)/python bench/bench_extract.py --shared $(SHARED)

bench-ocr: install
	$(BIN)/python bench/bench_ocr.py --shared $(SHARED)

bench-ingest: install
	$(BIN)/python bench/bench_ingest.py --shared $(SHARED)

bench-search: install
	$(BIN)/python bench/bench_search.py --shared $(SHARED)

bench-alqac: install
	$(BIN)/python bench/bench_alqac.py --shared $(SHARED)

clean:
	rm -rf var/ .pytest_cache build *.egg-info
