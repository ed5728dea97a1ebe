# dcimpact -- GNU make. `make` builds ./dcimpact, `make test` runs every test,
# `make check` runs them under ASan+UBSan with -Werror.
PROG       = dcimpact
PREFIX    ?= /usr/local
DATADIR   ?= $(PREFIX)/share/$(PROG)
MANDIR    ?= $(PREFIX)/share/man
COMPDIR   ?= $(PREFIX)/share/bash-completion/completions
BUILD     ?= build
PKG_CONFIG ?= pkg-config
PKGS       = libconfig proj json-c pangocairo cairo-pdf cairo-png cairo-svg zlib
TEST_PKGS  = cmocka
VERSION    = 0.1.0

# A brand-new machine: install the Debian packages first (scripts/install-deps).
DEPS_OK := $(shell $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && echo yes)
ifneq ($(DEPS_OK),yes)
ifneq ($(MAKECMDGOALS),clean)
$(info dcimpact: libraries missing; running scripts/install-deps)
DEPS_RUN := $(shell sh scripts/install-deps >&2 && echo ok)
$(if $(DEPS_RUN),,$(error scripts/install-deps failed: install the packages it names by hand))
endif
endif

CFLAGS    ?= -O2 -g
CPPFLAGS  += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. \
             -DDCIMPACT_VERSION='"$(VERSION)"' -DDCIMPACT_DATADIR='"$(DATADIR)"'
WARN       = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wold-style-definition -Wwrite-strings \
             -Wformat=2 -Wundef -Wdouble-promotion -Wvla -Wcast-qual \
             -Wfloat-equal
ALL_CFLAGS = -std=c17 $(WARN) $(WERROR) $(CFLAGS) -pthread \
             $(shell $(PKG_CONFIG) --cflags $(PKGS))
LIBS       = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread

