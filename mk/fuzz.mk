# libFuzzer targets (clang). Included from the Makefile (-include mk/fuzz.mk);
# standalone: make -f Makefile -f mk/fuzz.mk fuzz-short
#
#   make fuzz                   each target FUZZ_SECONDS (default 60) s
#   make fuzz FUZZ_SECONDS=600
#   make fuzz-short             each target 10 s
#   make fuzz-regress           replay fuzz/regressions/<target>/* only
#   make fuzz-build             build build-fuzz/fuzz_<target> only
#   make fuzz-clean
#
# Seeds: fuzz/corpus/<target>/ plus the project's own inputs (bundled sites,
# tests/data/{good,bad}, the catalogs, tests/data/map/*.geojson) are copied
# into build-fuzz/corpus/<target>/, which keeps growing across runs. Crash
# inputs land in build-fuzz/crashes/<target>/; copy a reduced one to
# fuzz/regressions/<target>/: every later run replays it first (and fails
# until the bug is fixed). See fuzz/README.md.

# keep the including Makefile's default goal whatever the include's place
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC       ?= clang
FUZZ_BUILD    ?= build-fuzz
FUZZ_SECONDS  ?= 60
FUZZ_RSS_MB   ?= 2048
FUZZ_FLAGS    ?=
FUZZ_SAN       = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                 -fno-omit-frame-pointer
FUZZ_PKGS      = $(or $(PKGS),libconfig proj json-c pangocairo cairo-pdf \
                 cairo-png cairo-svg zlib)
FUZZ_CFLAGS    = -std=c17 -g -O1 $(FUZZ_SAN) -pthread \
                 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. \
                 -DDCIMPACT_VERSION='"fuzz"' -DDCIMPACT_DATADIR='"$(CURDIR)"' \
                 $(shell $(or $(PKG_CONFIG),pkg-config) --cflags $(FUZZ_PKGS) 2>/dev/null)
FUZZ_LIBS      = $(shell $(or $(PKG_CONFIG),pkg-config) --libs $(FUZZ_PKGS) \
                 2>/dev/null) -lm -pthread

# sweep joins in once sites/sweep.h exists (fuzz/fuzz_sweep.c is needed too)
FUZZ_TARGETS   = site catalog geojson cli \
                 $(if $(and $(wildcard sites/sweep.h),$(wildcard fuzz/fuzz_sweep.c)),sweep)

