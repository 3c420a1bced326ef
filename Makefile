# jaxlab: `make run` starts the shell, `make test` runs every test.
# Both first install the two system libraries (libedit, OpenBLAS) when they are missing.

SWIFT ?= swift
SYSTEM_PACKAGES := libedit-dev libopenblas-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps bench record clean

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

build: deps
	$(SWIFT) build -c release --product jaxlab

run: build
	@.build/release/jaxlab

# The shell's tests drive the built jaxlab binary through a pseudo-terminal; XCTest only.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

bench: deps
	$(SWIFT) build -c release --product jaxlab
	$(SWIFT) build -c release --product jaxlab-bench
	.build/release/jaxlab-bench

# Re-records the reference data under Tests/*/Data from real JAX and NumPy (needs a Python with
# jax 0.10.2 in JAXLAB_JAX_PYTHON); `make record GROUPS=language` records one group.
record:
	Tests/record $(GROUPS)

clean:
	rm -rf .build
