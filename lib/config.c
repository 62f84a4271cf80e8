/*
 * config.c - the configuration file and the environment.
 *
 * The only file of libips that reads the environment: everything the
 * other files need from it is resolved here, once, into struct ips_config.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "internal.h"

#ifndef IPS_SYSCONFIG
#define IPS_SYSCONFIG "/etc/ips/config.yaml"
#endif

/* A configuration file is a few lines; anything this big is a mistake. */
#define CONFIG_MAX (1024 * 1024)

#define DEFAULT_HOURS 37.5
#define DEFAULT_BUSY_MS 10000

enum kind {
	K_PATH,		/* string; "~/" expanded, relative to the file */
	K_STRING,
	K_HOURS,	/* number above 0, at most 168 */
	K_COUNT,	/* number, 0 or more */
	K_SHARE,	/* number from 0 to 1 */
	K_TARGETS,	/* the targets mapping */
};

struct key {
	const char *name;
	enum kind kind;
	size_t off;		/* in struct ips_config or struct ips_targets */
};

static const struct key top_keys[] = {
	{ "database", K_PATH, offsetof(struct ips_config, database) },
	{ "me", K_STRING, offsetof(struct ips_config, me) },
	{ "hours-per-week", K_HOURS,
	    offsetof(struct ips_config, hours_per_week) },
	{ "targets", K_TARGETS, offsetof(struct ips_config, targets) },
	{ NULL, 0, 0 },
};

static const struct key target_keys[] = {
	{ "employer-contacts-per-week", K_COUNT,
	    offsetof(struct ips_targets, employer_contacts_per_week) },
	{ "caseload", K_COUNT, offsetof(struct ips_targets, caseload) },
	{ "days-to-first-contact", K_COUNT,
	    offsetof(struct ips_targets, days_to_first_contact) },
	{ "employer-time-share", K_SHARE,
	    offsetof(struct ips_targets, employer_time_share) },
	{ "community-share", K_SHARE,
	    offsetof(struct ips_targets, community_share) },
	{ NULL, 0, 0 },
};

/* One parse of one file. */
struct cparse {
	ips *h;
	const char *path;
	const unsigned char *buf;
	size_t len;
	yaml_parser_t parser;
	yaml_event_t ev;
	int have_ev;
	struct ips_config *cfg;
};

static void
set_defaults(struct ips_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->targets.employer_contacts_per_week = 6;
	cfg->targets.caseload = 20;
	cfg->targets.days_to_first_contact = 30;
	cfg->targets.employer_time_share = 0.6;
	cfg->targets.community_share = 0.65;
	cfg->hours_per_week = DEFAULT_HOURS;
	cfg->busy_timeout_ms = DEFAULT_BUSY_MS;
}

void
ips_config_clear(struct ips_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->database);
	free(cfg->me);
	free(cfg->today);
	free(cfg->editor);
	memset(cfg, 0, sizeof *cfg);
}

/* An environment variable, with an empty value taken as unset. */
static const char *
env(const char *name)
{
	const char *s = getenv(name);

	return s != NULL && *s != '\0' ? s : NULL;
}

/* An XDG base directory: the XDG specification ignores relative paths. */
static const char *
env_xdg(const char *name)
{
	const char *s = env(name);

	return s != NULL && *s == '/' ? s : NULL;
}

/* a followed by b, heap-allocated; NULL when out of memory. */
static char *
concat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s;

	if ((s = malloc(na + nb + 1)) == NULL)
		return NULL;
	memcpy(s, a, na);
	memcpy(s + na, b, nb + 1);
	return s;
}

/*
 * Reads all of fp into a NUL-terminated buffer.  The file is read into
 * memory, not streamed to libyaml, so that a reader error's byte offset
 * can be turned into a line number.
 */
