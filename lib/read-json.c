/*
 * read-json.c - the json reader (one array of objects, or one object)
 * and the jsonl reader (one object a line), with a small streaming
 * tokenizer: values are text as written (numbers as their digits),
 * true and false are yes and no, null is no value, and an array of
 * values is one comma-separated value (job types, for).
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "readers.h"

static int
json_ws(struct ips_reader *r)
{
	int c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		get(r);
	return c;
}

/* A syntax error: the end of a json file, the rest of a jsonl line. */
static int
json_error(struct ips_reader *r, struct ips_record *rec, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static int
json_error(struct ips_reader *r, struct ips_record *rec, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->h->err, sizeof r->h->err, fmt, ap);
	va_end(ap);
	r->h->status = IPS_EDATA;
	rec->line = r->line;
	if (r->format == IPS_IN_JSONL) {
		rec->line = r->recline;
		r->resync = r->recline;
	} else
		r->done = 1;
	return -1;
}

/* Describes the character c for a syntax error. */
static const char *
json_what(int c, char *buf, size_t n)
{
	if (c == EOF)
		return "the end of the input";
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, n, "'%c'", c);
	else
		snprintf(buf, n, "byte 0x%02x", c);
	return buf;
}

static int
hex4(struct ips_reader *r, uint32_t *cp)
{
	int i, c;

	*cp = 0;
	for (i = 0; i < 4; i++) {
		c = get(r);
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*cp = *cp << 4 | (uint32_t)c;
	}
	return 0;
}

static void
put_utf8(struct ips_reader *r, uint32_t cp)
{
	if (cp < 0x80)
		put(r, (int)cp);
	else if (cp < 0x800) {
		put(r, 0xc0 | cp >> 6);
		put(r, 0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		put(r, 0xe0 | cp >> 12);
		put(r, 0x80 | (cp >> 6 & 0x3f));
		put(r, 0x80 | (cp & 0x3f));
	} else {
		put(r, 0xf0 | cp >> 18);
		put(r, 0x80 | (cp >> 12 & 0x3f));
		put(r, 0x80 | (cp >> 6 & 0x3f));
		put(r, 0x80 | (cp & 0x3f));
	}
}

/* The rest of a string after its opening quote, appended. */
static int
json_string(struct ips_reader *r, struct ips_record *rec)
{
	uint32_t cp, lo;
	int c;

	for (;;) {
		/* The plain run up to a quote or backslash, at once. */
		const char *p = r->buf + r->pos, *end = r->buf + r->len;
		const char *q = p;

		while (q < end && *q != '"' && *q != '\\' &&
		    (unsigned char)*q >= 0x20)
			q++;
		if (q > p) {
			ips_rd_put_n(r, p, q - p);
			r->pos += q - p;
		}
		c = get(r);
		if (c == '"')
			return 0;
		if (c == EOF)
			return json_error(r, rec, "unterminated string");
		if (c < 0x20)
			return json_error(r, rec, "control character in a "
			    "string");
		if (c != '\\') {
			put(r, c);
			continue;
		}
		switch (c = get(r)) {
		case '"':
		case '\\':
		case '/':
			put(r, c);
			break;
		case 'b':
			put(r, '\b');
			break;
		case 'f':
			put(r, '\f');
			break;
		case 'n':
			put(r, '\n');
			break;
		case 'r':
			put(r, '\r');
			break;
		case 't':
			put(r, '\t');
			break;
		case 'u':
			if (hex4(r, &cp) != 0)
				return json_error(r, rec, "bad \\u escape");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (get(r) != '\\' || get(r) != 'u' ||
				    hex4(r, &lo) != 0 || lo < 0xdc00 ||
				    lo > 0xdfff)
					return json_error(r, rec, "bad \\u "
					    "escape: lone surrogate");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp <= 0xdfff)
				return json_error(r, rec, "bad \\u escape: "
				    "lone surrogate");
			if (cp == 0)
				return json_error(r, rec, "\\u0000 in a "
				    "string");
			put_utf8(r, cp);
			break;
		default:
			return json_error(r, rec, "bad escape in a string");
		}
	}
}

