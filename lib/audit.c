/*
 * audit.c - who is acting, and the trail of every write.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* Lists the known handles into buf for an error message. */
static void
known_handles(ips *h, char *buf, size_t n)
{
	sqlite3_stmt *st;
	size_t len = 0;

	buf[0] = '\0';
	if (ips_prepare(h, "SELECT handle FROM specialist WHERE left_on IS NULL"
	    " ORDER BY handle", &st) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW && len + 4 < n) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		int k = snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
		    s);
		if (k < 0 || (size_t)k >= n - len) {
			snprintf(buf + len, n - len, ", ...");
			break;
		}
		len += k;
	}
	sqlite3_finalize(st);
	if (len == 0)
		snprintf(buf, n, "none yet: add one with 'ips staff add'");
}

int
ips_staff_id(ips *h, const char *handle, ips_id *id)
{
	char known[256];
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(h, "SELECT id FROM specialist WHERE handle = ?",
	    &st)) != 0)
		return rc;
	ips_bind_text(st, 1, handle);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	known_handles(h, known, sizeof known);
	/* A handle is not personal data; still, keep a typo short. */
	return ips_fail(h, IPS_EDATA, "no such specialist '%.40s' (known: %s)",
	    handle, known);
}

int
ips_me(ips *h, ips_id *id)
{
	const struct ips_config *cfg;
	char known[256];
	int rc;

	if (h->me_id != 0) {
		*id = h->me_id;
		return 0;
	}
	if ((cfg = ips_config(h)) == NULL)
		return h->status;
	if (cfg->me == NULL) {
		known_handles(h, known, sizeof known);
		return ips_fail(h, IPS_EDATA, "who is acting? use -u HANDLE "
		    "or set IPS_USER (known: %s)", known);
	}
	if ((rc = ips_staff_id(h, cfg->me, &h->me_id)) != 0)
		return rc;
	*id = h->me_id;
	return 0;
}

const char *
ips_who(ips *h)
{
	return h->me_id != 0 ? h->cfg.me : NULL;
}

int
ips_audit(ips *h, const char *action, const char *ref, const char *fields)
{
	sqlite3_stmt *st;
	char at[32];
	time_t now;
	struct tm tm;
	ips_id me;
	int rc;

	/* ips_write_begin has checked the acting handle; it is found here
	 * unless the write was the first ips staff add. */
	if (h->me_id == 0 && h->cfg.me != NULL && ips_me(h, &me) != 0)
		h->status = 0;
	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return ips_fail(h, IPS_EIO, "cannot read the clock");
	if ((rc = ips_prepare(h, "INSERT INTO audit (at, who, tool, action, "
	    "ref, fields) VALUES (?, ?, ?, ?, ?, ?)", &st)) != 0)
		return rc;
	ips_bind_text(st, 1, at);
	ips_bind_text(st, 2, ips_who(h));
	ips_bind_text(st, 3, h->tool);
	ips_bind_text(st, 4, action);
	ips_bind_text(st, 5, ref);
	ips_bind_text(st, 6, fields);
	return ips_step_done(h, st);
}

static int
staff_count(ips *h)
{
	sqlite3_stmt *st;
	int n = 1;

	if (ips_prepare(h, "SELECT count(*) FROM specialist", &st) != 0)
		return n;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int
begin(ips *h, int mode)
{
	ips_id me;
	int rc;

	if ((rc = ips_open(h, mode)) != 0 || (rc = ips_begin(h)) != 0)
		return rc;
	/* Every write names who did it; only the very first specialist is
	 * added before there is anyone to name. */
	if (h->cfg.me != NULL && (rc = ips_me(h, &me)) != 0 &&
	    staff_count(h) > 0) {
		ips_rollback(h);
		return rc;
	}
	h->status = 0;
	return 0;
}

int
ips_write_begin(ips *h)
{
	return begin(h, IPS_WRITE);
}

int
ips_update_begin(ips *h)
{
	return begin(h, IPS_UPDATE);
}
