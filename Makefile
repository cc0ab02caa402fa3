# Convenience wrapper around meson, as QEMU's top-level Makefile is.
#   make            build everything into build/
#   make deps       install the Debian packages the build and tests need
#   make demo       build and run the bundled demo guest
#   make check      build and run every test (unit, guest, oracle, busybox, diff)
#   make check-slow the long real-software tests
#   make bench      mimic vs qemu-user vs native, mimic-system vs qemu-system
BUILD ?= build
MESON_TEST = meson test -C $(BUILD) --print-errorlogs --num-processes 2

.PHONY: all deps demo check check-slow bench clean

all: $(BUILD)/build.ninja
	meson compile -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

deps:
	@sh scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/mimic-aarch64 -stats $(BUILD)/tests/guest/demo-O2

check: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run-tests.sh $(BUILD) default

check-slow: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run-tests.sh $(BUILD) slow

bench: deps
	@$(MAKE) --no-print-directory all
	python3 bench/run-bench.py --build $(BUILD)

clean:
	rm -rf $(BUILD)
