/*
 * escape.c - the value encoders of the output module: one value, or one
 * name, written as tsv, csv, JSON, YAML, HTML or a Markdown table cell
 * expects it.  They know nothing of rows or columns; fmt.c lays those out.
 * Writes are not checked one by one: the stream's error flag is sticky,
 * and ips_out_row and ips_out_end look at it.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "fmt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Writes s[0..n-1] with \t, \n, \r and \\ escaped, for tsv and id. */
static void
put_tsv_n(FILE *fp, const char *s, size_t n)
{
	const char *end = s + n, *p;

	while (s < end) {
		for (p = s; p < end && *p != '\t' && *p != '\n' &&
		    *p != '\r' && *p != '\\'; p++)
			;
		if (p > s)
			fwrite(s, 1, p - s, fp);
		if (p == end)
			break;
		putc('\\', fp);
		putc(*p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' :
		    '\\', fp);
		s = p + 1;
	}
}

void
ips_put_tsv(FILE *fp, const char *s)
{
	if (s != NULL)
		put_tsv_n(fp, s, strlen(s));
}

void
ips_put_csv(FILE *fp, const char *s)
{
	size_t n;
	const char *p;

	if (s == NULL || (n = strlen(s)) == 0)
		return;
	/* RFC 4180 keeps spaces, but many readers trim them unless quoted. */
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[0] != '\t' &&
	    s[n - 1] != ' ' && s[n - 1] != '\t') {
		fwrite(s, 1, n, fp);
		return;
	}
	putc('"', fp);
	while ((p = strchr(s, '"')) != NULL) {
		fwrite(s, 1, p - s + 1, fp);
		putc('"', fp);
		s = p + 1;
	}
	fputs(s, fp);
	putc('"', fp);
}

/* Writes s[0..n-1] as a JSON string; bad UTF-8 becomes U+FFFD. */
static void
put_json_n(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	const unsigned char *end = p + n;
	size_t len;
	uint32_t cp;

	putc('"', fp);
	while (p < end) {
		for (q = p; q < end && *q >= 0x20 && *q < 0x80 && *q != '"' &&
		    *q != '\\'; q++)
			;
		if (q > p)
			fwrite(p, 1, q - p, fp);
		if ((p = q) == end)
			break;
		if (*p >= 0x80) {
			if ((len = ips_utf8_decode(p, end - p, &cp)) == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else
				fwrite(p, 1, len, fp);
			p += len;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fprintf(fp, "\\u%04x", *p);
			break;
		}
		p++;
	}
	putc('"', fp);
}

void
ips_put_json(FILE *fp, const char *s)
{
	if (s == NULL)
		fputs("null", fp);
	else
		put_json_n(fp, s, strlen(s));
}

int
ips_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* A BOOL column's value: 1, 0, or -1 when it is neither. */
static int
bool_value(const char *s)
{
	if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "false") == 0)
		return 0;
	return -1;
}

/* The text a value shows in table, tsv, csv, id, html and md. */
const char *
ips_text_value(const char *s, enum ips_col_type t)
{
	int b;

	if (s == NULL)
		return "";
	if (t == IPS_COL_BOOL && (b = bool_value(s)) >= 0)
		return b ? "yes" : "no";
	return s;
}

/*
 * The next item of a LIST value at *s, trimmed of spaces, into *item and
 * *n; empty items are skipped.  Returns 0 at the end.
 */
static int
list_next(const char **s, const char **item, size_t *n)
{
	const char *p = *s, *e;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0') {
			*s = p;
			return 0;
		}
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		*s = *e == ',' ? e + 1 : e;
		while (e > p && e[-1] == ' ')
			e--;
		if (e > p) {
			*item = p;
			*n = e - p;
			return 1;
		}
		p = *s;
	}
}

/*
 * A typed value as JSON and YAML both write it: null, a number, true or
 * false, or a flow list; they differ in how a string is put (put) and
 * what goes between list items (sep).
 */
static void
put_typed(FILE *fp, const char *s, enum ips_col_type t,
    void (*put)(FILE *, const char *, size_t), const char *sep)
{
	const char *item;
	size_t n;
	int b, first = 1;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	switch (t) {
	case IPS_COL_INT:
	case IPS_COL_REAL:
		if (ips_json_number(s)) {
			fputs(s, fp);
			return;
		}
		break;
	case IPS_COL_BOOL:
		if ((b = bool_value(s)) >= 0) {
			fputs(b ? "true" : "false", fp);
			return;
		}
		break;
	case IPS_COL_LIST:
		putc('[', fp);
		while (list_next(&s, &item, &n)) {
			if (!first)
				fputs(sep, fp);
			first = 0;
			put(fp, item, n);
		}
		putc(']', fp);
		return;
	case IPS_COL_TEXT:
		break;
	}
	put(fp, s, strlen(s));
}

