/*
 * erase.c - a client's erasure on request (ips-client erase).
 */
#include <stdio.h>

#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Erasure: every personal field, the free text about the person (status
 * reasons, the notes of meetings with or for them) goes; dates, statuses,
 * jobs and meetings stay for the statistics.  secure_delete zeroes the old
 * text in the file, and the checkpoint empties the write-ahead log, which
 * still holds copies of the old pages.
 */
static int
erase_sql(char *sql, size_t n, char *fields, size_t nf)
{
	size_t len, flen = 0;
	int i;

	len = (size_t)snprintf(sql, n, "UPDATE client SET ");
	fields[0] = '\0';
	for (i = 0; i < ips_kind_client.nfields; i++) {
		const struct ips_field *f = &ips_kind_client.fields[i];

		if (!(f->flags & IPS_F_PERSONAL) || f->column == NULL)
			continue;
		len += (size_t)snprintf(sql + len, len < n ? n - len : 0,
		    "%s = NULL, ", f->column);
		flen += (size_t)snprintf(fields + flen, flen < nf ? nf - flen :
		    0, "%s,", f->name);
	}
	len += (size_t)snprintf(sql + len, len < n ? n - len : 0,
	    "erased = ?1 WHERE id = ?2");
	flen += (size_t)snprintf(fields + flen, flen < nf ? nf - flen : 0,
	    "erased");
	return len < n && flen < nf ? 0 : -1;
}

int
ips_client_erase(ips *h, const char *ref)
{
	static const char *const more[] = {
		"UPDATE client_status SET reason = NULL WHERE client_id = ?1",
		"UPDATE meeting SET note = NULL WHERE client_id = ?1 OR id IN "
		"(SELECT meeting_id FROM meeting_for WHERE client_id = ?1)",
	};
	struct ips_client_row c;
	char sql[512], fields[256], date[11];
	sqlite3_stmt *st;
	size_t i;
	int rc, log = 0, done = 0;

	if (erase_sql(sql, sizeof sql, fields, sizeof fields) != 0)
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_client_get(h, ref, &c)) != 0)
		goto fail;
	/* Erasing again writes nothing, but checkpoints again: a reader may
	 * have held the old log the first time. */
	if (c.erased) {
		ips_rollback(h);
		goto checkpoint;
	}
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		goto fail;
	ips_bind_text(st, 1, ips_day_format(ips_today(h), date));
	sqlite3_bind_int64(st, 2, c.id);
	if ((rc = ips_step_done(h, st)) != 0)
		goto fail;
	for (i = 0; i < NELEM(more); i++) {
		if ((rc = ips_prepare(h, more[i], &st)) != 0)
			goto fail;
		sqlite3_bind_int64(st, 1, c.id);
		if ((rc = ips_step_done(h, st)) != 0)
			goto fail;
	}
	if ((rc = ips_audit(h, "erase", c.ref, fields)) != 0 ||
	    (rc = ips_commit(h)) != 0)
		goto fail;
checkpoint:
	rc = sqlite3_wal_checkpoint_v2(h->db, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if ((rc & 0xff) == SQLITE_BUSY)
		return ips_fail(h, IPS_EBUSY, "%s: erased, but others are "
		    "reading the database and old copies remain in its log: "
		    "run the erase again later", c.ref);
	if (rc != SQLITE_OK)
		return ips_db_fail(h, rc);
	return 0;
fail:
	ips_rollback(h);
	return rc;
}
