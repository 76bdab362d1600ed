# gocl: make builds libgocl.so; see README.md for the rest.
GO      ?= go
PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
VENDORS ?= /etc/OpenCL/vendors
BUILD   := $(CURDIR)/out

.PHONY: all lib install test bench run clean

all: lib

lib: $(BUILD)/libgocl.so $(BUILD)/vendors/gocl.icd

$(BUILD)/libgocl.so: $(shell find exports icd device mem build -name '*.go' -o -name '*.c' -o -name '*.h' 2>/dev/null) go.mod
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

clean:
	rm -rf $(BUILD)

test: lib
	tests/run.sh
