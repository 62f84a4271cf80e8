/*
 * readers.c - streaming readers of the formats import takes: csv, tsv,
 * json, jsonl (read-json.c) and yaml (read-yaml.c).  Each hands out one
 * record at a time as pairs of (column, value); a column is a name met
 * in the header or as a key.  Memory stays flat in the number of
 * records: one input buffer, one record buffer that grows to the
 * longest record, and bounded values.  This file: the interface, the
 * input, the record being built, and csv and tsv.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers.h"

const char *
ips_in_quote(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s), cut, i;
	int bad;

	if (n < 8) {
		buf[0] = '\0';
		return buf;
	}
	bad = ips_utf8_valid(s, len) != 0;
	cut = len < n - 4 ? len : n - 4;
	/* Not inside a UTF-8 sequence. */
	while (cut > 0 && cut < len && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	for (i = 0; i < cut; i++) {
		unsigned char c = s[i];

		buf[i] = c < 0x20 || c == 0x7f || (bad && c >= 0x80) ? '?' : c;
	}
	if (cut < len)
		memcpy(buf + i, "...", 3), i += 3;
	buf[i] = '\0';
	return buf;
}

int
ips_in_format_parse(const char *s)
{
	static const struct {
		const char *name;
		enum ips_in_format f;
	} names[] = {
		{ "csv", IPS_IN_CSV }, { "tsv", IPS_IN_TSV },
		{ "json", IPS_IN_JSON }, { "jsonl", IPS_IN_JSONL },
		{ "ndjson", IPS_IN_JSONL }, { "yaml", IPS_IN_YAML },
		{ "yml", IPS_IN_YAML },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].f;
	return -1;
}

/* Input, a buffer at a time. */