static int
read_all(ips *h, const char *path, FILE *fp, unsigned char **bufp,
    size_t *lenp)
{
	unsigned char *buf = NULL, *nbuf;
	size_t len = 0, cap = 0, n;

	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((nbuf = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				return ips_nomem(h);
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (len > CONFIG_MAX) {
			free(buf);
			return ips_fail(h, IPS_ECONFIG,
			    "config file '%s' is too large", path);
		}
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;

		free(buf);
		return ips_fail(h, IPS_ECONFIG,
		    "cannot read config file '%s': %s", path, strerror(e));
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

/*
 * Opens path.  A missing file is an error when required, and otherwise
 * leaves *fpp NULL: the default locations are optional.
 */
static int
open_file(ips *h, const char *path, int required, FILE **fpp)
{
	FILE *fp;

	*fpp = NULL;
	if ((fp = fopen(path, "r")) != NULL) {
		*fpp = fp;
		return 0;
	}
	if (errno == ENOENT || errno == ENOTDIR) {
		if (!required)
			return 0;
		return ips_fail(h, IPS_ECONFIG, "config file '%s' not found",
		    path);
	}
	return ips_fail(h, IPS_ECONFIG, "cannot read config file '%s': %s",
	    path, strerror(errno));
}

static unsigned long
line_of(const yaml_mark_t *m)
{
	return (unsigned long)m->line + 1;
}

/* The 1-based line of a byte offset into the file. */
static unsigned long
line_at(const struct cparse *p, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off && i < p->len; i++)
		if (p->buf[i] == '\n')
			line++;
	return line;
}

static int
syntax_error(struct cparse *p)
{
	yaml_parser_t *y = &p->parser;
	const char *problem = y->problem ? y->problem : "syntax error";

	switch (y->error) {
	case YAML_MEMORY_ERROR:
		return ips_nomem(p->h);
	case YAML_READER_ERROR:
		return ips_fail(p->h, IPS_ECONFIG, "%s:%lu: %s", p->path,
		    line_at(p, y->problem_offset), problem);
	default:
		/* libyaml's context says where a construct that never ended
		 * began: an unclosed quote is reported at the end. */
		if (y->context != NULL &&
		    y->context_mark.line != y->problem_mark.line)
			return ips_fail(p->h, IPS_ECONFIG,
			    "%s:%lu: %s (%s on line %lu)", p->path,
			    line_of(&y->problem_mark), problem, y->context,
			    line_of(&y->context_mark));
		return ips_fail(p->h, IPS_ECONFIG, "%s:%lu: %s", p->path,
		    line_of(&y->problem_mark), problem);
	}
}

/* The next event into p->ev.  Aliases are refused here, wherever they are:
 * no key of ours needs one. */
static int
next(struct cparse *p)
{
	if (p->have_ev) {
		yaml_event_delete(&p->ev);
		p->have_ev = 0;
	}
	if (!yaml_parser_parse(&p->parser, &p->ev))
		return syntax_error(p);
	p->have_ev = 1;
	if (p->ev.type == YAML_ALIAS_EVENT)
		return ips_fail(p->h, IPS_ECONFIG,
		    "%s:%lu: aliases are not supported", p->path,
		    line_of(&p->ev.start_mark));
	return 0;
}

/* Whether the event is a scalar that YAML reads as null: `key:` with
 * nothing after it, `~` or `null`. */
static int
is_null(const yaml_event_t *ev)
{
	const char *s;

	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = (const char *)ev->data.scalar.value;
	return strcmp(s, "") == 0 || strcmp(s, "~") == 0 ||
	    strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	    strcmp(s, "NULL") == 0;
}

/*
 * A decimal number: [+-]digits[.digits] or [+-].digits.  Parsed by hand,
 * not with strtod, whose decimal point follows the locale.  The digits
 * make an integer m and the value is m / 10^k: both exact in a double
 * when there are at most 15 digits, so the quotient is correctly rounded
 * and "0.65" gives the same double as the C literal 0.65.
 */
static int
parse_number(const char *s, double *out)
{
	double m = 0, scale = 1;
	int neg = 0, any = 0, digits = 0, frac = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, any = 1) {
		m = m * 10 + (*s - '0');
		if (m > 0)
			digits++;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, any = 1) {
			m = m * 10 + (*s - '0');
			scale *= 10;
			if (m > 0)
				digits++;
			frac++;
		}
		if (frac == 0 && !any)
			return -1;
	}
	if (*s != '\0' || !any || digits > 15 || frac > 15)
		return -1;
	*out = neg ? -(m / scale) : m / scale;
	return 0;
}

