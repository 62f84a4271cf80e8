/*
 * fmt.c - the one output module.  Every list, show, export and report
 * hands its rows to an ips_out, which writes them in the format chosen
 * with -o.  All formats but table stream: a row is written as it comes,
 * so memory stays flat however many rows there are.  Table has to see
 * every row before it knows the column widths; it keeps them in one
 * growing arena.  Each name and value is encoded by escape.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const format_names[] = {
	[IPS_FMT_TABLE] = "table",
	[IPS_FMT_TSV] = "tsv",
	[IPS_FMT_CSV] = "csv",
	[IPS_FMT_JSON] = "json",
	[IPS_FMT_JSONL] = "jsonl",
	[IPS_FMT_YAML] = "yaml",
	[IPS_FMT_ID] = "id",
	[IPS_FMT_HTML] = "html",
	[IPS_FMT_MD] = "md",
};

/* The longest part of s, in bytes, that is echoed in a message. */
#define ECHO_MAX 40

struct ips_out {
	FILE *fp;
	enum ips_format f;
	int header;
	const struct ips_col *cols;
	int ncols;
	long rows;		/* rows written, or kept by table */
	int nomem;		/* table only: a row could not be kept */
	enum { SEC_NONE, SEC_BODY, SEC_FOOT } section;	/* html */
	/* table: each row is one flag byte and ncols strings, in the arena */
	char *arena;
	size_t len, cap;
	size_t *width;
};

/* The length of s cut to at most max bytes, not inside a character. */
static size_t
echo_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

int
ips_format_parse(ips *h, const char *s, int reports, enum ips_format *f)
{
	size_t i, n;

	for (i = 0; i < NELEM(format_names); i++) {
		if (!reports && (i == IPS_FMT_HTML || i == IPS_FMT_MD))
			continue;
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum ips_format)i;
			return 0;
		}
	}
	n = echo_len(s, ECHO_MAX);
	return ips_fail(h, IPS_EUSAGE,
	    "unknown format '%.*s%s' (table, tsv, csv, json, jsonl, yaml, id%s)",
	    (int)n, s, s[n] != '\0' ? "..." : "", reports ? ", html, md" : "");
}

enum ips_format
ips_format(ips *h)
{
	if (h->format >= 0)
		return (enum ips_format)h->format;
	return isatty(STDOUT_FILENO) ? IPS_FMT_TABLE : IPS_FMT_TSV;
}

int
ips_no_header(const ips *h)
{
	return h->no_header;
}

static void
json_object(ips_out *o, const char *const *vals)
{
	int i;

	putc('{', o->fp);
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			putc(',', o->fp);
		ips_put_json(o->fp, o->cols[i].name);
		putc(':', o->fp);
		ips_put_json_value(o->fp, vals[i], o->cols[i].type);
	}
	putc('}', o->fp);
}

static void
yaml_row(ips_out *o, const char *const *vals)
{
	int i;

	if (o->ncols == 0)
		fputs("- {}\n", o->fp);
	for (i = 0; i < o->ncols; i++) {
		fputs(i == 0 ? "- " : "  ", o->fp);
		ips_put_yaml_n(o->fp, o->cols[i].name, strlen(o->cols[i].name));
		fputs(": ", o->fp);
		ips_put_yaml_value(o->fp, vals[i], o->cols[i].type);
		putc('\n', o->fp);
	}
}

static int
numeric(enum ips_col_type t)
{
	return t == IPS_COL_INT || t == IPS_COL_REAL;
}

/* One line of tsv or csv: the column names, or a row's values. */
static void
delimited_row(ips_out *o, const char *const *vals, int names)
{
	const char *s;
	int i;

	for (i = 0; i < o->ncols; i++) {
		s = names ? o->cols[i].name : ips_text_value(vals[i],
		    o->cols[i].type);
		if (o->f == IPS_FMT_TSV) {
			if (i > 0)
				putc('\t', o->fp);
			ips_put_tsv(o->fp, s);
		} else {
			if (i > 0)
				putc(',', o->fp);
			ips_put_csv(o->fp, s);
		}
	}
	fputs(o->f == IPS_FMT_TSV ? "\n" : "\r\n", o->fp);
}