LIB_SRCS  = $(wildcard common/*.c sites/*.c estimator/*.c geo/*.c emissions/*.c batch/*.c plots/*.c)
LIB_OBJS  = $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRCS))
CLI_OBJS  = $(patsubst %.c,$(BUILD)/%.o,$(wildcard cli/*.c))
TESTS     = $(patsubst %.c,$(BUILD)/%,$(wildcard tests/test_*.c))
SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

all: $(PROG)

# copy and rename: a running ./dcimpact does not block the update
$(PROG): $(BUILD)/$(PROG)
	@cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/$(PROG): $(CLI_OBJS) $(BUILD)/libdcimpact.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libdcimpact.a: $(LIB_OBJS)
	@rm -f $@
	@$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The scenario kernel: -O3, and libm without errno (floor and ceil inline).
# No -ffast-math: no reassociation, so rows stay bit-identical to the
# general model (tests/test_kernel.c, tests/shard.sh).
$(BUILD)/batch/kernel.o: CFLAGS += -O3 -fno-math-errno -ffp-contract=off
# The block's draws: vectorised, with AVX2/AVX-512 clones (no FMA).
$(BUILD)/batch/kernel_draw.o: CFLAGS += -O3 -fno-math-errno -ffp-contract=off
# The model over a block, a statement at a time over the lanes: the same.
$(BUILD)/batch/kernel_block.o: CFLAGS += -O3 -fno-math-errno -ffp-contract=off
# Numbers a column at a time (fmt_sig6_cells): vectorised, the same
# multiplications in every clone (no FMA).
$(BUILD)/common/fmt.o: CFLAGS += -O3 -ffp-contract=off
# The sketch's block add: integer work on the bits, which -O3 vectorises.
$(BUILD)/batch/sketch.o: CFLAGS += -O3

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libdcimpact.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS)) \
	    -MMD -MP -c -o $@ $<

# the data folder is compiled in: rebuild common/data.o when it changes
$(BUILD)/datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/common/data.o: $(BUILD)/datadir

# the suites are built on every CPU, then run in tests/run.sh's lanes
JOBS      ?= $(shell nproc 2>/dev/null || echo 1)
test:
	@$(MAKE) --no-print-directory -j$(JOBS) $(TESTS) $(BUILD)/$(PROG)
	@sh tests/run.sh $(BUILD) $(TESTS)

check:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp,print_suppressions=0 \
	ASAN_OPTIONS=detect_leaks=1 \
	$(MAKE) BUILD=build-san WERROR=-Werror CFLAGS="-O1 -g $(SAN)" \
	    LDFLAGS="$(SAN)" test

report: $(PROG)
	@mkdir -p out
	./$(PROG) compare sites/*.cfg -o out/compare.pdf
	./$(PROG) compare sites/*.cfg -o out/compare.png
	@echo "wrote out/compare.pdf and out/compare-*.png"

# the README's table of the bundled sites, from the program's own output
readme: $(PROG)
	@sh scripts/readme-table -u ./$(PROG)

bench: $(PROG)
	@sh tests/bench.sh ./$(PROG)

# hostile inputs and valgrind over the command line (CI runs both)
hostile: $(PROG)
	@sh tests/hostile.sh ./$(PROG)

valgrind: $(PROG)
	@sh tests/valgrind.sh ./$(PROG)

# the program built in $(BUILD), the man page, bash completion and the data
install: $(BUILD)/$(PROG)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(COMPDIR) $(DESTDIR)$(DATADIR)/estimator \
	    $(DESTDIR)$(DATADIR)/emissions $(DESTDIR)$(DATADIR)/sites \
	    $(DESTDIR)$(DATADIR)/plots/basemap $(DESTDIR)$(DATADIR)/geo/data \
	    $(DESTDIR)$(DATADIR)/emissions/data/avert \
	    $(DESTDIR)$(DATADIR)/emissions/data/cambium \
	    $(DESTDIR)$(DATADIR)/emissions/data/easiur
	install -m 0755 $(BUILD)/$(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -m 0644 $(PROG).1 $(DESTDIR)$(MANDIR)/man1/$(PROG).1
	install -m 0644 scripts/$(PROG).bash $(DESTDIR)$(COMPDIR)/$(PROG)
	install -m 0644 estimator/*.cfg $(DESTDIR)$(DATADIR)/estimator/
	install -m 0644 emissions/*.cfg $(DESTDIR)$(DATADIR)/emissions/
	install -m 0644 sites/*.cfg $(DESTDIR)$(DATADIR)/sites/
	-install -m 0644 plots/basemap/*.geojson $(DESTDIR)$(DATADIR)/plots/basemap/
	install -m 0644 geo/data/*.geojson geo/data/*.csv geo/data/*.txt $(DESTDIR)$(DATADIR)/geo/data/
	install -m 0644 emissions/data/avert/*.csv $(DESTDIR)$(DATADIR)/emissions/data/avert/
	install -m 0644 emissions/data/cambium/*.csv $(DESTDIR)$(DATADIR)/emissions/data/cambium/
	install -m 0644 emissions/data/easiur/*.csv $(DESTDIR)$(DATADIR)/emissions/data/easiur/

# what install wrote, and the folders it made when they are left empty
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/$(PROG) $(DESTDIR)$(MANDIR)/man1/$(PROG).1 \
	    $(DESTDIR)$(COMPDIR)/$(PROG)
	rm -rf $(DESTDIR)$(DATADIR)
	-rmdir -p --ignore-fail-on-non-empty $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR) 2>/dev/null

clean:
	rm -rf build build-san build-fuzz $(PROG)

.PHONY: all test check report readme bench hostile valgrind install uninstall \
	clean FORCE

# make fuzz, fuzz-short, fuzz-regress (libFuzzer, clang)
-include mk/fuzz.mk
.PRECIOUS: $(BUILD)/%.o $(BUILD)/tests/%.o
-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TESTS:=.d)
