/*
 * ref.c - typed references (c42, e17, ...) and the operand loop that reads
 * them from the command line or from a pipe.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static const struct {
	int type;
	char letter;
	const char *noun;
	const char *table;
	const char *exists;
} types[] = {
	{ IPS_REF_CLIENT, 'c', "client", "client",
	    "SELECT 1 FROM client WHERE id = ?" },
	{ IPS_REF_EMPLOYER, 'e', "employer", "employer",
	    "SELECT 1 FROM employer WHERE id = ?" },
	{ IPS_REF_CONTACT, 'p', "contact", "contact",
	    "SELECT 1 FROM contact WHERE id = ?" },
	{ IPS_REF_OPENING, 'o', "opening", "opening",
	    "SELECT 1 FROM opening WHERE id = ?" },
	{ IPS_REF_JOB, 'j', "job", "job",
	    "SELECT 1 FROM job WHERE id = ?" },
	{ IPS_REF_MEETING, 'm', "meeting", "meeting",
	    "SELECT 1 FROM meeting WHERE id = ?" },
};
#define NTYPES ((int)(sizeof types / sizeof types[0]))

static int
type_index(int type)
{
	int i;

	for (i = 0; i < NTYPES; i++)
		if (types[i].type == type)
			return i;
	return 0;
}

char
ips_ref_letter(int type)
{
	return types[type_index(type)].letter;
}

const char *
ips_ref_noun(int type)
{
	return types[type_index(type)].noun;
}

char *
ips_ref_format(struct ips_ref r, char *buf, size_t n)
{
	snprintf(buf, n, "%c%lld", ips_ref_letter(r.type), (long long)r.id);
	return buf;
}

/* "client or employer" for the types in mask. */
static void
mask_nouns(int mask, char *buf, size_t n)
{
	size_t len = 0;
	int i, k, seen = 0, total = 0;

	for (i = 0; i < NTYPES; i++)
		total += (mask & types[i].type) != 0;
	buf[0] = '\0';
	for (i = 0; i < NTYPES; i++) {
		if (!(mask & types[i].type))
			continue;
		seen++;
		k = snprintf(buf + len, n - len, "%s%s", seen == 1 ? "" :
		    seen == total ? " or " : ", ", types[i].noun);
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += k;
	}
}

static const char *
article(const char *noun)
{
	return strchr("aeiou", noun[0]) ? "an" : "a";
}

static int
single_type(int mask)
{
	return mask != 0 && (mask & (mask - 1)) == 0;
}

/*
 * Whether a bad reference may be repeated in the message: only what is
 * shaped like one, short ASCII letters and digits with a digit in it
 * ("c4x2", "x9", "12a").  Anything else may be a person's name typed
 * where a reference belongs, and a client's name never goes into a
 * message (cron mails it, logs keep it).
 */
static int
quotable(const char *s)
{
	size_t i, digits = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 24 || !(isalnum((unsigned char)s[i]) || s[i] == '-' ||
		    s[i] == '_') || (unsigned char)s[i] >= 0x80)
			return 0;
		digits += isdigit((unsigned char)s[i]) != 0;
	}
	return digits > 0;
}

int
ips_ref_parse(ips *h, const char *s, int mask, struct ips_ref *r)
{
	char nouns[80];
	const char *p = s;
	char *end;
	long long id;
	int i, type = 0;

	mask_nouns(mask, nouns, sizeof nouns);
	for (i = 0; i < NTYPES; i++)
		if (*p == types[i].letter) {
			type = types[i].type;
			p++;
			break;
		}
	if (type == 0 && single_type(mask))
		type = mask;
	if (type == 0 || !isdigit((unsigned char)*p))
		goto bad;
	errno = 0;
	id = strtoll(p, &end, 10);
	if (errno != 0 || *end != '\0' || id <= 0)
		goto bad;
	if (!(type & mask))
		return ips_fail(h, IPS_EDATA, "'%s' is %s %s, not %s %s", s,
		    article(ips_ref_noun(type)), ips_ref_noun(type),
		    article(nouns), nouns);
	r->type = type;
	r->id = id;
	return 0;
bad:
	if (!quotable(s))
		return ips_fail(h, IPS_EDATA, "invalid %s reference", nouns);
	return ips_fail(h, IPS_EDATA, "invalid %s reference '%s'", nouns, s);
}