/* Whether a value is short and plain enough to quote in a message. */
static int
quotable(const yaml_event_t *ev)
{
	size_t i, n = ev->data.scalar.length;
	const unsigned char *s = ev->data.scalar.value;

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

static int
value_error(struct cparse *p, const char *key, const char *expected)
{
	const yaml_event_t *ev = &p->ev;

	if (ev->type == YAML_SCALAR_EVENT && quotable(ev))
		return ips_fail(p->h, IPS_ECONFIG, "%s:%lu: %s: expected %s, "
		    "not '%s'", p->path, line_of(&ev->start_mark), key,
		    expected, (const char *)ev->data.scalar.value);
	return ips_fail(p->h, IPS_ECONFIG, "%s:%lu: %s: expected %s",
	    p->path, line_of(&ev->start_mark), key, expected);
}

static int
set_number(struct cparse *p, const struct key *k, double *dst)
{
	double v;

	if (p->ev.type != YAML_SCALAR_EVENT ||
	    parse_number((const char *)p->ev.data.scalar.value, &v) != 0)
		return value_error(p, k->name, "a number");
	switch (k->kind) {
	case K_HOURS:
		if (!(v > 0 && v <= 168))
			return value_error(p, k->name,
			    "a number above 0 and at most 168");
		break;
	case K_SHARE:
		if (!(v >= 0 && v <= 1))
			return value_error(p, k->name,
			    "a number from 0 to 1");
		break;
	default:
		if (!(v >= 0))
			return value_error(p, k->name, "a number of 0 or more");
		break;
	}
	*dst = v;
	return 0;
}

/*
 * The database path as written: "~/" is the home folder and a relative
 * path is taken from the folder of the config file, so that the file
 * means the same whatever the working directory.
 */
static int
expand_path(struct cparse *p, const char *s, char **out)
{
	const char *home, *slash;
	char *dir;

	*out = NULL;
	if (strncmp(s, "~/", 2) == 0) {
		if ((home = env("HOME")) == NULL)
			return ips_fail(p->h, IPS_ECONFIG,
			    "%s:%lu: database: '~/' but HOME is not set",
			    p->path, line_of(&p->ev.start_mark));
		if ((dir = concat(home, "/")) == NULL)
			return ips_nomem(p->h);
		*out = concat(dir, s + 2);
		free(dir);
	} else if (*s == '/' || (slash = strrchr(p->path, '/')) == NULL) {
		*out = strdup(s);
	} else {
		if ((dir = strndup(p->path, (size_t)(slash - p->path) + 1))
		    == NULL)
			return ips_nomem(p->h);
		*out = concat(dir, s);
		free(dir);
	}
	return *out == NULL ? ips_nomem(p->h) : 0;
}

static int
set_string(struct cparse *p, const struct key *k, char **dst)
{
	const yaml_event_t *ev = &p->ev;
	const char *s;
	char *v;
	int rc;

	if (ev->type != YAML_SCALAR_EVENT)
		return value_error(p, k->name, "a string");
	if (is_null(ev))
		return 0;		/* `me:` with nothing: as if absent */
	s = (const char *)ev->data.scalar.value;
	if (strlen(s) != ev->data.scalar.length)
		return ips_fail(p->h, IPS_ECONFIG,
		    "%s:%lu: %s: NUL character in the value", p->path,
		    line_of(&ev->start_mark), k->name);
	/* "" names no file and no one: a slip, not a choice. */
	if (s[0] == '\0')
		return value_error(p, k->name, k->kind == K_PATH ?
		    "a file name" : "a handle");
	if (k->kind == K_PATH) {
		if ((rc = expand_path(p, s, &v)) != 0)
			return rc;
	} else if ((v = strdup(s)) == NULL)
		return ips_nomem(p->h);
	*dst = v;
	return 0;
}

/*
 * The mapping whose MAPPING-START event is current: each key looked up in
 * keys, each value stored at base + off.  Leaves its MAPPING-END current.
 */
static int
parse_mapping(struct cparse *p, const struct key *keys, void *base)
{
	const struct key *k;
	unsigned seen = 0;
	unsigned long line;
	char *name;
	int rc, i;

	for (;;) {
		if ((rc = next(p)) != 0)
			return rc;
		if (p->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		line = line_of(&p->ev.start_mark);
		if (p->ev.type != YAML_SCALAR_EVENT)
			return ips_fail(p->h, IPS_ECONFIG,
			    "%s:%lu: expected a key", p->path, line);
		name = (char *)p->ev.data.scalar.value;
		for (i = 0, k = keys; k->name != NULL; i++, k++)
			if (strcmp(k->name, name) == 0 &&
			    strlen(k->name) == p->ev.data.scalar.length)
				break;
		if (k->name == NULL)
			return ips_fail(p->h, IPS_ECONFIG,
			    "%s:%lu: unknown key '%s'", p->path, line, name);
		if (seen & (1u << i))
			return ips_fail(p->h, IPS_ECONFIG,
			    "%s:%lu: duplicate key '%s'", p->path, line,
			    k->name);
		seen |= 1u << i;

		if ((rc = next(p)) != 0)
			return rc;
		switch (k->kind) {
		case K_PATH:
		case K_STRING:
			rc = set_string(p, k,
			    (char **)(void *)((char *)base + k->off));
			break;
		case K_HOURS:
		case K_COUNT:
		case K_SHARE:
			rc = set_number(p, k,
			    (double *)(void *)((char *)base + k->off));
			break;
		case K_TARGETS:
			if (is_null(&p->ev))
				break;	/* `targets:` with none: defaults */
			if (p->ev.type != YAML_MAPPING_START_EVENT)
				return value_error(p, k->name, "a mapping");
			rc = parse_mapping(p, target_keys,
			    (char *)base + k->off);
			break;
		}
		if (rc != 0)
			return rc;
	}
}

/* A stream of at most one document whose top level is a mapping. */
static int
parse_stream(struct cparse *p)
{
	int rc;

	if ((rc = next(p)) != 0)
		return rc;		/* STREAM-START */
	if ((rc = next(p)) != 0)
		return rc;
	if (p->ev.type == YAML_STREAM_END_EVENT)
		return 0;		/* an empty file, or only comments */
	if ((rc = next(p)) != 0)	/* past DOCUMENT-START */
		return rc;
	if (p->ev.type == YAML_MAPPING_START_EVENT) {
		if ((rc = parse_mapping(p, top_keys, p->cfg)) != 0)
			return rc;
	} else if (!is_null(&p->ev))
		return ips_fail(p->h, IPS_ECONFIG,
		    "%s:%lu: expected a mapping of keys to values", p->path,
		    line_of(&p->ev.start_mark));
	if ((rc = next(p)) != 0)	/* DOCUMENT-END */
		return rc;
	if ((rc = next(p)) != 0)
		return rc;
	if (p->ev.type != YAML_STREAM_END_EVENT)
		return ips_fail(p->h, IPS_ECONFIG,
		    "%s:%lu: more than one document", p->path,
		    line_of(&p->ev.start_mark));
	return 0;
}

/* Parses the open file fp into cfg, over what cfg already holds. */
static int
parse_file(ips *h, const char *path, FILE *fp, struct ips_config *cfg)
{
	struct cparse p;
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = read_all(h, path, fp, &buf, &len)) != 0)
		return rc;
	memset(&p, 0, sizeof p);
	p.h = h;
	p.path = path;
	p.buf = buf;
	p.len = len;
	p.cfg = cfg;
	if (!yaml_parser_initialize(&p.parser)) {
		free(buf);
		return ips_nomem(h);
	}
	yaml_parser_set_input_string(&p.parser, buf, len);
	rc = parse_stream(&p);
	if (p.have_ev)
		yaml_event_delete(&p.ev);
	yaml_parser_delete(&p.parser);
	free(buf);
	return rc;
}

