/*
 * read-yaml.c - the yaml reader, through libyaml's events: a list of
 * mappings (or one mapping, or one a document), scalars as text, plain
 * null and ~ as no value, true and false as yes and no, and a list of
 * scalars as one comma-separated value.
 */
#include <string.h>

#include "readers.h"

static int
yaml_fatal(struct ips_reader *r, struct ips_record *rec)
{
	yaml_parser_t *p = &r->yp;
	const yaml_mark_t *m = p->error == YAML_READER_ERROR ? &p->mark :
	    &p->problem_mark;

	r->done = 1;
	rec->line = (long)m->line + 1;
	if (p->error == YAML_MEMORY_ERROR)
		return ips_nomem(r->h);
	return ips_fail(r->h, IPS_EDATA, "%s%s%s", p->problem ? p->problem :
	    "invalid yaml", p->context ? " " : "", p->context ? p->context :
	    "");
}

/* Skips the rest of a node whose start event was just read. */
static int
yaml_skip(struct ips_reader *r, struct ips_record *rec)
{
	yaml_event_t ev;
	int depth = 1;

	while (depth > 0) {
		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fatal(r, rec);
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&ev);
	}
	return 0;
}

static int
yaml_null(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return ev->data.scalar.length == 0 || strcmp(s, "~") == 0 ||
	    strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	    strcmp(s, "NULL") == 0;
}

/*
 * A scalar value: appended unless null; a NUL inside cannot be kept.
 * Plain true and false are yes and no, as in json: yes/no fields are
 * written so, and text that looks like them is quoted.
 */
static int
yaml_scalar(struct ips_reader *r, const yaml_event_t *ev, int col)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	char q[64];
	int i;

	if (yaml_null(ev))
		return 1;
	for (i = 0; i < 3 && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	    i++) {
		if (strcmp(s, yes[i]) == 0) {
			ips_rd_put_n(r, "yes", 3);
			return 0;
		}
		if (strcmp(s, no[i]) == 0) {
			ips_rd_put_n(r, "no", 2);
			return 0;
		}
	}
	if (memchr(s, '\0', n) != NULL && col >= 0)
		ips_rd_defer(r, "%s: a NUL character",
		    ips_in_quote(r->names[col], q, sizeof q));
	ips_rd_put_n(r, s, n);
	return 0;
}

/* A key's value after the key; the event is deleted. */
static int
yaml_value(struct ips_reader *r, struct ips_record *rec, yaml_event_t *ev,
    int col, int *null)
{
	char q[64];
	size_t mark;
	int items = 0, rc = 0;

	*null = 0;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*null = yaml_scalar(r, ev, col);
		break;
	case YAML_SEQUENCE_START_EVENT:
		for (;;) {
			yaml_event_delete(ev);
			if (!yaml_parser_parse(&r->yp, ev))
				return yaml_fatal(r, rec);
			if (ev->type == YAML_SEQUENCE_END_EVENT)
				break;
			if (ev->type == YAML_SCALAR_EVENT) {
				mark = r->reclen;
				if (items > 0)
					put(r, ',');
				if (yaml_scalar(r, ev, col))
					r->reclen = mark;
				else
					items++;
				continue;
			}
			if (col >= 0)
				ips_rd_defer(r, "%s: a list may hold only "
				    "values", ips_in_quote(r->names[col], q,
				    sizeof q));
			if ((ev->type == YAML_SEQUENCE_START_EVENT ||
			    ev->type == YAML_MAPPING_START_EVENT) &&
			    (rc = yaml_skip(r, rec)) != 0)
				break;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		if (col >= 0)
			ips_rd_defer(r, "%s: a mapping, not a value",
			    ips_in_quote(r->names[col], q, sizeof q));
		rc = yaml_skip(r, rec);
		break;
	default:
		if (col >= 0)
			ips_rd_defer(r, "%s: aliases are not supported",
			    ips_in_quote(r->names[col], q, sizeof q));
		break;
	}
	yaml_event_delete(ev);
	return rc;
}

/* A mapping, after its start event, as one record. */
static int
yaml_mapping(struct ips_reader *r, struct ips_record *rec)
{
	yaml_event_t ev;
	long kline;
	int col, null;

	for (;;) {
		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fatal(r, rec);
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return ips_rd_done(r, rec);
		}
		col = -1;
		kline = (long)ev.start_mark.line + 1;
		if (ev.type == YAML_SCALAR_EVENT) {
			col = ips_rd_key(r, (const char *)
			    ev.data.scalar.value, ev.data.scalar.length,
			    kline);
		} else {
			ips_rd_defer(r, "a key that is not text");
			if ((ev.type == YAML_SEQUENCE_START_EVENT ||
			    ev.type == YAML_MAPPING_START_EVENT) &&
			    yaml_skip(r, rec) != 0) {
				yaml_event_delete(&ev);
				return IPS_EDATA;
			}
		}
		yaml_event_delete(&ev);
		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fatal(r, rec);
		value_begin(r);
		if (yaml_value(r, rec, &ev, col, &null) != 0)
			return r->h->status;
		if (col >= 0)
			ips_rd_pair(r, col, null);
		else
			value_drop(r);
	}
}

int
ips_rd_yaml_next(struct ips_reader *r, struct ips_record *rec)
{
	yaml_event_t ev;
	int rc;

	for (;;) {
		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fatal(r, rec);
		rec->line = (long)ev.start_mark.line + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			r->done = 1;
			return 0;
		case YAML_SEQUENCE_START_EVENT:
			if (r->in_seq) {
				rc = yaml_skip(r, rec);
				yaml_event_delete(&ev);
				return rc ? rc : ips_fail(r->h, IPS_EDATA,
				    "expected a mapping, not a list");
			}
			r->in_seq = 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
			r->in_seq = 0;
			break;
		case YAML_MAPPING_START_EVENT:
			yaml_event_delete(&ev);
			ips_rd_reset(r);
			r->recline = rec->line;
			return yaml_mapping(r, rec);
		case YAML_SCALAR_EVENT:
			/* An empty document is no record. */
			if (!r->in_seq && yaml_null(&ev))
				break;
			yaml_event_delete(&ev);
			return ips_fail(r->h, IPS_EDATA, r->in_seq ? "expected "
			    "a mapping, not a value" : "expected a list of "
			    "mappings");
		case YAML_ALIAS_EVENT:
			yaml_event_delete(&ev);
			return ips_fail(r->h, IPS_EDATA, "aliases are not "
			    "supported");
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
}
