# dyad - Makefile. `make` builds build/dyad; `make SANITIZE=1` builds an
# AddressSanitizer + UndefinedBehaviorSanitizer variant under build/san/.
# `make test` installs dependencies, builds and runs every test, then the
# whole suite again under the sanitizers. See README.md. Builds and tests
# run one job per core (NPROC); the test runners keep each test's output
# together.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config

# Libraries the binary links (pkg-config names).
PKGS      := jansson gumbo libutf8proc sqlite3 libpq igraph libmicrohttpd geonames
TEST_PKGS := cmocka

ifeq ($(SANITIZE),1)
BUILD    ?= build/san
# DY_CHECKED turns the DY_ASSERT invariants on (core/invariant.h).
OPTFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined -DDY_CHECKED
LDSAN    := -fsanitize=address,undefined
else
BUILD    ?= build
OPTFLAGS := -O3 -g
LDSAN    :=
endif

# Quiet by default: one short line per file ("CC src/x.c"); V=1 shows the
# full commands.
V ?= 0
ifeq ($(V),1)
Q  :=
say = @:
else
Q  := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CPPFLAGS += -Isrc -D_POSIX_C_SOURCE=200809L -DDYAD_VERSION='"$(VERSION)"'
CFLAGS  += -std=c17 $(WARN) $(OPTFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS))
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -lpthread

LIB_SRCS  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard fuzz/fuzz_*.c))

LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

NPROC := $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps test check check-unit check-cli check-san demo bench fuzz model \
        check-fuzz fuzz-long install uninstall clean web check-web test-bins

all: $(BUILD)/dyad

$(BUILD)/libdyad.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	$(call say,AR,$@)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/dyad: $(CLI_OBJS) $(BUILD)/libdyad.a
	$(call say,LD,$@)
	$(Q)$(CC) $(LDSAN) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libdyad.a $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS)) \
	  -DDYAD_SRCDIR='"$(CURDIR)"' $(LDSAN) $(LDFLAGS) -o $@ $< $(BUILD)/libdyad.a \
	  $(shell $(PKG_CONFIG) --libs $(TEST_PKGS)) $(LDLIBS)

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

deps:
	@scripts/install-deps