int
ips_ref_exists(ips *h, struct ips_ref r)
{
	sqlite3_stmt *st;
	char buf[32];
	int rc;

	if ((rc = ips_prepare(h, types[type_index(r.type)].exists, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, r.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	return ips_fail(h, IPS_EDATA, "%s: no such %s",
	    ips_ref_format(r, buf, sizeof buf), ips_ref_noun(r.type));
}

enum ips_refs_source
ips_refs_source(int argc, char **argv)
{
	struct stat sb;

	if (argc > 0)
		return argc == 1 && strcmp(argv[0], "-") == 0 ?
		    IPS_REFS_STDIN : IPS_REFS_ARGV;
	/* Only a pipe or a file: a terminal or /dev/null is no input at
	 * all, so cron jobs and `while read` loops list everything. */
	if (fstat(STDIN_FILENO, &sb) != 0)
		return IPS_REFS_NONE;
	if (S_ISFIFO(sb.st_mode) || S_ISREG(sb.st_mode) ||
	    S_ISSOCK(sb.st_mode))
		return IPS_REFS_STDIN;
	return IPS_REFS_NONE;
}

/* The first field of a line: up to a tab, comma or space. */
static char *
first_field(char *line)
{
	char *p;

	while (*line == ' ' || *line == '\t')
		line++;
	p = line + strcspn(line, "\t, \r\n");
	*p = '\0';
	if (line[0] == '"') {
		/* A quoted csv field: "c42" */
		line++;
		if ((p = strchr(line, '"')) != NULL)
			*p = '\0';
	}
	return line;
}

/* A header line names a column; a reference starts with a letter and a
 * digit or is a number. */
static int
looks_like_header(const char *f)
{
	return isalpha((unsigned char)f[0]) && !isdigit((unsigned char)f[1]);
}

static int
each_stdin(ips *h, int mask, ips_ref_fn fn, void *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	struct ips_ref r;
	int rc = 0;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		char *f;

		/* A file saved on Windows starts with a byte order mark,
		 * as import reads it too. */
		if (lineno == 0 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			memmove(line, line + 3, (size_t)len - 2);
		f = first_field(line);
		lineno++;
		if (f[0] == '\0' || (lineno == 1 && looks_like_header(f)))
			continue;
		if ((rc = ips_ref_parse(h, f, mask, &r)) != 0 ||
		    (rc = fn(h, r, arg)) != 0)
			break;
	}
	if (rc == 0 && ferror(stdin))
		rc = ips_fail(h, IPS_EIO, "cannot read standard input: %s",
		    strerror(errno));
	free(line);
	return rc;
}

int
ips_refs_each(ips *h, int argc, char **argv, int mask, ips_ref_fn fn,
    void *arg)
{
	struct ips_ref r;
	int i, rc;

	switch (ips_refs_source(argc, argv)) {
	case IPS_REFS_NONE:
		return 0;
	case IPS_REFS_STDIN:
		return each_stdin(h, mask, fn, arg);
	case IPS_REFS_ARGV:
		break;
	}
	/* Check them all first: a typo is reported before any work. */
	for (i = 0; i < argc; i++)
		if ((rc = ips_ref_parse(h, argv[i], mask, &r)) != 0)
			return rc;
	for (i = 0; i < argc; i++) {
		ips_ref_parse(h, argv[i], mask, &r);
		if ((rc = fn(h, r, arg)) != 0)
			return rc;
	}
	return 0;
}

struct load {
	sqlite3_stmt *st;
	long n;
};

static int
load_one(ips *h, struct ips_ref r, void *arg)
{
	struct load *l = arg;
	int rc;

	sqlite3_bind_int(l->st, 1, r.type);
	sqlite3_bind_int64(l->st, 2, r.id);
	rc = sqlite3_step(l->st);
	sqlite3_reset(l->st);
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	l->n++;
	return 0;
}

int
ips_refs_load(ips *h, int argc, char **argv, int mask, long *n)
{
	struct load l = { NULL, 0 };
	int rc;

	if ((rc = ips_exec(h, "CREATE TEMP TABLE IF NOT EXISTS refs (type "
	    "INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (type, id)) "
	    "WITHOUT ROWID")) != 0 ||
	    (rc = ips_prepare(h, "INSERT OR IGNORE INTO temp.refs (type, id) "
	    "VALUES (?, ?)", &l.st)) != 0)
		return rc;
	rc = ips_refs_each(h, argc, argv, mask, load_one, &l);
	sqlite3_finalize(l.st);
	*n = l.n;
	return rc;
}

int
ips_refs_check(ips *h)
{
	sqlite3_stmt *st;
	struct ips_ref r;
	int rc, src;

	if ((rc = ips_prepare(h, "SELECT type, id FROM temp.refs ORDER BY "
	    "type, id", &st)) != 0)
		return rc;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		r.type = sqlite3_column_int(st, 0);
		r.id = sqlite3_column_int64(st, 1);
		if ((rc = ips_ref_exists(h, r)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc == 0 && src != SQLITE_DONE)
		rc = ips_db_fail(h, src);
	return rc;
}
