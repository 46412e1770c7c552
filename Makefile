# `make run` and `make test` each set up what they need on a fresh machine (see scripts/bootstrap.sh).
PY := .venv/bin/python

.PHONY: run test assets bench server clean

.venv/.bootstrapped: scripts/bootstrap.sh requirements.txt setup.cfg
	bash scripts/bootstrap.sh

run: .venv/.bootstrapped
	$(PY) main.py $(ARGS)

test: .venv/.bootstrapped
	$(PY) -m pytest -q $(PYTEST_ARGS)

assets: .venv/.bootstrapped
	$(PY) -m tools.build_all

bench: .venv/.bootstrapped
	$(PY) -m benchmarks.run_all

server: .venv/.bootstrapped
	$(PY) -m city_services --db sqlite:///city_services.sqlite3 --host 127.0.0.1 --port 8311

clean:
	rm -rf .venv .pytest_cache
