# `make run` and `make test` each set up what they need on a fresh machine (see scripts/bootstrap.sh).
PY := .venv/bin/python

.PHONY: run test test-times vr-test assets dist bench server clean

# The tests that read the clock (bookings, reservations, events, kiosks), run again by `make test` at
# four instants in Seoul time through libfaketime: the wall clock moves, the monotonic clock does not
# (tests/faketime/sitecustomize.py says why).
TIME_TESTS := tests/core/test_booking_flow.py tests/core/test_booking_form.py tests/core/test_complaint_flow.py \
	tests/core/test_complaint_form.py tests/city_services/test_reservations.py \
	tests/city_services/test_booking_properties.py tests/city_services/test_events.py \
	tests/services/test_live_server.py tests/services/test_outbox.py \
	tests/world/test_kiosk_booking.py tests/world/test_kiosk_complaint.py tests/world/test_kiosk_mouse.py \
	tests/core/test_ceremony.py tests/core/test_festival_schedule.py tests/world/test_festival_events.py
INSTANTS := "2026-12-07 11:30:00" "2026-12-31 23:59:00" "2027-06-15 03:00:00" "2028-03-01 16:30:00"

.venv/.bootstrapped: scripts/bootstrap.sh requirements.txt setup.cfg tools/package-lock.json
	bash scripts/bootstrap.sh

run: .venv/.bootstrapped
	$(PY) main.py $(ARGS)

test: .venv/.bootstrapped
	$(PY) -m pytest -q $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-times
	$(MAKE) --no-print-directory vr-test

test-times: .venv/.bootstrapped
	@for instant in $(INSTANTS); do \
		echo "test-times: $$instant (Seoul)"; \
		PYTHONPATH=tests/faketime FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=KST-9 \
			faketime "$$instant" $(PY) -m pytest -q -p no:cacheprovider $(TIME_TESTS) || exit 1; \
	done

# The app in a real OpenXR runtime: Monado's simulated headset (tests/xr_runtime, scripts/vr_test.sh).
# On Debian 12 the first run builds a Debian 13 root with Monado (a few minutes, then cached).
vr-test: .venv/.bootstrapped
	bash scripts/vr_test.sh

assets: .venv/.bootstrapped
	$(PY) -m tools.build_all
	$(PY) -m tools.make_icon
	$(PY) -m tools.build_sounds

# The Linux package (Panda3D build_apps): dist/metaverse-seoul-VERSION_manylinux2014_x86_64.tar.gz.
dist: .venv/.bootstrapped
	$(PY) -m tools.dist.build

bench: .venv/.bootstrapped
	$(PY) -m benchmarks.run_all

server: .venv/.bootstrapped
	$(PY) -m city_services --db sqlite:///city_services.sqlite3 --host 127.0.0.1 --port 8311

clean:
	rm -rf .venv .pytest_cache