int
ips_rd_fill(struct ips_reader *r)
{
	if (r->eof)
		return 0;
	r->pos = 0;
	r->len = fread(r->buf, 1, IPS_RD_BUF, r->fp);
	if (r->len == 0) {
		r->eof = 1;
		if (ferror(r->fp))
			r->read_errno = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

/* The record under construction. */

void
ips_rd_reset(struct ips_reader *r)
{
	r->reclen = 0;
	r->n = 0;
	r->defer[0] = '\0';
	r->serial++;
	r->recline = r->line;
}

/* Notes the record's first problem; reading goes on to its end. */
void
ips_rd_defer(struct ips_reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->defer[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(r->defer, sizeof r->defer, fmt, ap);
	va_end(ap);
}

int
ips_rd_grow(struct ips_reader *r, size_t need)
{
	size_t n = r->recsize ? r->recsize : 4096;
	char *p;

	while (n < need)
		n *= 2;
	if ((p = realloc(r->rec, n)) == NULL) {
		r->nomem = 1;
		return -1;
	}
	r->rec = p;
	r->recsize = n;
	return 0;
}

void
ips_rd_put_n(struct ips_reader *r, const char *s, size_t n)
{
	size_t room = IPS_IN_VALUE_MAX + 1 - (r->reclen - r->vstart);

	if (n > room)
		n = room;
	if (r->reclen + n + 1 >= r->recsize &&
	    ips_rd_grow(r, r->reclen + n + 2) != 0)
		return;
	memcpy(r->rec + r->reclen, s, n);
	r->reclen += n;
}

/* Ends the value: NUL, and whether it fits. */
int
ips_rd_end(struct ips_reader *r)
{
	if (r->reclen + 1 > r->recsize && ips_rd_grow(r, r->reclen + 1) != 0)
		return -1;
	r->rec[r->reclen++] = '\0';
	return r->reclen - 1 - r->vstart > IPS_IN_VALUE_MAX ? -1 : 0;
}

/* Adds the value just ended (or a null) as column col's. */
void
ips_rd_pair(struct ips_reader *r, int col, int null)
{
	char q[64];

	if (ips_rd_end(r) != 0 && !r->nomem) {
		ips_rd_defer(r, "%s: longer than %d bytes",
		    ips_in_quote(r->names[col], q, sizeof q), IPS_IN_VALUE_MAX);
		value_drop(r);
		return;
	}
	if (r->stamp[col] == r->serial) {
		ips_rd_defer(r, "key '%s' given twice",
		    ips_in_quote(r->names[col], q, sizeof q));
		value_drop(r);
		return;
	}
	r->stamp[col] = r->serial;
	r->col[r->n] = col;
	r->off[r->n] = null ? IPS_RD_NULL : r->vstart;
	r->n++;
	if (null)
		value_drop(r);
}

int
ips_rd_done(struct ips_reader *r, struct ips_record *rec)
{
	int i;

	rec->line = r->recline;
	if (r->nomem) {
		r->done = 1;
		return ips_nomem(r->h);
	}
	if (r->defer[0] != '\0')
		return ips_fail(r->h, IPS_EDATA, "%s", r->defer);
	for (i = 0; i < r->n; i++)
		r->val[i] = r->off[i] == IPS_RD_NULL ? NULL :
		    r->rec + r->off[i];
	rec->n = r->n;
	rec->col = r->col;
	rec->val = r->val;
	return 1;
}

/* An error that ends reading, at the current line. */
static int
fatal(struct ips_reader *r, struct ips_record *rec, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fatal(struct ips_reader *r, struct ips_record *rec, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->h->err, sizeof r->h->err, fmt, ap);
	va_end(ap);
	r->h->status = IPS_EDATA;
	r->done = 1;
	rec->line = r->line;
	return IPS_EDATA;
}

static int
read_failed(struct ips_reader *r, struct ips_record *rec)
{
	r->done = 1;
	rec->line = r->line;
	return ips_fail(r->h, IPS_EIO, "cannot read '%s': %s", r->name,
	    strerror(r->read_errno));
}

/* Column names. */

int
ips_rd_intern(struct ips_reader *r, const char *s, size_t n, long line)
{
	int i;

	/* An empty key read before anything else has no buffer yet. */
	if (s == NULL)
		s = "";
	/* Keys tend to come in the same order in every record. */
	if (r->hint < r->ncols && strncmp(r->names[r->hint], s, n) == 0 &&
	    r->names[r->hint][n] == '\0')
		return r->hint++;
	for (i = 0; i < r->ncols; i++)
		if (strncmp(r->names[i], s, n) == 0 && r->names[i][n] == '\0') {
			r->hint = i + 1;
			return i;
		}
	if (r->ncols == IPS_IN_COLS || n > IPS_IN_NAME_MAX)
		return -1;
	if ((r->names[i] = malloc(n + 1)) == NULL) {
		r->nomem = 1;
		return -1;
	}
	memcpy(r->names[i], s, n);
	r->names[i][n] = '\0';
	r->name_line[i] = line;
	r->hint = i + 1;
	return r->ncols++;
}

/* A key of a json object or yaml mapping as a column, or -1 with the
 * record's problem noted. */
int
ips_rd_key(struct ips_reader *r, const char *s, size_t n, long line)
{
	char key[64], q[64];
	int col;

	if ((col = ips_rd_intern(r, s, n, line)) >= 0 || r->nomem)
		return col;
	snprintf(key, sizeof key, "%.*s", (int)(n < 60 ? n : 60), s);
	if (r->ncols == IPS_IN_COLS)
		ips_rd_defer(r, "key '%s': more than %d different keys",
		    ips_in_quote(key, q, sizeof q), IPS_IN_COLS);
	else
		ips_rd_defer(r, "key '%s': longer than %d bytes",
		    ips_in_quote(key, q, sizeof q), IPS_IN_NAME_MAX);
	return -1;
}

/* Skips a UTF-8 byte order mark; refuses UTF-16. */
int
ips_rd_start(struct ips_reader *r, struct ips_record *rec)
{
	unsigned char *b;

	if (peek(r) == EOF)
		return 0;
	/* ips_rd_fill() reads a whole buffer, so the first bytes are all there
	 * unless the input is shorter. */
	b = (unsigned char *)r->buf + r->pos;
	if (r->len - r->pos >= 3 && b[0] == 0xef && b[1] == 0xbb &&
	    b[2] == 0xbf)
		r->pos += 3;
	else if (r->len - r->pos >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff)))
		return fatal(r, rec, "UTF-16 text: save the file as UTF-8");
	return 0;
}

/* csv and tsv */

/* A value of field n that does not fit, named by the header. */
static void
too_long(struct ips_reader *r, int n)
{
	char q[64];

	if (r->started && n < r->ncols)
		ips_rd_defer(r, "%s: longer than %d bytes",
		    ips_in_quote(r->names[n], q, sizeof q), IPS_IN_VALUE_MAX);
	else
		ips_rd_defer(r, "field %d: longer than %d bytes", n + 1,
		    IPS_IN_VALUE_MAX);
}

/*
 * One line of csv (RFC 4180: "" inside quotes, line breaks inside
 * quotes, CRLF or LF) or tsv (\t \n \r \\ escaped) into the record, its
 * fields as columns 0, 1, ...  Returns 0 at the end of the input, 1 for
 * a line, -1 on an error that ends reading.
 */
static int
delimited_line(struct ips_reader *r, struct ips_record *rec, int *blank)
{
	int tsv = r->format == IPS_IN_TSV, sep = tsv ? '\t' : ',';
	int c, n = 0, quoted;
	long qline;

	ips_rd_reset(r);
	*blank = 0;
	if (peek(r) == EOF)
		return 0;
	for (;;) {
		value_begin(r);
		quoted = 0;
		c = get(r);
		if (c == '"' && !tsv) {
			quoted = 1;
			qline = r->line;
			for (;;) {
				c = get(r);
				if (c == EOF) {
					r->line = qline;
					fatal(r, rec, "unterminated quoted "
					    "field");
					return -1;
				}
				if (c == '"') {
					if (peek(r) != '"')
						break;
					get(r);
				}
				/* No value may hold a CR: a line break
				 * typed in a cell is a line break. */
				if (c == '\r' && peek(r) == '\n')
					continue;
				put(r, c);
			}
			c = get(r);
			if (c == '\r' && peek(r) == '\n')
				c = get(r);
			if (c != sep && c != '\n' && c != EOF) {
				ips_rd_defer(r, "text after a closing quote");
				while (c != '\n' && c != EOF)
					c = get(r);
			}
		} else {
			for (; c != sep && c != '\n' && c != EOF; c = get(r)) {
				if (c == '\r' && peek(r) == '\n')
					continue;
				if (c == '\\' && tsv) {
					c = peek(r);
					if (c == 't' || c == 'n' || c == 'r' ||
					    c == '\\') {
						get(r);
						c = c == 't' ? '\t' : c == 'n' ?
						    '\n' : c == 'r' ? '\r' :
						    '\\';
					} else
						c = '\\';
				}
				put(r, c);
			}
		}
		if (n == IPS_IN_COLS) {
			ips_rd_defer(r, "more than %d fields", IPS_IN_COLS);
			value_drop(r);
		} else {
			if (ips_rd_end(r) != 0 && !r->nomem)
				too_long(r, n);
			r->col[n] = n;
			r->off[n] = r->vstart;
			r->n = ++n;
		}
		if (c != sep)
			break;
	}
	*blank = n == 1 && !quoted && r->rec[r->off[0]] == '\0';
	return 1;
}

static int
delimited_next(struct ips_reader *r, struct ips_record *rec)
{
	char q[64];
	int rc, blank, i, j;

	do {
		if ((rc = delimited_line(r, rec, &blank)) <= 0)
			return rc < 0 ? IPS_EDATA : 0;
	} while (blank);
	if (r->started) {
		if (r->defer[0] == '\0' && r->n != r->ncols)
			ips_rd_defer(r, "%d fields, the header has %d", r->n,
			    r->ncols);
		return ips_rd_done(r, rec);
	}
	/* The header: the column names, trimmed of spaces. */
	r->started = 1;
	rec->line = r->recline;
	if (r->defer[0] != '\0') {
		r->done = 1;
		return ips_fail(r->h, IPS_EDATA, "%s", r->defer);
	}
	for (i = 0; i < r->n; i++) {
		char *s = r->rec + r->off[i];
		size_t len = strlen(s);

		while (*s == ' ' || *s == '\t')
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		for (j = 0; j < r->ncols; j++)
			if (strncmp(r->names[j], s, len) == 0 &&
			    r->names[j][len] == '\0') {
				s[len] = '\0';
				r->done = 1;
				return ips_fail(r->h, IPS_EDATA, "column '%s' "
				    "given twice", ips_in_quote(s, q,
				    sizeof q));
			}
		if (len > IPS_IN_NAME_MAX) {
			r->done = 1;
			return ips_fail(r->h, IPS_EDATA, "column %d: name "
			    "longer than %d bytes", i + 1, IPS_IN_NAME_MAX);
		}
		r->hint = r->ncols;
		if (ips_rd_intern(r, s, len, r->recline) < 0) {
			r->done = 1;
			return ips_nomem(r->h);
		}
	}
	return delimited_next(r, rec);
}

/* The reader's interface. */

int
ips_reader_open(ips *h, FILE *fp, const char *name, enum ips_in_format f,
    struct ips_reader **rp)
{
	struct ips_reader *r;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return ips_nomem(h);
	r->h = h;
	r->fp = fp;
	r->name = name;
	r->format = f;
	r->line = 1;
	if (f == IPS_IN_YAML) {
		if (!yaml_parser_initialize(&r->yp)) {
			free(r);
			return ips_nomem(h);
		}
		r->yp_ready = 1;
		yaml_parser_set_input_file(&r->yp, fp);
	} else if ((r->buf = malloc(IPS_RD_BUF)) == NULL) {
		free(r);
		return ips_nomem(h);
	}
	*rp = r;
	return 0;
}

void
ips_reader_close(struct ips_reader *r)
{
	int i;

	if (r == NULL)
		return;
	if (r->yp_ready)
		yaml_parser_delete(&r->yp);
	for (i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->buf);
	free(r->rec);
	free(r);
}

int
ips_reader_next(struct ips_reader *r, struct ips_record *rec)
{
	int rc;

	rec->n = 0;
	rec->line = r->line;
	if (r->done)
		return 0;
	switch (r->format) {
	case IPS_IN_CSV:
	case IPS_IN_TSV:
		if (!r->started && ips_rd_start(r, rec) != 0)
			return IPS_EDATA;
		rc = delimited_next(r, rec);
		break;
	case IPS_IN_JSON:
	case IPS_IN_JSONL:
		rc = ips_rd_json_next(r, rec);
		break;
	default:
		rc = ips_rd_yaml_next(r, rec);
		break;
	}
	if (r->read_errno != 0)
		return read_failed(r, rec);
	if (r->nomem) {
		r->done = 1;
		return ips_nomem(r->h);
	}
	return rc;
}

int
ips_reader_columns(const struct ips_reader *r, const char *const **names,
    const long **lines)
{
	*names = (const char *const *)r->names;
	if (lines != NULL)
		*lines = r->name_line;
	return r->ncols;
}
