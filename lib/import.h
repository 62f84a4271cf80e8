/*
 * import.h - what the two files of import share: import.c (the file,
 * the transaction, the errors, and the one INSERT that reads the rows
 * from a virtual table) and import-row.c (one record made a row as add
 * makes one).  Not for the rest of libips.
 */
#ifndef IPS_IMPORT_H
#define IPS_IMPORT_H

#include <stdint.h>

#include "internal.h"

#define STMTS 8			/* INSERTs kept, by the DEFAULT columns */
#define LOOKUP_MIN (1 << 10)	/* slots for specialists and references */
#define LOOKUP_MAX (1 << 16)
#define LOOKUP_LEN 1024		/* bytes of a value looked up */
#define COL_UNKNOWN (-1)
#define COL_REF (-2)

/* The fields a row gives are a bit mask. */
_Static_assert(IPS_MAXFIELDS <= 32, "a field mask is 32 bits");

/* A value of a specialist or reference field, and the id it names. */
struct lookup {
	uint32_t hash;		/* 0: empty slot */
	uint16_t field, len;	/* len <= LOOKUP_LEN */
	uint32_t off;		/* the value, in the arena */
	ips_id id;
};

struct import {
	ips *h;
	const struct ips_add_ops *ops;
	const struct ips_kind *k;
	const char *name;		/* the input, in messages */
	enum ips_in_format format;
	struct ips_reader *r;

	int colfield[IPS_IN_COLS];	/* field, COL_REF or COL_UNKNOWN */
	int ncols;			/* columns mapped so far */
	uint32_t fields;		/* fields the input names */
	int has_ref, bad_header;
	uint32_t always;		/* fields bound in every INSERT */
	uint32_t dflt;			/* fields whose column has a DEFAULT */

	struct {
		uint32_t mask;
		unsigned long used;
		sqlite3_stmt *st;
	} st[STMTS];
	int nst, last;
	unsigned long tick;

	/* The row the INSERT reads: its values as given (for after), its
	 * id, where it is, and its columns with a DEFAULT. */
	sqlite3_stmt *row;		/* SELECT ?1, ...: converted values */
	sqlite3_stmt *taken;		/* SELECT 1 ... WHERE id = ?1 */
	struct ips_values v;
	ips_id id, next_id;
	long line;
	uint32_t pattern, running;	/* the row's, the INSERT's */
	int ready;			/* made ready, not yet read */
	int handed;			/* read by the INSERT: after is due */
	int more;			/* records may follow */
	int fatal;			/* a status that ends the import */
	int registered;			/* the virtual table */

	struct lookup *tab;
	size_t nslots, nused;
	char *arena;
	size_t arenalen, arenasize;

	char errs[IPS_ERRMAX];
	size_t errlen;
	int nerr, full;

	int begun, cache_size;
	long rows;			/* written */
	FILE *progress;
	int shown;
};

/*
 * Makes a record the ready row: defaults, checks, an id, and every value
 * checked and converted into m->row.  0, IPS_EDATA for a bad record, or
 * a worse status.
 */
int ips_import_row(struct import *m, const struct ips_record *rec);

#endif