# Library sources, instrumented for coverage (fuzzer-no-link). Every
# harness links them from one archive (the GeoJSON one calls geo/'s
# public geo_layer_load()).
FUZZ_LIB_SRCS  = $(or $(LIB_SRCS),$(wildcard common/*.c sites/*.c \
                 estimator/*.c geo/*.c emissions/*.c batch/*.c plots/*.c))
FUZZ_LIB_OBJS  = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(FUZZ_LIB_SRCS))
FUZZ_CLI_OBJS  = $(FUZZ_BUILD)/obj/cli/common.o $(FUZZ_BUILD)/obj/cli/timeline.o

# FUZZ_SKIP_INCLUDES=1: skip inputs holding "@include" (a known bug open)
FUZZ_SKIP_INCLUDES ?= 0
# the harnesses' scratch folders go under build-fuzz/tmp (libFuzzer ends
# with _Exit(), so they cannot remove their own); emptied after each run
FUZZ_TMP       = $(CURDIR)/$(FUZZ_BUILD)/tmp
FUZZ_ENV       = DCIMPACT_DATA=$(CURDIR) TMPDIR=$(FUZZ_TMP) \
                 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
                 LSAN_OPTIONS=suppressions=$(CURDIR)/$(FUZZ_BUILD)/lsan.supp:print_suppressions=0

fuzz-check-clang:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	    echo "fuzz: $(FUZZ_CC) not found: apt-get install -y clang libclang-rt-14-dev" >&2; \
	    exit 1; }
	@mkdir -p $(FUZZ_BUILD)
	@printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
	    > $(FUZZ_BUILD)/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $(FUZZ_BUILD)/probe \
	    $(FUZZ_BUILD)/probe.c 2>/dev/null || { \
	    echo "fuzz: $(FUZZ_CC) cannot link libFuzzer: apt-get install -y clang libclang-rt-14-dev" >&2; \
	    exit 1; }
	@rm -f $(FUZZ_BUILD)/probe $(FUZZ_BUILD)/probe.c

$(FUZZ_BUILD)/obj/%.o: %.c | fuzz-check-clang
	@mkdir -p $(@D)
	@echo "CC (fuzz) $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libfuzzlib.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

# one harness: fuzz/fuzz_<t>.c + what it uses from the archive
$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_util.c $(FUZZ_CLI_OBJS) \
    $(FUZZ_BUILD)/libfuzzlib.a | fuzz-check-clang
	@echo "LD (fuzz) $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< \
	    $(if $(filter fuzz_cli,$(@F)),$(FUZZ_CLI_OBJS)) \
	    $(FUZZ_BUILD)/libfuzzlib.a $(FUZZ_LIBS)

$(FUZZ_BUILD)/lsan.supp:
	@mkdir -p $(@D)
	@printf '%s\n' 'leak:libconfig.so' 'leak:libconfig_yylex' \
	    'leak:libfontconfig.so' 'leak:libproj.so' > $@

# The scratch corpus: committed seeds + project inputs (copied once; new
# files libFuzzer finds stay). A catalog seed is 'r' or 'g' + the file.
fuzz-corpus: $(FUZZ_BUILD)/lsan.supp
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus/$$t \
	    $(FUZZ_BUILD)/crashes/$$t; \
	    if [ -d fuzz/corpus/$$t ]; then cp -p fuzz/corpus/$$t/* \
	    $(FUZZ_BUILD)/corpus/$$t/ 2>/dev/null; fi; done; true
	@for f in sites/*.cfg tests/data/good/*.cfg tests/data/bad/*.cfg \
	    tests/data/inc/*.cfg tests/data/good/*/*.cfg tests/data/bad/*/*.cfg \
	    tests/data/map/*.cfg; do [ -f "$$f" ] && \
	    cp "$$f" $(FUZZ_BUILD)/corpus/site/seed-$$(echo $$f | tr / -); done; true
	@if [ -d $(FUZZ_BUILD)/corpus/sweep ]; then for f in sites/sweeps/*.cfg; \
	    do [ -f "$$f" ] && cp "$$f" $(FUZZ_BUILD)/corpus/sweep/seed-$$(basename $$f); \
	    done; fi; true
	@{ printf r; cat estimator/racks.cfg; } > $(FUZZ_BUILD)/corpus/catalog/seed-racks-full
	@{ printf g; cat emissions/grids.cfg; } > $(FUZZ_BUILD)/corpus/catalog/seed-grids-full
	@for f in tests/data/map/*.geojson; do [ -f "$$f" ] && \
	    cp "$$f" $(FUZZ_BUILD)/corpus/geojson/seed-$$(basename $$f); done; true

fuzz-build: fuzz-check-clang $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

# Replay fuzz/regressions/<t>/* (each must run clean): a shell snippet
# shared by fuzz-regress and fuzz-run; sets fail=1 on a failure.
FUZZ_REPLAY = mkdir -p $(FUZZ_TMP); for t in $(FUZZ_TARGETS); do \
	    set -- fuzz/regressions/$$t/*; [ -e "$$1" ] || continue; \
	    if $(FUZZ_ENV) FUZZ_SKIP_INCLUDES=0 ./$(FUZZ_BUILD)/fuzz_$$t -rss_limit_mb=$(FUZZ_RSS_MB) \
	        -timeout=10 "$$@" >$(FUZZ_BUILD)/regress-$$t.log 2>&1; then \
	        echo "fuzz: $$t: $$\# regression input(s) pass"; \
	    else fail=1; \
	        echo "fuzz: $$t: a regression input fails again; see $(FUZZ_BUILD)/regress-$$t.log" >&2; \
	        grep -E 'ERROR: |SUMMARY: |runtime error|^fuzz: |^Running: ' \
	            $(FUZZ_BUILD)/regress-$$t.log | tail -3 >&2; fi; \
	    rm -rf $(FUZZ_TMP)/dcimpact-fuzz-*; \
	    done

fuzz-regress: fuzz-build $(FUZZ_BUILD)/lsan.supp
	@fail=0; $(FUZZ_REPLAY); exit $$fail

# Replay the regressions, then run every target for FUZZ_SECONDS and
# replay its whole corpus once more with leak detection; report executions
# and crashes; fail on any. libconfig 1.5 leaks on many syntax errors, so
# in-run leak checks (FUZZ_LEAKS=1) cost a factor of 15 in speed; the
# replay finds our own leaks at full speed (libconfig's are suppressed).
FUZZ_LEAKS    ?= 0
fuzz-run: fuzz-build fuzz-corpus
	@fail=0; $(FUZZ_REPLAY); \
	for t in $(FUZZ_TARGETS); do \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	    $(FUZZ_ENV) FUZZ_SKIP_INCLUDES=$(FUZZ_SKIP_INCLUDES) ./$(FUZZ_BUILD)/fuzz_$$t \
	        -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=$(FUZZ_RSS_MB) \
	        -timeout=10 -max_len=65536 -print_final_stats=1 \
	        -detect_leaks=$(FUZZ_LEAKS) \
	        $$( [ -f fuzz/corpus/$$t.dict ] && echo -dict=fuzz/corpus/$$t.dict ) \
	        $$( [ $$t = cli ] && echo -close_fd_mask=2 ) \
	        -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t/ $(FUZZ_FLAGS) \
	        $(FUZZ_BUILD)/corpus/$$t >$(FUZZ_BUILD)/fuzz-$$t.log 2>&1; rc=$$?; \
	    grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb' \
	        $(FUZZ_BUILD)/fuzz-$$t.log | sed "s/^stat::/fuzz: $$t: /"; \
	    if [ $$rc -ne 0 ]; then fail=1; \
	        echo "fuzz: $$t: FAILED (exit $$rc); see $(FUZZ_BUILD)/fuzz-$$t.log and $(FUZZ_BUILD)/crashes/$$t/" >&2; \
	        grep -E 'ERROR: |SUMMARY: |runtime error|^fuzz: ' $(FUZZ_BUILD)/fuzz-$$t.log | head -5 >&2; \
	        rm -rf $(FUZZ_TMP)/dcimpact-fuzz-*; continue; fi; \
	    if $(FUZZ_ENV) ./$(FUZZ_BUILD)/fuzz_$$t -runs=0 -detect_leaks=1 \
	        -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=10 \
	        $$( [ $$t = cli ] && echo -close_fd_mask=2 ) \
	        -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t/leak- \
	        $(FUZZ_BUILD)/corpus/$$t >$(FUZZ_BUILD)/leaks-$$t.log 2>&1; then \
	        echo "fuzz: $$t: leak check of $$(ls $(FUZZ_BUILD)/corpus/$$t | wc -l) corpus inputs: clean"; \
	    else fail=1; \
	        echo "fuzz: $$t: leak check FAILED; see $(FUZZ_BUILD)/leaks-$$t.log" >&2; \
	        grep -E 'ERROR: |SUMMARY: |Direct leak' $(FUZZ_BUILD)/leaks-$$t.log | head -5 >&2; fi; \
	    rm -rf $(FUZZ_TMP)/dcimpact-fuzz-*; \
	    done; exit $$fail

fuzz: fuzz-run

fuzz-short: FUZZ_SECONDS = 10
fuzz-short: fuzz-run

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

.PHONY: fuzz fuzz-short fuzz-run fuzz-build fuzz-regress fuzz-corpus \
        fuzz-check-clang fuzz-clean
.PRECIOUS: $(FUZZ_BUILD)/obj/%.o

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)

-include $(FUZZ_LIB_OBJS:.o=.d) $(patsubst %,$(FUZZ_BUILD)/fuzz_%.d,$(FUZZ_TARGETS))
