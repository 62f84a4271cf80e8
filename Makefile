# ips - see README.md.  make; make check; make demo; make install.

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
DESTDIR =

CC = cc
PKGS = sqlite3 yaml-0.1 libsodium
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS = -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	$(PKG_CFLAGS) $(CFLAGS)
LDLIBS = $(PKG_LIBS) -lm

# make SAN=1 builds with AddressSanitizer and UBSan into its own folder.
SAN =
ifeq ($(SAN),1)
B = build-san
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
B = build
endif

TOOLS = ips ips-client ips-employer ips-meet ips-report
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(B)/lib/%.o)
UNITSRC = $(wildcard tests/unit/t*.c)
UNITBIN = $(UNITSRC:tests/unit/%.c=$(B)/unit/%)
BINS = $(TOOLS:%=$(B)/%)
MAN1 = $(wildcard man/man1/*.1)
MAN5 = $(wildcard man/man5/*.5)
MAN7 = $(wildcard man/man7/*.7)

all: $(BINS)

$(B)/lib/schema-sql.h: lib/schema.sql
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
		lib/schema.sql >$@.tmp && mv $@.tmp $@

$(B)/lib/schema.o: $(B)/lib/schema-sql.h

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I$(B)/lib -MMD -MP -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libips.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/%: $(B)/cmd/%.o $(B)/libips.a
	$(CC) $(LDFLAGS) -o $@ $< $(B)/libips.a $(LDLIBS)

$(B)/unit/%: tests/unit/%.c tests/unit/tap.h $(B)/libips.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libips.a $(LDLIBS)

# Installs what the build and the tests need when run as root with apt-get;
# otherwise names the command to run.
deps:
	@scripts/install-deps --check || scripts/install-deps

# After deps, a new make: the pkg-config flags above are read again, now
# that what was missing is there.
check: deps
	@$(MAKE) --no-print-directory run-check

run-check: all $(UNITBIN)
	B=$(CURDIR)/$(B) PATH="$(CURDIR)/$(B):$$PATH" \
		prove -f $(UNITBIN) tests/t[0-9]*.sh </dev/null

demo: deps
	@$(MAKE) --no-print-directory run-demo

run-demo: all
	PATH="$(CURDIR)/$(B):$$PATH" scripts/demo

bench: all
	PATH="$(CURDIR)/$(B):$$PATH" scripts/bench

lint-man:
	for f in $(MAN1) $(MAN5) $(MAN7); do \
		groff -man -ww -z $$f || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR)
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	cp scripts/completions/ips.bash $(DESTDIR)$(BASHCOMPDIR)/ips
	for t in $(filter-out ips,$(TOOLS)); do \
		ln -sf ips $(DESTDIR)$(BASHCOMPDIR)/$$t; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t \
		$(DESTDIR)$(BASHCOMPDIR)/$$t; done
	for f in $(MAN1:man/%=%) $(MAN5:man/%=%) $(MAN7:man/%=%); do \
		rm -f $(DESTDIR)$(MANDIR)/$$f; done

clean:
	rm -rf build build-san

.PHONY: all deps check run-check demo run-demo bench lint-man install uninstall clean
.SECONDARY:

-include $(LIBOBJ:.o=.d) $(BINS:$(B)/%=$(B)/cmd/%.d)