static void
html_cells(ips_out *o, const char *const *vals, const char *tag)
{
	int i;

	fputs("<tr>", o->fp);
	for (i = 0; i < o->ncols; i++) {
		fprintf(o->fp, numeric(o->cols[i].type) ? "<%s class=\"num\">" :
		    "<%s>", tag);
		ips_put_html(o->fp, vals != NULL ?
		    ips_text_value(vals[i], o->cols[i].type) : o->cols[i].name);
		fprintf(o->fp, "</%s>", tag);
	}
	fputs("</tr>\n", o->fp);
}

static void
html_begin(ips_out *o)
{
	fputs("<table>\n", o->fp);
	if (o->header) {
		fputs("<thead>\n", o->fp);
		html_cells(o, NULL, "th");
		fputs("</thead>\n", o->fp);
	}
}

static void
html_row(ips_out *o, const char *const *vals, int flags)
{
	if (o->rows == 0)
		html_begin(o);
	/* Rows after a total row stay in the foot: a table has one. */
	if ((flags & IPS_ROW_TOTAL) && o->section != SEC_FOOT) {
		if (o->section == SEC_BODY)
			fputs("</tbody>\n", o->fp);
		fputs("<tfoot>\n", o->fp);
		o->section = SEC_FOOT;
	} else if (o->section == SEC_NONE) {
		fputs("<tbody>\n", o->fp);
		o->section = SEC_BODY;
	}
	html_cells(o, vals, "td");
}

static void
html_end(ips_out *o)
{
	if (o->rows == 0)
		html_begin(o);
	if (o->section == SEC_BODY)
		fputs("</tbody>\n", o->fp);
	else if (o->section == SEC_FOOT)
		fputs("</tfoot>\n", o->fp);
	fputs("</table>\n", o->fp);
}

static void
md_header(ips_out *o)
{
	int i;

	if (!o->header)
		return;
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++) {
		putc(' ', o->fp);
		ips_put_md(o->fp, o->cols[i].name);
		fputs(" |", o->fp);
	}
	putc('\n', o->fp);
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++)
		fputs(numeric(o->cols[i].type) ? " ---: |" : " --- |", o->fp);
	putc('\n', o->fp);
}

static void
md_row(ips_out *o, const char *const *vals, int flags)
{
	const char *s;
	int i, bold;

	if (o->rows == 0)
		md_header(o);
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++) {
		s = ips_text_value(vals[i], o->cols[i].type);
		bold = (flags & IPS_ROW_TOTAL) && *s != '\0';
		putc(' ', o->fp);
		if (bold)
			fputs("**", o->fp);
		ips_put_md(o->fp, s);
		if (bold)
			fputs("**", o->fp);
		fputs(" |", o->fp);
	}
	putc('\n', o->fp);
}

/* Table: the arena. */

static int
arena_put(ips_out *o, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (n > o->cap - o->len) {
		if (n > SIZE_MAX / 2 - o->len)
			return -1;
		cap = o->cap ? o->cap : 4096;
		while (cap - o->len < n)
			cap *= 2;
		if ((p = realloc(o->arena, cap)) == NULL)
			return -1;
		o->arena = p;
		o->cap = cap;
	}
	memcpy(o->arena + o->len, s, n);
	o->len += n;
	return 0;
}

/*
 * Keeps one cell as the terminal will show it: control characters as
 * \t, \n, \r or ^X so that a value stays on its line and cannot steer
 * the terminal, C1 controls as U+FFFD, bad bytes as they are.
 */
static int
table_keep(ips_out *o, int col, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	size_t start = o->len, n = strlen(s), len, w;
	uint32_t cp;
	char esc[3];
	int rc = 0;

	while (n > 0 && rc == 0) {
		for (q = p; q < p + n && *q >= 0x20 && *q != 0x7f && *q != 0xc2;
		    q++)
			;
		if (q > p) {
			rc = arena_put(o, (const char *)p, q - p);
			n -= q - p;
			p = q;
			continue;
		}
		if (*p == 0xc2) {
			len = ips_utf8_decode(p, n, &cp);
			if (len == 2 && cp < 0xa0)
				rc = arena_put(o, REPLACEMENT, 3);
			else {
				len = len ? len : 1;
				rc = arena_put(o, (const char *)p, len);
			}
			p += len;
			n -= len;
			continue;
		}
		esc[0] = *p == '\t' || *p == '\n' || *p == '\r' ? '\\' : '^';
		esc[1] = *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ?
		    'r' : *p ^ 0x40;
		rc = arena_put(o, esc, 2);
		p++;
		n--;
	}
	if (rc == 0)
		rc = arena_put(o, "", 1);
	if (rc != 0)
		return -1;
	w = ips_utf8_width(o->arena + start);
	if (w > o->width[col])
		o->width[col] = w;
	return 0;
}