void
ips_put_json_value(FILE *fp, const char *s, enum ips_col_type t)
{
	put_typed(fp, s, t, put_json_n, ",");
}

/*
 * Whether s[0..n-1] can go into YAML unquoted and still read back as the
 * same string, in block and flow context, under YAML 1.1 and 1.2: a word
 * of letters, digits and " _.@/-", starting with a letter, not ending
 * with a space, and not one of the words YAML 1.1 reads as a boolean or
 * null.  Letters past ASCII count, except the few that YAML takes for
 * line breaks or a byte order mark.
 */
static int
yaml_plain(const char *s, size_t n)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null",
	};
	const unsigned char *p = (const unsigned char *)s;
	size_t i, len;
	uint32_t cp;

	if (n == 0 || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i += len) {
		len = 1;
		if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z'))
			continue;
		if (p[i] >= 0x80) {
			len = ips_utf8_decode(p + i, n - i, &cp);
			if (len == 0 || cp < 0xa1 || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0xfeff || cp >= 0xfffe)
				return 0;
			continue;
		}
		if (i == 0 || strchr("0123456789 _.@/-", p[i]) == NULL ||
		    p[i] == '\0')
			return 0;
	}
	if (n <= 5)
		for (i = 0; i < NELEM(words); i++)
			if (strlen(words[i]) == n &&
			    strncasecmp(s, words[i], n) == 0)
				return 0;
	return 1;
}

/* Writes s[0..n-1] as a YAML double-quoted scalar. */
static void
yaml_quoted(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	const unsigned char *end = p + n;
	size_t len;
	uint32_t cp;

	putc('"', fp);
	while (p < end) {
		for (q = p; q < end && *q >= 0x20 && *q < 0x7f && *q != '"' &&
		    *q != '\\'; q++)
			;
		if (q > p)
			fwrite(p, 1, q - p, fp);
		if ((p = q) == end)
			break;
		if (*p >= 0x80) {
			len = ips_utf8_decode(p, end - p, &cp);
			if (len == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else if (cp < 0xa0)
				fprintf(fp, "\\x%02x", cp);
			else if (cp == 0x2028 || cp == 0x2029 ||
			    cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
				/* line breaks to YAML 1.1, or unprintable */
				fprintf(fp, "\\u%04x", cp);
			else
				fwrite(p, 1, len, fp);
			p += len;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\0':
			fputs("\\0", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fprintf(fp, "\\x%02x", *p);
			break;
		}
		p++;
	}
	putc('"', fp);
}

void
ips_put_yaml_n(FILE *fp, const char *s, size_t n)
{
	if (yaml_plain(s, n))
		fwrite(s, 1, n, fp);
	else
		yaml_quoted(fp, s, n);
}

void
ips_put_yaml_value(FILE *fp, const char *s, enum ips_col_type t)
{
	put_typed(fp, s, t, ips_put_yaml_n, ", ");
}

/* HTML text: the five specials escaped, line breaks kept, control
 * characters and bad UTF-8 as U+FFFD (HTML allows neither). */
void
ips_put_html(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;
	uint32_t cp;

	while (n > 0) {
		len = 1;
		switch (*p) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\n':
			fputs("<br>", fp);
			break;
		case '\r':
			if (n > 1 && p[1] == '\n')
				break;
			fputs("<br>", fp);
			break;
		case '\t':
			putc('\t', fp);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fputs(REPLACEMENT, fp);
			else if (*p < 0x80)
				putc(*p, fp);
			else if ((len = ips_utf8_decode(p, n, &cp)) == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else
				fwrite(p, 1, len, fp);
			break;
		}
		p += len;
		n -= len;
	}
}

/* A cell of a GitHub table: | escaped, line breaks as <br>, and < so that
 * text never turns into markup. */
void
ips_put_md(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '|':
			fputs("\\|", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '\r':
			if (s[1] == '\n')
				break;
			/* FALLTHROUGH */
		case '\n':
			fputs("<br>", fp);
			break;
		default:
			putc((unsigned char)*s < 0x20 ? ' ' : *s, fp);
			break;
		}
	}
}
