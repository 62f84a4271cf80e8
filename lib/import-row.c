/*
 * import-row.c - one record of an import made a row as add makes one:
 * the defaults and checks of the kind, an id (its ref, or the next),
 * and every value checked and converted by ips_field_bind into the row
 * statement, whose result the INSERT reads.  Specialists and references
 * are looked up once per distinct value.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"

static uint32_t
hash(int field, const char *s, size_t n)
{
	uint32_t x = 2166136261u ^ (uint32_t)field;
	size_t i;

	for (i = 0; i < n; i++)
		x = (x ^ (unsigned char)s[i]) * 16777619u;
	return x ? x : 1;
}

/* The slot of a value of a specialist or reference field: the one
 * that holds it, or the empty one where it goes. */
static struct lookup *
lookup(struct import *m, int field, const char *s, size_t n, uint32_t x)
{
	size_t i, mask = m->nslots - 1;
	struct lookup *e;

	for (i = x & mask;; i = (i + 1) & mask) {
		e = &m->tab[i];
		if (e->hash == 0 || (e->hash == x && e->field == field &&
		    e->len == n && memcmp(m->arena + e->off, s, n) == 0))
			return e;
	}
}

/* Room for one more: twice the slots, or (at LOOKUP_MAX) a fresh start,
 * so that memory stays bounded. */
static int
make_room(struct import *m)
{
	struct lookup *old = m->tab, *e;
	size_t n = m->nslots, i;

	if (old != NULL && m->nused < n / 2)
		return 0;
	if (old != NULL && n == LOOKUP_MAX) {
		memset(m->tab, 0, n * sizeof *m->tab);
		m->nused = 0;
		m->arenalen = 0;
		return 0;
	}
	m->nslots = old ? n * 2 : LOOKUP_MIN;
	if ((m->tab = calloc(m->nslots, sizeof *m->tab)) == NULL) {
		m->tab = old;
		m->nslots = n;
		return -1;
	}
	for (i = 0; old != NULL && i < n; i++)
		if (old[i].hash != 0) {
			e = lookup(m, old[i].field, m->arena + old[i].off,
			    old[i].len, old[i].hash);
			*e = old[i];
		}
	free(old);
	return 0;
}

static void
remember(struct import *m, int field, const char *s, size_t n, uint32_t x,
    ips_id id)
{
	struct lookup *e;
	char *p;
	size_t size;

	if (n > LOOKUP_LEN || make_room(m) != 0)
		return;		/* only slower */
	if (m->arenalen + n > m->arenasize) {
		size = m->arenasize ? m->arenasize * 2 : 65536;
		while (size < m->arenalen + n)
			size *= 2;
		if ((p = realloc(m->arena, size)) == NULL)
			return;
		m->arena = p;
		m->arenasize = size;
	}
	e = lookup(m, field, s, n, x);
	e->hash = x;
	e->field = (uint16_t)field;
	e->off = (uint32_t)m->arenalen;
	e->len = (uint16_t)n;
	e->id = id;
	memcpy(m->arena + m->arenalen, s, n);
	m->arenalen += n;
	m->nused++;
}

/* Whether s is a date as it is stored: YYYY-MM-DD. */
static int
iso_date(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return s[10] == '\0';
}

/*
 * Binds field f's value.  Specialists and references go through the
 * same lookups as ips_field_bind, but each distinct value only once:
 * nothing an import adds can change what they name.
 */
static int
bind(struct import *m, int f, const char *s, sqlite3_stmt *st, int i)
{
	const struct ips_field *fd = &m->k->fields[f];
	struct lookup *e;
	ips_day day;
	size_t n;
	uint32_t x;
	ips_id id;
	int rc;

	/* A date already as stored is checked, and kept as it is (the
	 * value outlives the row's INSERT). */
	if (fd->type == IPS_F_DATE && iso_date(s)) {
		if ((rc = ips_date_parse(m->h, fd->name, s, &day)) != 0)
			return rc;
		rc = sqlite3_bind_text(st, i, s, 10, SQLITE_STATIC);
		return rc == SQLITE_OK ? 0 : ips_db_fail(m->h, rc);
	}
	if (fd->type != IPS_F_STAFF && fd->type != IPS_F_REF)
		return ips_field_bind(m->h, fd, s, st, i);
	n = strlen(s);
	x = hash(f, s, n);
	if (m->tab != NULL && (e = lookup(m, f, s, n, x))->hash != 0)
		id = e->id;
	else {
		rc = fd->type == IPS_F_STAFF ? ips_staff_id(m->h, s, &id) :
		    ips_resolve(m->h, fd->ref_type, s, &id);
		if (rc != 0)
			return ips_fail_field(m->h, rc, fd->name);
		remember(m, f, s, n, x, id);
	}
	if ((rc = sqlite3_bind_int64(st, i, id)) != SQLITE_OK)
		return ips_db_fail(m->h, rc);
	return 0;
}