# The dashboard served by `dyad serve` (build/web): our files from web/ and
# the browser libraries installed by `npm ci` from web/package-lock.json.
WEB_FILES := web/index.html web/style.css web/build.sh data/cameo/codes.tsv data/geo/countries.tsv \
             $(wildcard web/src/*.js)
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

build/web/index.html: $(WEB_FILES) web/node_modules/.package-lock.json
	@web/build.sh build/web

web: build/web/index.html

# Unit tests (cmocka, one binary per module) and CLI tests (tests/cli/*.sh),
# both NPROC at a time (scripts/run-unit-tests, tests/cli/run; JOBS=1 runs
# them one after another).
test-bins: $(TEST_BINS)

check-unit: $(TEST_BINS)
	@scripts/run-unit-tests $(TEST_BINS)

check-cli: $(BUILD)/dyad
	@DYAD=$(CURDIR)/$(BUILD)/dyad tests/cli/run

# Browser tests (headless Chromium) against the normal build only.
check-web: $(BUILD)/dyad
ifneq ($(SANITIZE),1)
	@$(MAKE) --no-print-directory web
	@DYAD=$(CURDIR)/$(BUILD)/dyad node tests/web/browser.mjs
	@DYAD=$(CURDIR)/$(BUILD)/dyad node tests/web/real.mjs
endif

check: check-unit check-cli check-web

check-san:
	@$(MAKE) --no-print-directory -j$(NPROC) SANITIZE=1 all test-bins
	@$(MAKE) --no-print-directory SANITIZE=1 check

# The browser tests mostly wait (Chromium, the server), and the sanitizer
# tests leave a core idle at times (servers, the last long case file):
# `make test` runs the browser tests and check-fuzz (its build, then 2 s per
# harness) beside check-san, their output kept in build/check-web.log and
# build/check-fuzz.log and printed after check-san's.
test: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all test-bins web
	@$(MAKE) --no-print-directory check-unit
	@$(MAKE) --no-print-directory check-cli
	@$(MAKE) --no-print-directory check-web >build/check-web.log 2>&1 & web=$$!; \
	  $(MAKE) --no-print-directory check-fuzz >build/check-fuzz.log 2>&1 & fuzz=$$!; \
	  $(MAKE) --no-print-directory check-san; san=$$?; \
	  wait $$web; webrc=$$?; wait $$fuzz; fuzzrc=$$?; \
	  cat build/check-web.log build/check-fuzz.log; \
	  [ $$webrc -eq 0 ] || echo "check-web failed (exit $$webrc)" >&2; \
	  [ $$fuzzrc -eq 0 ] || echo "check-fuzz failed (exit $$fuzzrc)" >&2; \
	  [ $$san -eq 0 ] && [ $$webrc -eq 0 ] && [ $$fuzzrc -eq 0 ]

# The demo builds in parallel (one job per core) and quietly, then codes,
# stores and serves (scripts/demo).
demo: deps
	@echo "Building dyad ($(NPROC) parallel jobs; V=1 shows the commands)..."
	@$(MAKE) --no-print-directory -j$(NPROC) all web
	@scripts/demo

bench: all
	@bench/run $(BUILD)/dyad

# The syntax model is committed (data/syntax/en.model, CC BY-SA 4.0: see
# data/syntax/README.md); `make model` retrains it from the UD English EWT
# treebanks (UD=DIR, default ../shared/ud) and WordNet 3.0 (wordnet-base).
# About a minute; deterministic.
UD ?= ../shared/ud
WORDNET ?= /usr/share/wordnet
model: $(BUILD)/dyad
	$(BUILD)/dyad train --wordnet $(WORDNET) -o data/syntax/en.model \
	  $(UD)/en_ewt-ud-dev.conllu $(UD)/en_ewt-ud-test.conllu

# libFuzzer harnesses (fuzz/), built with clang, ASan and UBSan into
# build/fuzz/: the library once, then one binary per harness. `make
# check-fuzz` (part of `make test`) runs each for FUZZ_SECONDS (2) when
# clang's libFuzzer is installed; `make fuzz-long` for 300 s each.
FUZZ_CC    ?= clang
FUZZ_DIR   := build/fuzz
FUZZ_FLAGS := -std=c17 -g -O1 $(WARN) -Isrc -D_POSIX_C_SOURCE=200809L -DDY_CHECKED \
              -DDYAD_VERSION='"fuzz"' $(shell $(PKG_CONFIG) --cflags $(PKGS))
FUZZ_OBJS  := $(LIB_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BINS  := $(FUZZ_SRCS:fuzz/%.c=$(FUZZ_DIR)/%)
FUZZ_SECONDS ?= 2

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/libdyad.a: $(FUZZ_OBJS)
	$(call say,AR,$@)
	$(Q)$(AR) rcs $@ $^

$(FUZZ_DIR)/%: fuzz/%.c $(FUZZ_DIR)/libdyad.a
	$(call say,CC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_DIR)/libdyad.a \
	  $(LDLIBS)

-include $(FUZZ_OBJS:.o=.d)

fuzz: $(FUZZ_BINS)

check-fuzz:
	@if scripts/run-fuzz --available; then \
	  $(MAKE) --no-print-directory -j$(NPROC) fuzz && scripts/run-fuzz $(FUZZ_SECONDS) $(FUZZ_BINS); \
	else echo "note: clang's libFuzzer not installed; fuzz harnesses not run" >&2; fi

fuzz-long: fuzz
	@scripts/run-fuzz 300 $(FUZZ_BINS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dyad \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	cp -R data/. $(DESTDIR)$(PREFIX)/share/dyad/
	install -m 644 docs/dyad.1 $(DESTDIR)$(PREFIX)/share/man/man1/dyad.1
	if [ -d build/web ]; then cp -R build/web $(DESTDIR)$(PREFIX)/share/dyad/web; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dyad $(DESTDIR)$(PREFIX)/share/man/man1/dyad.1
	rm -rf $(DESTDIR)$(PREFIX)/share/dyad

clean:
	rm -rf build