static int
table_row(ips_out *o, const char *const *vals, int flags)
{
	size_t start = o->len;
	char flag = (flags & IPS_ROW_TOTAL) ? 'T' : 'R';
	int i;

	if (arena_put(o, &flag, 1) != 0)
		goto nomem;
	for (i = 0; i < o->ncols; i++)
		if (table_keep(o, i, ips_text_value(vals[i], o->cols[i].type)) != 0)
			goto nomem;
	return 0;
nomem:
	o->len = start;
	o->nomem = 1;
	return IPS_EIO;
}

static void
spaces(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/*
 * One line of the table from ncols strings at *p, moving *p past them.
 * Padding waits in pad until text follows, so no line ends in spaces.
 */
static void
table_line(ips_out *o, const char **p)
{
	const char *s;
	size_t pad = 0, w;
	int i;

	for (i = 0; i < o->ncols; i++) {
		s = *p;
		*p += strlen(s) + 1;
		if (i > 0)
			pad += 2;
		w = o->width[i] - ips_utf8_width(s);
		if (numeric(o->cols[i].type))
			pad += w;
		if (*s != '\0') {
			spaces(o->fp, pad);
			pad = 0;
			fputs(s, o->fp);
		}
		if (!numeric(o->cols[i].type))
			pad += w;
	}
	putc('\n', o->fp);
}

static void
table_end(ips_out *o)
{
	const char *p = o->arena, *end = o->arena + o->len;
	size_t rule = 0, i;
	char flag, prev = 'R';

	if (o->rows == 0 || o->nomem)
		return;
	for (i = 0; i < (size_t)o->ncols; i++)
		rule += o->width[i] + (i > 0 ? 2 : 0);
	while (p < end) {
		flag = *p++;
		if (flag == 'T' && prev != 'T') {
			for (i = 0; i < rule; i++)
				putc('-', o->fp);
			putc('\n', o->fp);
		}
		prev = flag;
		table_line(o, &p);
	}
}

ips_out *
ips_out_new(FILE *fp, enum ips_format f, int header,
    const struct ips_col *cols, int ncols)
{
	ips_out *o;
	char flag = 'H';
	int i;

	if (ncols < 0 || (o = calloc(1, sizeof *o)) == NULL)
		return NULL;
	o->fp = fp;
	o->f = f;
	o->header = header;
	o->cols = cols;
	o->ncols = ncols;
	if (f != IPS_FMT_TABLE)
		return o;
	if ((o->width = calloc(ncols > 0 ? ncols : 1, sizeof *o->width)) ==
	    NULL)
		goto fail;
	/* The header is the arena's first line, measured like the rest. */
	if (header) {
		if (arena_put(o, &flag, 1) != 0)
			goto fail;
		for (i = 0; i < ncols; i++)
			if (table_keep(o, i, cols[i].name) != 0)
				goto fail;
	}
	return o;
fail:
	ips_out_free(o);
	return NULL;
}

int
ips_out_row(ips_out *o, const char *const *vals, int flags)
{
	if ((flags & IPS_ROW_TOTAL) && o->f != IPS_FMT_TABLE &&
	    o->f != IPS_FMT_HTML && o->f != IPS_FMT_MD)
		return 0;
	switch (o->f) {
	case IPS_FMT_TABLE:
		if (table_row(o, vals, flags) != 0)
			return IPS_EIO;
		break;
	case IPS_FMT_TSV:
	case IPS_FMT_CSV:
		if (o->rows == 0 && o->header)
			delimited_row(o, NULL, 1);
		delimited_row(o, vals, 0);
		break;
	case IPS_FMT_JSON:
		fputs(o->rows == 0 ? "[\n" : ",\n", o->fp);
		json_object(o, vals);
		break;
	case IPS_FMT_JSONL:
		json_object(o, vals);
		putc('\n', o->fp);
		break;
	case IPS_FMT_YAML:
		yaml_row(o, vals);
		break;
	case IPS_FMT_ID:
		if (o->ncols > 0 && vals[0] != NULL) {
			ips_put_tsv(o->fp, ips_text_value(vals[0],
			    o->cols[0].type));
			putc('\n', o->fp);
		}
		break;
	case IPS_FMT_HTML:
		html_row(o, vals, flags);
		break;
	case IPS_FMT_MD:
		md_row(o, vals, flags);
		break;
	}
	o->rows++;
	return ferror(o->fp) ? IPS_EIO : 0;
}

int
ips_out_end(ips_out *o)
{
	int status = 0;

	switch (o->f) {
	case IPS_FMT_TABLE:
		if (o->nomem)
			status = IPS_EIO;
		table_end(o);
		break;
	case IPS_FMT_JSON:
		fputs(o->rows > 0 ? "\n]\n" : "[]\n", o->fp);
		break;
	case IPS_FMT_YAML:
		if (o->rows == 0)
			fputs("[]\n", o->fp);
		break;
	case IPS_FMT_HTML:
		html_end(o);
		break;
	case IPS_FMT_MD:
		if (o->rows == 0)
			md_header(o);
		break;
	default:
		break;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		status = IPS_EIO;
	ips_out_free(o);
	return status;
}

void
ips_out_free(ips_out *o)
{
	if (o == NULL)
		return;
	free(o->arena);
	free(o->width);
	free(o);
}

int
ips_out_stmt(ips *h, FILE *fp, const struct ips_col *cols, int ncols,
    sqlite3_stmt *st)
{
	ips_out *o;
	const char **vals;
	int i, rc, status = 0;

	vals = calloc(ncols > 0 ? ncols : 1, sizeof *vals);
	o = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols, ncols);
	if (vals == NULL || o == NULL) {
		status = ips_nomem(h);
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL) {
				vals[i] = NULL;
				continue;
			}
			vals[i] = (const char *)sqlite3_column_text(st, i);
			if (vals[i] == NULL) {
				status = ips_nomem(h);
				goto done;
			}
		}
		if (ips_out_row(o, vals, 0) != 0) {
			status = o->nomem ? ips_nomem(h) :
			    ips_fail(h, IPS_EIO, "write error");
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		status = ips_db_fail(h, rc);
		goto done;
	}
	rc = ips_out_end(o);
	o = NULL;
	if (rc != 0)
		status = ips_fail(h, IPS_EIO, "write error");
done:
	sqlite3_finalize(st);
	ips_out_free(o);
	free(vals);
	return status;
}

