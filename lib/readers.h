/*
 * readers.h - what the import readers share (readers.c: the interface,
 * input, records, csv and tsv; read-json.c; read-yaml.c): the reader's
 * state, its input buffer and the record it builds.  The rest of libips
 * uses the interface in internal.h.
 */
#ifndef IPS_READERS_H
#define IPS_READERS_H

#include <stdint.h>
#include <yaml.h>

#include "internal.h"

#define IPS_RD_BUF (256 * 1024)	/* bytes read at a time */
#define IPS_RD_NULL SIZE_MAX	/* the offset of a null value */

struct ips_reader {
	ips *h;
	FILE *fp;
	enum ips_in_format format;
	const char *name;	/* for messages from ips_reader_open */

	char *buf;		/* input; not used for yaml */
	size_t pos, len;
	int eof, read_errno;
	long line;		/* of the next byte */

	/* The record being read: values one after another, NUL-ended. */
	char *rec;
	size_t reclen, recsize, vstart;
	size_t off[IPS_IN_COLS];
	int col[IPS_IN_COLS];
	const char *val[IPS_IN_COLS];
	int n;
	long recline;
	unsigned serial, stamp[IPS_IN_COLS];	/* duplicate keys */
	int nomem;
	char defer[160];	/* what is wrong with the record so far */

	/* Columns: the header's names, or every key seen so far. */
	char *names[IPS_IN_COLS];
	long name_line[IPS_IN_COLS];
	int ncols, hint;

	int started;		/* header, '[' or the first event read */
	int done;		/* the end, or an error that stops reading */
	int in_array;		/* json: inside the top array */
	long resync;		/* jsonl: skip to the line after this one */

	yaml_parser_t yp;
	int yp_ready;
	int in_seq;		/* yaml: inside a document's sequence */
};

/* Input, a buffer at a time: 0 at the end or on an error. */
int ips_rd_fill(struct ips_reader *r);

static inline int
peek(struct ips_reader *r)
{
	if (r->pos == r->len && !ips_rd_fill(r))
		return EOF;
	return (unsigned char)r->buf[r->pos];
}

static inline int
get(struct ips_reader *r)
{
	int c;

	if (r->pos == r->len && !ips_rd_fill(r))
		return EOF;
	c = (unsigned char)r->buf[r->pos++];
	if (c == '\n')
		r->line++;
	return c;
}

/* Skips a UTF-8 byte order mark; refuses UTF-16. */
int ips_rd_start(struct ips_reader *r, struct ips_record *rec);

/*
 * The record: ips_rd_reset starts one at the current line; each value is
 * value_begin, put and ips_rd_put_n, then ips_rd_pair to keep it as a
 * column's (or value_drop); ips_rd_done hands it out, or the first
 * problem noted with ips_rd_defer.
 */
void ips_rd_reset(struct ips_reader *r);
int ips_rd_grow(struct ips_reader *r, size_t need);

static inline void
value_begin(struct ips_reader *r)
{
	r->vstart = r->reclen;
}

/* A value that outgrows IPS_IN_VALUE_MAX stops growing; ips_rd_end
 * tells. */
static inline void
put(struct ips_reader *r, int c)
{
	if (r->reclen - r->vstart >= IPS_IN_VALUE_MAX + 1)
		return;
	if (r->reclen + 1 >= r->recsize && ips_rd_grow(r, r->reclen + 2) != 0)
		return;
	r->rec[r->reclen++] = (char)c;
}

static inline void
value_drop(struct ips_reader *r)
{
	r->reclen = r->vstart;
}

void ips_rd_put_n(struct ips_reader *r, const char *s, size_t n);
/* Ends the value with a NUL: -1 when it is too long. */
int ips_rd_end(struct ips_reader *r);
void ips_rd_pair(struct ips_reader *r, int col, int null);
int ips_rd_done(struct ips_reader *r, struct ips_record *rec);
void ips_rd_defer(struct ips_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The column named s[0..n-1], added when new; -1 when there is no room
 * or the name is too long. */
int ips_rd_intern(struct ips_reader *r, const char *s, size_t n, long line);
/* The same for a key, with the problem noted for the record. */
int ips_rd_key(struct ips_reader *r, const char *s, size_t n, long line);

/* The formats' own readers. */
int ips_rd_json_next(struct ips_reader *r, struct ips_record *rec);
int ips_rd_yaml_next(struct ips_reader *r, struct ips_record *rec);

#endif