/* "ref: c42 exists already", or 0. */
static int
taken(struct import *m, struct ips_ref ref)
{
	char buf[32];
	int rc;

	sqlite3_reset(m->taken);
	sqlite3_bind_int64(m->taken, 1, ref.id);
	rc = sqlite3_step(m->taken);
	sqlite3_reset(m->taken);
	if (rc == SQLITE_ROW)
		return ips_fail(m->h, IPS_EDATA, "ref: %s exists already",
		    ips_ref_format(ref, buf, sizeof buf));
	return rc == SQLITE_DONE ? 0 : ips_db_fail(m->h, rc);
}

/*
 * One record made ready as add makes one: defaults, checks, an id (its
 * ref, or the next), and every value checked and converted, by binding
 * it to the row statement, whose result is what the INSERT reads.
 */
int
ips_import_row(struct import *m, const struct ips_record *rec)
{
	const struct ips_add_ops *ops = m->ops;
	const struct ips_kind *k = m->k;
	struct ips_values *v = &m->v;
	sqlite3_stmt *st = m->row;
	struct ips_ref ref;
	char buf[32];
	int i, f, rc;

	memset(v, 0, sizeof *v);
	for (i = 0; i < rec->n; i++) {
		const char *s = rec->val[i];

		/* An empty cell is a value not given, as in add. */
		if (s != NULL && s[0] == '\0')
			s = NULL;
		if ((f = m->colfield[rec->col[i]]) >= 0)
			v->v[f] = s;
		else if (f == COL_REF)
			v->ref = s;
	}
	if ((ops->defaults && (rc = ops->defaults(m->h, v, ops->arg)) != 0) ||
	    (ops->check && (rc = ops->check(m->h, v, ops->arg)) != 0))
		return rc;
	m->pattern = 0;
	for (f = 0; f < k->nfields; f++)
		if (v->v[f] != NULL)
			m->pattern |= m->dflt & 1u << f;
		else if (k->fields[f].flags & IPS_F_REQUIRED)
			return ips_fail(m->h, IPS_EDATA, "%s: missing",
			    k->fields[f].name);
	if (v->ref != NULL) {
		if ((rc = ips_ref_parse(m->h, v->ref, k->ref_type, &ref)) != 0)
			return ips_fail_field(m->h, rc, "ref");
		if ((rc = taken(m, ref)) != 0)
			return rc;
		m->id = ref.id;
	} else
		m->id = m->next_id;
	/* The id after a record's is the next new one's (fetch counts on
	 * it): the largest of all is never given, so that none overflows. */
	if (m->id == INT64_MAX) {
		ref.type = k->ref_type;
		ref.id = m->id;
		return ips_fail(m->h, IPS_EDATA, v->ref != NULL ?
		    "ref: %s is too large" : "ref: no new reference left "
		    "below %s", ips_ref_format(ref, buf, sizeof buf));
	}
	sqlite3_reset(st);
	if ((rc = sqlite3_bind_int64(st, 1, m->id)) != SQLITE_OK)
		return ips_db_fail(m->h, rc);
	for (f = 0; f < k->nfields; f++) {
		if (k->fields[f].column == NULL)
			continue;
		if (v->v[f] == NULL)
			rc = sqlite3_bind_null(st, f + 2) == SQLITE_OK ? 0 :
			    ips_db_fail(m->h, SQLITE_NOMEM);
		else
			rc = bind(m, f, v->v[f], st, f + 2);
		if (rc != 0)
			return rc;
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return ips_db_fail(m->h, rc);
	m->line = rec->line;
	return 0;
}