/* Opens and parses path into cfg; a missing file is an error only when
 * required.  cfg->path is set when a file was read. */
static int
load_file(ips *h, const char *path, int required, struct ips_config *cfg)
{
	FILE *fp;
	int rc;

	if ((rc = open_file(h, path, required, &fp)) != 0 || fp == NULL)
		return rc;
	if ((cfg->path = strdup(path)) == NULL)
		rc = ips_nomem(h);
	else
		rc = parse_file(h, path, fp, cfg);
	if (fclose(fp) != 0 && rc == 0)
		rc = ips_fail(h, IPS_ECONFIG,
		    "cannot read config file '%s': %s", path, strerror(errno));
	return rc;
}

int
ips_config_parse(ips *h, const char *path, struct ips_config *cfg)
{
	int rc;

	set_defaults(cfg);
	if ((rc = load_file(h, path, 1, cfg)) != 0)
		ips_config_clear(cfg);
	return rc;
}

/* The first config file that exists: $IPS_CONFIG must, the others may. */
static int
find_and_load(ips *h, struct ips_config *cfg)
{
	const char *s;
	char *user = NULL;
	int rc;

	if ((s = env("IPS_CONFIG")) != NULL)
		return load_file(h, s, 1, cfg);
	if ((s = env_xdg("XDG_CONFIG_HOME")) != NULL)
		user = concat(s, "/ips/config.yaml");
	else if ((s = env("HOME")) != NULL)
		user = concat(s, "/.config/ips/config.yaml");
	else
		return load_file(h, IPS_SYSCONFIG, 0, cfg);
	if (user == NULL)
		return ips_nomem(h);
	rc = load_file(h, user, 0, cfg);
	free(user);
	if (rc == 0 && cfg->path == NULL)
		rc = load_file(h, IPS_SYSCONFIG, 0, cfg);
	return rc;
}