int
ips_out_section(ips *h, FILE *fp, const char *title,
    const struct ips_col *cols, int ncols, sqlite3_stmt *st)
{
	const char *vals[IPS_MAXFIELDS + 1];
	ips_out *o = NULL;
	int i, rc, status = 0;

	/* A section with nothing in it is left out, title and all. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (o == NULL) {
			if (title != NULL)
				fprintf(fp, "\n%s\n", title);
			if ((o = ips_out_new(fp, IPS_FMT_TABLE, 1, cols,
			    ncols)) == NULL) {
				status = ips_nomem(h);
				break;
			}
		}
		for (i = 0; i < ncols && i < (int)(sizeof vals /
		    sizeof vals[0]); i++)
			vals[i] = (const char *)sqlite3_column_text(st, i);
		if (ips_out_row(o, vals, 0) != 0) {
			status = ips_fail(h, IPS_EIO, "cannot write output");
			break;
		}
	}
	sqlite3_finalize(st);
	if (status == 0 && rc != SQLITE_DONE)
		status = ips_db_fail(h, rc);
	if (status != 0) {
		ips_out_free(o);
		return status;
	}
	if (o != NULL && ips_out_end(o) != 0)
		return ips_fail(h, IPS_EIO, "cannot write output");
	return 0;
}
