/*
 * fold.c - case folding for searches: the SQL function ips_fold and the
 * LIKE patterns that go with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * Case folding for --search: SQLite folds only ASCII, and the names here
 * are Finnish, Swedish, Vietnamese, Russian...  Latin-1, Latin Extended-A,
 * the Vietnamese letters and basic Cyrillic fold; every mapping keeps the
 * length of the UTF-8 sequence, so folding happens in place.
 */
static uint32_t
fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde)
		return c == 0xd7 ? c : c + 32;
	if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14a && c <= 0x177) || (c >= 0x1e00 && c <= 0x1e95) ||
	    (c >= 0x1ea0 && c <= 0x1eff))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if (c == 0x1a0 || c == 0x1af)	/* Ơ, Ư */
		return c + 1;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

static void
fold(char *s, size_t n)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, len;
	uint32_t c;

	while (i < n) {
		if (p[i] < 0x80) {
			if (p[i] >= 'A' && p[i] <= 'Z')
				p[i] += 32;
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0 && i + 1 < n &&
		    (p[i + 1] & 0xc0) == 0x80) {
			len = 2;
			c = (uint32_t)(p[i] & 0x1f) << 6 | (p[i + 1] & 0x3f);
		} else if ((p[i] & 0xf0) == 0xe0 && i + 2 < n &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
			len = 3;
			c = (uint32_t)(p[i] & 0x0f) << 12 |
			    (uint32_t)(p[i + 1] & 0x3f) << 6 | (p[i + 2] & 0x3f);
		} else {
			i++;
			continue;
		}
		c = fold_cp(c);
		if (len == 2) {
			p[i] = 0xc0 | (c >> 6);
			p[i + 1] = 0x80 | (c & 0x3f);
		} else {
			p[i] = 0xe0 | (c >> 12);
			p[i + 1] = 0x80 | ((c >> 6) & 0x3f);
			p[i + 2] = 0x80 | (c & 0x3f);
		}
		i += len;
	}
}

static void
fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s;
	char *buf;
	int n;

	(void)argc;
	if ((s = sqlite3_value_text(argv[0])) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	n = sqlite3_value_bytes(argv[0]);
	if ((buf = sqlite3_malloc(n + 1)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	memcpy(buf, s, n + 1);
	fold(buf, n);
	sqlite3_result_text(ctx, buf, n, sqlite3_free);
}

/* "%text%" with the text folded and LIKE's own characters escaped. */
char *
ips_like_pattern(const char *s)
{
	size_t n = strlen(s), i, k = 0;
	char *p;

	if ((p = malloc(2 * n + 3)) == NULL)
		return NULL;
	p[k++] = '%';
	for (i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			p[k++] = '\\';
		p[k++] = s[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	fold(p, k);
	return p;
}

/* ips_fold(text) on the connection, for searches. */
int
ips_fold_register(ips *h)
{
	if (sqlite3_create_function_v2(h->db, "ips_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, fold_fn, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return ips_nomem(h);
	return 0;
}
