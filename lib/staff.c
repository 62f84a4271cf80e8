/*
 * staff.c - the specialists: who logs meetings and who is counted.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

int
ips_staff_add(ips *h, const struct ips_staff *s)
{
	sqlite3_stmt *st;
	ips_id dummy;
	char fields[64];
	int rc;

	if ((rc = ips_check_handle(h, s->handle)) != 0 ||
	    (rc = ips_check_text(h, "name", s->name, IPS_NAME_MAX, 0)) != 0 ||
	    (s->team != NULL && (rc = ips_check_text(h, "team", s->team,
	    IPS_NAME_MAX, 0)) != 0))
		return rc;
	if (s->fte < 0 || s->fte > 1)
		return ips_fail(h, IPS_EDATA, "fte: out of range 0.01 to 1");
	/* Specialists may add themselves: -u names the one being added. */
	if (ips_config(h) != NULL && h->cfg.me != NULL &&
	    strcmp(h->cfg.me, s->handle) == 0) {
		if ((rc = ips_open(h, IPS_WRITE)) != 0 ||
		    (rc = ips_begin(h)) != 0)
			return rc;
	} else if ((rc = ips_write_begin(h)) != 0)
		return rc;
	if (ips_staff_id(h, s->handle, &dummy) == 0) {
		rc = ips_fail(h, IPS_EDATA, "specialist '%s' exists already",
		    s->handle);
		goto fail;
	}
	if ((rc = ips_prepare(h, "INSERT INTO specialist (handle, name, team, "
	    "fte) VALUES (?, ?, ?, ?)", &st)) != 0)
		goto fail;
	ips_bind_text(st, 1, s->handle);
	ips_bind_text(st, 2, s->name);
	ips_bind_text(st, 3, s->team);
	sqlite3_bind_double(st, 4, s->fte > 0 ? s->fte : 1.0);
	if ((rc = ips_step_done(h, st)) != 0)
		goto fail;
	snprintf(fields, sizeof fields, "handle,name%s%s", s->team ? ",team" :
	    "", s->fte > 0 ? ",fte" : "");
	if ((rc = ips_audit(h, "staff add", s->handle, fields)) != 0)
		goto fail;
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}

int
ips_staff_list(ips *h, FILE *fp)
{
	static const struct ips_col cols[] = {
		{ "handle", IPS_COL_TEXT }, { "name", IPS_COL_TEXT },
		{ "team", IPS_COL_TEXT }, { "fte", IPS_COL_REAL },
		{ "left", IPS_COL_TEXT },
	};
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_prepare(h, "SELECT handle, name, team, fte, left_on "
	    "FROM specialist ORDER BY handle", &st)) != 0)
		return rc;
	return ips_out_stmt(h, fp, cols, 5, st);
}

int
ips_staff_leave(ips *h, const char *handle, ips_day on)
{
	sqlite3_stmt *st;
	char date[11];
	ips_id id;
	int rc;

	/* Someone to leave needs a file that holds them: never create one. */
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_staff_id(h, handle, &id)) != 0)
		goto fail;
	if ((rc = ips_prepare(h, "UPDATE specialist SET left_on = ? "
	    "WHERE id = ?", &st)) != 0)
		goto fail;
	ips_bind_text(st, 1, ips_day_format(on, date));
	sqlite3_bind_int64(st, 2, id);
	if ((rc = ips_step_done(h, st)) != 0 ||
	    (rc = ips_audit(h, "staff leave", handle, "left")) != 0)
		goto fail;
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}
