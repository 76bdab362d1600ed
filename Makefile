# gocl: make builds libgocl.so; see README.md for the rest.
GO      ?= $(shell command -v go || echo /usr/local/go/bin/go)
PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
VENDORS ?= /etc/OpenCL/vendors
BUILD   := $(CURDIR)/out

.PHONY: all lib deps install test bench run clean

all: lib

lib: $(BUILD)/libgocl.so $(BUILD)/vendors/gocl.icd

$(BUILD)/libgocl.so: $(shell find exports icd device mem build -name '*.go' -o -name '*.c' -o -name '*.cl' -o -name '*.h' 2>/dev/null) go.mod
	mkdir -p $(BUILD)
	$(GO) build -buildmode=c-shared -trimpath -o $@ ./exports
	rm -f $(BUILD)/libgocl.h

# The manifest the tests use: OCL_ICD_VENDORS=$(BUILD)/vendors.
$(BUILD)/vendors/gocl.icd: vendors/gocl.icd.in
	mkdir -p $(BUILD)/vendors
	sed 's|@LIBPATH@|$(BUILD)/libgocl.so|' $< > $@

install: $(BUILD)/libgocl.so
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(VENDORS)
	install -m 0755 $(BUILD)/libgocl.so $(DESTDIR)$(LIBDIR)/libgocl.so
	sed 's|@LIBPATH@|$(LIBDIR)/libgocl.so|' vendors/gocl.icd.in > $(DESTDIR)$(VENDORS)/gocl.icd

# gocl and PoCL side by side in one process: both .icd files in one folder;
# BENCH_EXTRA_ICD=/path/to/other-pocl.icd adds a second PoCL, in a second
# table from a second process with gocl (two PoCL versions in one process
# corrupt each other's heap: 3.1 and 7.1 abort in malloc).
bench: deps lib
	mkdir -p $(BUILD)/bench-vendors $(BUILD)/bench-extra
	cp $(BUILD)/vendors/gocl.icd $(BUILD)/bench-vendors/
	cp /etc/OpenCL/vendors/pocl.icd $(BUILD)/bench-vendors/ 2>/dev/null || echo "PoCL is not installed"
	rm -f $(BUILD)/bench-vendors/pocl-extra.icd $(BUILD)/bench-extra/*.icd
	if [ -n "$(BENCH_EXTRA_ICD)" ]; then cp $(BUILD)/vendors/gocl.icd $(BUILD)/bench-extra/ && cp "$(BENCH_EXTRA_ICD)" $(BUILD)/bench-extra/pocl-extra.icd; fi
	$(CC) -O2 -Wall -march=native -ffp-contract=fast -pthread -c -o $(BUILD)/ceiling.o tests/bench/ceiling.c
	$(CC) -O2 -Wall -o $(BUILD)/bench tests/bench/bench.c $(BUILD)/ceiling.o -lOpenCL -lm -pthread
	OCL_ICD_VENDORS=$(BUILD)/bench-vendors $(BUILD)/bench
	if [ -n "$(BENCH_EXTRA_ICD)" ]; then OCL_ICD_VENDORS=$(BUILD)/bench-extra $(BUILD)/bench; fi
	if [ -z "$$BENCH_ONLY" ] || [ "$$BENCH_ONLY" = hashcat ]; then tests/bench/hashcat.sh $(BUILD); fi

clean:
	rm -rf $(BUILD)

# Installs the Debian packages that are missing (needs root or sudo).
deps:
	.ci/deps

# The main job: build, show gocl in clinfo, run the demo through the loader.
run: deps lib
	$(CC) -O2 -o $(BUILD)/demo tests/demo/demo.c -lOpenCL
	OCL_ICD_VENDORS=$(BUILD)/vendors clinfo
	OCL_ICD_VENDORS=$(BUILD)/vendors $(BUILD)/demo

test: deps lib
	tests/run.sh