/*
 * A number, true, false or null, appended as text: the number as
 * written, yes and no for the booleans.  *null is set for null.
 */
static int
json_literal(struct ips_reader *r, struct ips_record *rec, int *null)
{
	char word[40], what[16];
	size_t n = 0;
	int c;

	*null = 0;
	while ((c = peek(r)) != EOF && (((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '+' || c == '.')) {
		get(r);
		if (n < sizeof word - 1)
			word[n++] = (char)c;
	}
	word[n] = '\0';
	if (n == 0)
		return json_error(r, rec, "unexpected %s",
		    json_what(c, what, sizeof what));
	if (strcmp(word, "true") == 0)
		ips_rd_put_n(r, "yes", 3);
	else if (strcmp(word, "false") == 0)
		ips_rd_put_n(r, "no", 2);
	else if (strcmp(word, "null") == 0)
		*null = 1;
	else if (n < sizeof word - 1 && ips_json_number(word))
		ips_rd_put_n(r, word, n);
	else
		return json_error(r, rec, "unexpected '%.20s'", word);
	return 0;
}

/* Skips a nested value (object or array) after its opening bracket. */
static int
json_skip(struct ips_reader *r, struct ips_record *rec, int open)
{
	char stack[64], what[16];
	int depth = 0, c, null;

	stack[depth++] = (char)(open == '{' ? '}' : ']');
	while (depth > 0) {
		c = json_ws(r);
		if (c == '"') {
			get(r);
			if (json_string(r, rec) != 0)
				return -1;
		} else if (c == '{' || c == '[') {
			if (depth == (int)sizeof stack)
				return json_error(r, rec, "nested too deep");
			get(r);
			stack[depth++] = (char)(c == '{' ? '}' : ']');
		} else if (c == '}' || c == ']') {
			get(r);
			if (c != stack[--depth])
				return json_error(r, rec, "unexpected %s",
				    json_what(c, what, sizeof what));
		} else if (c == ',' || c == ':')
			get(r);
		else if (json_literal(r, rec, &null) != 0)
			return -1;
	}
	/* What was appended is not kept. */
	value_drop(r);
	return 0;
}

/*
 * A key's value: a string, a literal, or an array of those, which
 * becomes one comma-separated value (job types, the clients a meeting
 * was for).  Appended; *null for null.
 */
static int
json_value(struct ips_reader *r, struct ips_record *rec, int col, int *null)
{
	char what[16], q[64];
	size_t mark;
	int c, items = 0, inull;

	*null = 0;
	c = json_ws(r);
	if (c == '"') {
		get(r);
		return json_string(r, rec);
	}
	if (c == '{') {
		get(r);
		if (col >= 0)
			ips_rd_defer(r, "%s: an object, not a value",
			    ips_in_quote(r->names[col], q, sizeof q));
		return json_skip(r, rec, '{');
	}
	if (c != '[')
		return json_literal(r, rec, null);
	get(r);
	if (json_ws(r) == ']') {
		get(r);
		return 0;
	}
	for (;;) {
		mark = r->reclen;
		if (items > 0)
			put(r, ',');
		c = json_ws(r);
		if (c == '"') {
			get(r);
			if (json_string(r, rec) != 0)
				return -1;
			items++;
		} else if (c == '{' || c == '[') {
			get(r);
			if (col >= 0)
				ips_rd_defer(r, "%s: a list may hold only "
				    "values", ips_in_quote(r->names[col], q,
				    sizeof q));
			if (json_skip(r, rec, c) != 0)
				return -1;
			r->reclen = mark;
		} else {
			if (json_literal(r, rec, &inull) != 0)
				return -1;
			if (inull)
				r->reclen = mark;
			else
				items++;
		}
		c = json_ws(r);
		get(r);
		if (c == ']')
			return 0;
		if (c != ',')
			return json_error(r, rec, "expected ',' or ']', not %s",
			    json_what(c, what, sizeof what));
	}
}

/* An object, after its '{', as one record. */
static int
json_object(struct ips_reader *r, struct ips_record *rec)
{
	char what[16];
	long kline;
	int c, col, null;

	if (json_ws(r) == '}') {
		get(r);
		return 0;
	}
	for (;;) {
		c = json_ws(r);
		if (c != '"')
			return json_error(r, rec, "expected a key in double "
			    "quotes, not %s", json_what(c, what, sizeof what));
		get(r);
		kline = r->line;
		value_begin(r);
		if (json_string(r, rec) != 0)
			return -1;
		col = ips_rd_key(r, r->rec + r->vstart, r->reclen - r->vstart,
		    kline);
		value_drop(r);
		if (json_ws(r) != ':')
			return json_error(r, rec, "expected ':' after a key, "
			    "not %s", json_what(peek(r), what, sizeof what));
		get(r);
		value_begin(r);
		if (json_value(r, rec, col, &null) != 0)
			return -1;
		if (col >= 0)
			ips_rd_pair(r, col, null);
		else
			value_drop(r);
		c = json_ws(r);
		get(r);
		if (c == '}')
			return 0;
		if (c != ',')
			return json_error(r, rec, "expected ',' or '}', not %s",
			    json_what(c, what, sizeof what));
	}
}

/* After the data of a json file: only space may follow. */
static int
json_end(struct ips_reader *r, struct ips_record *rec)
{
	char what[16];
	int c;

	r->done = 1;
	if ((c = json_ws(r)) != EOF) {
		json_error(r, rec, "%s after the end of the data",
		    json_what(c, what, sizeof what));
		return IPS_EDATA;
	}
	return 0;
}

/*
 * json: one array of objects, or one object; jsonl: objects one after
 * another, normally one a line.  A syntax error ends a json file; in
 * jsonl, reading goes on at the next line.
 */
int
ips_rd_json_next(struct ips_reader *r, struct ips_record *rec)
{
	char what[16];
	int c;

	if (r->format == IPS_IN_JSONL) {
		if (!r->started) {
			r->started = 1;
			if (ips_rd_start(r, rec) != 0)
				return IPS_EDATA;
		}
		while (r->resync > 0 && r->line <= r->resync &&
		    get(r) != EOF)
			;
		r->resync = 0;
		if ((c = json_ws(r)) == EOF)
			return 0;
	} else if (!r->started) {
		r->started = 1;
		if (ips_rd_start(r, rec) != 0)
			return IPS_EDATA;
		if ((c = json_ws(r)) == EOF) {
			r->done = 1;
			return 0;
		}
		if (c == '[') {
			get(r);
			r->in_array = 1;
			if (json_ws(r) == ']') {
				get(r);
				return json_end(r, rec);
			}
		} else if (c != '{') {
			json_error(r, rec, "expected an array of objects, "
			    "not %s", json_what(c, what, sizeof what));
			return IPS_EDATA;
		}
		c = json_ws(r);
	} else if (!r->in_array)
		return json_end(r, rec);	/* after the one object */
	else {
		c = json_ws(r);
		get(r);
		if (c == ']')
			return json_end(r, rec);
		if (c != ',') {
			json_error(r, rec, "expected ',' or ']', not %s",
			    json_what(c, what, sizeof what));
			return IPS_EDATA;
		}
		c = json_ws(r);
	}
	ips_rd_reset(r);
	get(r);
	if (c != '{') {
		json_error(r, rec, "expected an object, not %s",
		    json_what(c, what, sizeof what));
		return IPS_EDATA;
	}
	if (json_object(r, rec) != 0)
		return IPS_EDATA;
	return ips_rd_done(r, rec);
}