/* Replaces *dst with a copy of s. */
static int
replace(ips *h, char **dst, const char *s)
{
	char *v;

	if ((v = strdup(s)) == NULL)
		return ips_nomem(h);
	free(*dst);
	*dst = v;
	return 0;
}

int
ips_config_options(ips *h)
{
	int rc;

	if (!h->config_loaded)
		return 0;
	if (h->opt_db != NULL &&
	    (rc = replace(h, &h->cfg.database, h->opt_db)) != 0)
		return rc;
	if (h->opt_user != NULL &&
	    (rc = replace(h, &h->cfg.me, h->opt_user)) != 0)
		return rc;
	h->me_id = 0;
	return 0;
}

static int
resolve_database(ips *h, struct ips_config *cfg)
{
	const char *s;
	char *v;

	if (h->opt_db != NULL)
		return replace(h, &cfg->database, h->opt_db);
	if ((s = env("IPS_DB")) != NULL)
		return replace(h, &cfg->database, s);
	if (cfg->database != NULL)
		return 0;
	if ((s = env_xdg("XDG_DATA_HOME")) != NULL)
		v = concat(s, "/ips/ips.db");
	else if ((s = env("HOME")) != NULL)
		v = concat(s, "/.local/share/ips/ips.db");
	else
		return ips_fail(h, IPS_ECONFIG,
		    "no database: use -d FILE or set IPS_DB");
	if (v == NULL)
		return ips_nomem(h);
	cfg->database = v;
	return 0;
}

/* Exactly YYYY-MM-DD, a date that exists. */
static int
valid_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	int i, v[3] = { 0, 0, 0 }, f = 0;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == '-') {
			if (s[i] != '-')
				return 0;
			f++;
		} else if (s[i] >= '0' && s[i] <= '9')
			v[f] = v[f] * 10 + (s[i] - '0');
		else
			return 0;
	}
	return s[i] == '\0' && ips_day_valid(v[0], v[1], v[2]);
}

static int
resolve_env(ips *h, struct ips_config *cfg)
{
	const char *s;
	char *end;
	long n;
	int rc;

	if (h->opt_user != NULL) {
		if ((rc = replace(h, &cfg->me, h->opt_user)) != 0)
			return rc;
	} else if ((s = env("IPS_USER")) != NULL) {
		if ((rc = replace(h, &cfg->me, s)) != 0)
			return rc;
	}

	if ((s = env("IPS_BUSY_TIMEOUT")) != NULL) {
		errno = 0;
		n = strtol(s, &end, 10);
		if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
		    n > INT_MAX)
			return ips_fail(h, IPS_ECONFIG,
			    "IPS_BUSY_TIMEOUT: invalid number '%s'", s);
		cfg->busy_timeout_ms = (int)n;
	}

	if ((s = env("IPS_TODAY")) != NULL) {
		if (!valid_date(s))
			return ips_fail(h, IPS_ECONFIG,
			    "IPS_TODAY: invalid date '%s'", s);
		if ((rc = replace(h, &cfg->today, s)) != 0)
			return rc;
	}

	/* no-color.org: set and not empty turns colour off. */
	cfg->color = isatty(STDOUT_FILENO) && env("NO_COLOR") == NULL;

	if ((s = env("VISUAL")) == NULL && (s = env("EDITOR")) == NULL)
		s = "vi";
	return replace(h, &cfg->editor, s);
}

const struct ips_config *
ips_config(ips *h)
{
	struct ips_config cfg;

	if (h->config_loaded)
		return &h->cfg;
	set_defaults(&cfg);
	if (find_and_load(h, &cfg) != 0 || resolve_database(h, &cfg) != 0 ||
	    resolve_env(h, &cfg) != 0) {
		ips_config_clear(&cfg);
		return NULL;
	}
	ips_config_clear(&h->cfg);
	h->cfg = cfg;
	h->config_loaded = 1;
	return &h->cfg;
}
