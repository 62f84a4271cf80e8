/*
 * t-config.c - the configuration file, the environment and precedence.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static const char *const vars[] = {
	"IPS_CONFIG", "IPS_DB", "IPS_USER", "IPS_TODAY", "IPS_BUSY_TIMEOUT",
	"XDG_CONFIG_HOME", "XDG_DATA_HOME", "NO_COLOR", "VISUAL", "EDITOR",
	NULL,
};

struct ctx {
	char dir[64];		/* the scratch folder */
	char file[128];		/* dir/config.yaml */
	char home[128];		/* dir/home */
};

static void
write_file(const char *path, const char *text)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) == EOF) {
		perror(path);
		exit(99);
	}
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0700) != 0) {
		perror(path);
		exit(99);
	}
}

/* Writes text as the config file and parses it into cfg. */
static int
parse(struct ctx *c, ips *h, const char *text, struct ips_config *cfg)
{
	write_file(c->file, text);
	return ips_config_parse(h, c->file, cfg);
}

/* The message the parser should give for text. */
static void
is_error(struct ctx *c, const char *text, const char *want, const char *what)
{
	ips *h = ips_new("t-config");
	struct ips_config cfg;
	char msg[512];
	int rc;

	rc = parse(c, h, text, &cfg);
	is_int(rc, IPS_ECONFIG, what);
	snprintf(msg, sizeof msg, "%s:%s", c->file, want);
	is_str(rc ? ips_errmsg(h) : NULL, msg, what);
	ok(cfg.path == NULL && cfg.database == NULL && cfg.me == NULL,
	    "%s: nothing left behind", what);
	ips_config_clear(&cfg);
	ips_free(h);
}

/* A syntax error: libyaml's own words vary between its versions, so only
 * the file, the line and some text after them are checked. */
static void
is_syntax_error(struct ctx *c, const char *text, unsigned long line,
    const char *what)
{
	ips *h = ips_new("t-config");
	struct ips_config cfg;
	char prefix[256];
	const char *msg;
	int rc;

	rc = parse(c, h, text, &cfg);
	is_int(rc, IPS_ECONFIG, what);
	snprintf(prefix, sizeof prefix, "%s:%lu: ", c->file, line);
	msg = rc ? ips_errmsg(h) : "";
	if (!ok(strncmp(msg, prefix, strlen(prefix)) == 0 &&
	    strlen(msg) > strlen(prefix), "%s: file and line", what))
		printf("#   got:  '%s'\n#   want: '%s...'\n", msg, prefix);
	ips_config_clear(&cfg);
	ips_free(h);
}

static void
test_defaults(struct ctx *c)
{
	ips *h = ips_new("t-config");
	struct ips_config cfg;

	is_int(parse(c, h, "", &cfg), 0, "empty file");
	is_str(cfg.path, c->file, "path is the file read");
	ok(cfg.database == NULL && cfg.me == NULL, "no database, no me");
	ok(cfg.targets.employer_contacts_per_week == 6, "default contacts 6");
	ok(cfg.targets.caseload == 20, "default caseload 20");
	ok(cfg.targets.days_to_first_contact == 30, "default days 30");
	ok(cfg.targets.employer_time_share == 0.6, "default employer 0.6");
	ok(cfg.targets.community_share == 0.65, "default community 0.65");
	ok(cfg.hours_per_week == 37.5, "default hours 37.5");
	is_int(cfg.busy_timeout_ms, 10000, "default busy timeout");
	ips_config_clear(&cfg);
	ok(cfg.path == NULL && cfg.hours_per_week == 0, "clear zeroes");
	ips_config_clear(&cfg);		/* twice is harmless */
	ips_config_clear(NULL);

	is_int(parse(c, h, "# nothing yet\n\n", &cfg), 0, "comments only");
	ok(cfg.targets.caseload == 20, "comments only: defaults");
	ips_config_clear(&cfg);
	is_int(parse(c, h, "---\n...\n", &cfg), 0, "empty document");
	ips_config_clear(&cfg);
	is_int(parse(c, h, "targets:\nme:\n", &cfg), 0, "null values");
	ok(cfg.me == NULL && cfg.targets.caseload == 20, "null: as absent");
	ips_config_clear(&cfg);
	ips_free(h);
}

static void
test_keys(struct ctx *c)
{
	ips *h = ips_new("t-config");
	struct ips_config cfg;
	char want[256];

	is_int(parse(c, h,
	    "# a team's settings\n"
	    "database: /srv/ips/team.db\n"
	    "me: anna\n"
	    "hours-per-week: 40\n"
	    "targets:\n"
	    "  employer-contacts-per-week: 5\n"
	    "  caseload: 18.5\n"
	    "  days-to-first-contact: 21\n"
	    "  employer-time-share: 0.5\n"
	    "  community-share: 0.7\n", &cfg), 0, "every key");
	is_str(cfg.database, "/srv/ips/team.db", "database");
	is_str(cfg.me, "anna", "me");
	ok(cfg.hours_per_week == 40, "hours-per-week");
	ok(cfg.targets.employer_contacts_per_week == 5,
	    "employer-contacts-per-week");
	ok(cfg.targets.caseload == 18.5, "caseload");
	ok(cfg.targets.days_to_first_contact == 21, "days-to-first-contact");
	ok(cfg.targets.employer_time_share == 0.5, "employer-time-share");
	ok(cfg.targets.community_share == 0.7, "community-share");
	ips_config_clear(&cfg);

	is_int(parse(c, h, "{me: \"bo\", targets: {caseload: 12}}\n", &cfg), 0,
	    "flow style");
	is_str(cfg.me, "bo", "flow style: me");
	ok(cfg.targets.caseload == 12 && cfg.targets.community_share == 0.65,
	    "flow style: one target set, the others default");
	ips_config_clear(&cfg);

	is_int(parse(c, h, "me: Jyrki Kärkkäinen\n", &cfg), 0, "UTF-8 value");
	is_str(cfg.me, "Jyrki Kärkkäinen", "UTF-8 value kept");
	ips_config_clear(&cfg);

	/* Edges of the ranges are allowed. */
	is_int(parse(c, h, "hours-per-week: 168\ntargets:\n"
	    "  employer-time-share: 1\n  community-share: 0\n"
	    "  caseload: 0\n", &cfg), 0, "range edges");
	ok(cfg.hours_per_week == 168 && cfg.targets.employer_time_share == 1 &&
	    cfg.targets.community_share == 0 && cfg.targets.caseload == 0,
	    "range edges kept");
	ips_config_clear(&cfg);
	is_int(parse(c, h, "targets:\n  community-share: .65\n", &cfg), 0,
	    "leading point");
	ok(cfg.targets.community_share == 0.65, "'.65' is exactly 0.65");
	ips_config_clear(&cfg);

	setenv("HOME", c->home, 1);
	is_int(parse(c, h, "database: ~/ips/my.db\n", &cfg), 0, "~/ path");
	snprintf(want, sizeof want, "%s/ips/my.db", c->home);
	is_str(cfg.database, want, "~/ is the home folder");
	ips_config_clear(&cfg);
	is_int(parse(c, h, "database: team.db\n", &cfg), 0, "relative path");
	snprintf(want, sizeof want, "%s/team.db", c->dir);
	is_str(cfg.database, want, "relative to the config file's folder");
	ips_config_clear(&cfg);
	unsetenv("HOME");
	is_error(c, "database: ~/my.db\n",
	    "1: database: '~/' but HOME is not set", "~/ without HOME");
	setenv("HOME", c->home, 1);
	ips_free(h);
}

static void
test_errors(struct ctx *c)
{
	ips *h;
	struct ips_config cfg;
	char want[256];

	is_error(c, "me: anna\ndatabase: /x.db\ncolour: yes\n",
	    "3: unknown key 'colour'", "unknown key");
	is_error(c, "me: anna\ntargets:\n  caseload: 20\n  fte: 1\n",
	    "4: unknown key 'fte'", "unknown target key");
	is_error(c, "employer-contacts-per-week: 6\n",
	    "1: unknown key 'employer-contacts-per-week'",
	    "a target at the top level");
	is_syntax_error(c, "me: anna\n  database: x\n", 2, "syntax error");
	is_syntax_error(c, "me: anna\n\ttargets: x\n", 2, "tab indent");
	is_syntax_error(c, "me: anna\ndatabase: \"/x.db\n\n", 4,
	    "unclosed quote");
	is_syntax_error(c, "targets: {caseload: 3\n\n", 3, "unclosed brace");
	is_syntax_error(c, "me: anna\n\nme: \"b\xffo\"\n", 3,
	    "invalid UTF-8");
	is_syntax_error(c, "me: anna\nme: \"nul \x01\"\n", 2,
	    "control character");
	is_error(c, "targets:\n  caseload: twenty\n",
	    "2: caseload: expected a number, not 'twenty'", "not a number");
	is_error(c, "hours-per-week: 37,5\n",
	    "1: hours-per-week: expected a number, not '37,5'",
	    "decimal comma");
	is_error(c, "targets:\n  caseload:\n",
	    "2: caseload: expected a number", "empty number");
	is_error(c, "targets:\n  caseload: [20]\n",
	    "2: caseload: expected a number", "list for a number");
	is_error(c, "targets:\n  community-share: 1.5\n",
	    "2: community-share: expected a number from 0 to 1, not '1.5'",
	    "share above 1");
	is_error(c, "targets:\n  employer-time-share: -0.1\n",
	    "2: employer-time-share: expected a number from 0 to 1, "
	    "not '-0.1'", "negative share");
	is_error(c, "targets:\n  days-to-first-contact: -1\n",
	    "2: days-to-first-contact: expected a number of 0 or more, "
	    "not '-1'", "negative count");
	is_error(c, "hours-per-week: 0\n",
	    "1: hours-per-week: expected a number above 0 and at most 168, "
	    "not '0'", "zero hours");
	is_error(c, "hours-per-week: 168.5\n",
	    "1: hours-per-week: expected a number above 0 and at most 168, "
	    "not '168.5'", "more hours than a week");
	is_error(c, "me: anna\ndatabase: /a.db\nme: bo\n",
	    "3: duplicate key 'me'", "duplicate key");
	is_error(c, "targets:\n  caseload: 1\n  caseload: 2\n",
	    "3: duplicate key 'caseload'", "duplicate target key");
	is_error(c, "- me\n- anna\n", "1: expected a mapping of keys to values",
	    "a list at the top level");
	is_error(c, "\n\nanna\n", "3: expected a mapping of keys to values",
	    "a scalar at the top level");
	is_error(c, "targets: 6\n", "1: targets: expected a mapping, not '6'",
	    "targets not a mapping");
	is_error(c, "me:\n  - anna\n", "2: me: expected a string",
	    "list for a string");
	is_error(c, "me: &x anna\ndatabase: *x\n",
	    "2: aliases are not supported", "alias");
	is_error(c, "me: anna\n---\nme: bo\n", "2: more than one document",
	    "two documents");

	h = ips_new("t-config");
	snprintf(want, sizeof want, "%s/none.yaml", c->dir);
	is_int(ips_config_parse(h, want, &cfg), IPS_ECONFIG, "missing file");
	snprintf(want, sizeof want, "config file '%s/none.yaml' not found",
	    c->dir);
	is_str(ips_errmsg(h), want, "missing file: message");
	is_int(ips_status(h), IPS_ECONFIG, "missing file: status");
	ips_config_clear(&cfg);
	ips_free(h);
}

/* A fresh handle's ips_config with the environment as the caller set it. */
static const struct ips_config *
load(ips **hp, const char *opt_db, const char *opt_user)
{
	*hp = ips_new("t-config");
	(*hp)->opt_db = opt_db;
	(*hp)->opt_user = opt_user;
	return ips_config(*hp);
}

static void
test_precedence(struct ctx *c)
{
	const struct ips_config *cfg;
	ips *h;
	char want[256];

	write_file(c->file, "database: /from/config.db\nme: carl\n");
	setenv("IPS_CONFIG", c->file, 1);
	setenv("IPS_DB", "/from/env.db", 1);
	setenv("IPS_USER", "dana", 1);
	setenv("XDG_DATA_HOME", "/xdg/data", 1);

	cfg = load(&h, "/from/option.db", "eve");
	ok(cfg != NULL, "config loads");
	is_str(cfg ? cfg->path : NULL, c->file, "IPS_CONFIG names the file");
	is_str(cfg ? cfg->database : NULL, "/from/option.db", "-d first");
	is_str(cfg ? cfg->me : NULL, "eve", "-u first");
	setenv("IPS_DB", "/changed.db", 1);
	ok(ips_config(h) == cfg, "loaded once");
	is_str(ips_config(h)->database, "/from/option.db", "not reloaded");
	ips_free(h);

	setenv("IPS_DB", "/from/env.db", 1);
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->database : NULL, "/from/env.db", "then IPS_DB");
	is_str(cfg ? cfg->me : NULL, "dana", "then IPS_USER");
	ips_free(h);

	setenv("IPS_DB", "", 1);
	setenv("IPS_USER", "", 1);
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->database : NULL, "/from/config.db",
	    "then database: (empty IPS_DB is unset)");
	is_str(cfg ? cfg->me : NULL, "carl", "then me:");
	ips_free(h);

	unsetenv("IPS_DB");
	unsetenv("IPS_USER");
	write_file(c->file, "targets:\n  caseload: 15\n");
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->database : NULL, "/xdg/data/ips/ips.db",
	    "then XDG_DATA_HOME");
	ok(cfg != NULL && cfg->me == NULL, "no me");
	ok(cfg != NULL && cfg->targets.caseload == 15, "file's targets");
	ips_free(h);

	setenv("XDG_DATA_HOME", "relative/data", 1);
	cfg = load(&h, NULL, NULL);
	snprintf(want, sizeof want, "%s/.local/share/ips/ips.db", c->home);
	is_str(cfg ? cfg->database : NULL, want,
	    "then HOME (a relative XDG_DATA_HOME is ignored)");
	ips_free(h);

	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL, "no HOME and nothing else: error");
	is_int(ips_status(h), IPS_ECONFIG, "no database: 78");
	is_str(ips_errmsg(h), "no database: use -d FILE or set IPS_DB",
	    "no database: message");
	ips_free(h);
	cfg = load(&h, "/given.db", NULL);
	is_str(cfg ? cfg->database : NULL, "/given.db", "no HOME but -d");
	ips_free(h);
	setenv("HOME", c->home, 1);

	write_file(c->file, "database: /a.db\nmee: x\n");
	cfg = load(&h, "/given.db", NULL);
	ok(cfg == NULL, "a bad file is an error even with -d");
	snprintf(want, sizeof want, "%s:2: unknown key 'mee'", c->file);
	is_str(ips_errmsg(h), want, "bad file: message");
	is_int(ips_status(h), IPS_ECONFIG, "bad file: 78");
	ips_free(h);

	snprintf(want, sizeof want, "%s/missing.yaml", c->dir);
	setenv("IPS_CONFIG", want, 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL, "IPS_CONFIG naming a missing file");
	is_int(ips_status(h), IPS_ECONFIG, "missing IPS_CONFIG: 78");
	snprintf(want, sizeof want, "config file '%s/missing.yaml' not found",
	    c->dir);
	is_str(ips_errmsg(h), want, "missing IPS_CONFIG: message");
	ips_free(h);
	unsetenv("IPS_CONFIG");
}

static void
test_locations(struct ctx *c)
{
	const struct ips_config *cfg;
	ips *h;
	char path[256], want[300];

	/* XDG_CONFIG_HOME/ips/config.yaml */
	snprintf(path, sizeof path, "%s/xdg", c->dir);
	setenv("XDG_CONFIG_HOME", path, 1);
	make_dir(path);
	snprintf(path, sizeof path, "%s/xdg/ips", c->dir);
	make_dir(path);
	snprintf(path, sizeof path, "%s/xdg/ips/config.yaml", c->dir);
	write_file(path, "me: xena\n");
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->path : NULL, path, "XDG_CONFIG_HOME file found");
	is_str(cfg ? cfg->me : NULL, "xena", "XDG_CONFIG_HOME file read");
	ips_free(h);

	/* HOME/.config/ips/config.yaml when XDG_CONFIG_HOME is unset. */
	unsetenv("XDG_CONFIG_HOME");
	snprintf(path, sizeof path, "%s/.config", c->home);
	make_dir(path);
	snprintf(path, sizeof path, "%s/.config/ips", c->home);
	make_dir(path);
	snprintf(path, sizeof path, "%s/.config/ips/config.yaml", c->home);
	write_file(path, "me: hugo\n");
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->path : NULL, path, "~/.config file found");
	is_str(cfg ? cfg->me : NULL, "hugo", "~/.config file read");
	ips_free(h);

	/* A bad default file is an error too, with its line. */
	write_file(path, "me: hugo\nteam: x\n");
	cfg = load(&h, NULL, NULL);
	snprintf(want, sizeof want, "%s:2: unknown key 'team'", path);
	ok(cfg == NULL, "bad ~/.config file: error");
	is_str(ips_errmsg(h), want, "bad ~/.config file: message");
	ips_free(h);
	unlink(path);
}

static void
test_env(struct ctx *c)
{
	const struct ips_config *cfg;
	ips *h;

	write_file(c->file, "");
	setenv("IPS_CONFIG", c->file, 1);
	setenv("IPS_DB", "/e.db", 1);

	cfg = load(&h, NULL, NULL);
	ok(cfg != NULL && cfg->today == NULL, "no IPS_TODAY");
	is_int(cfg ? cfg->busy_timeout_ms : -1, 10000, "busy timeout 10 s");
	is_str(cfg ? cfg->editor : NULL, "vi", "editor vi");
	ips_free(h);

	setenv("IPS_TODAY", "2026-11-23", 1);
	setenv("IPS_BUSY_TIMEOUT", "250", 1);
	setenv("EDITOR", "ed", 1);
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->today : NULL, "2026-11-23", "IPS_TODAY kept");
	is_int(cfg ? cfg->busy_timeout_ms : -1, 250, "IPS_BUSY_TIMEOUT");
	is_str(cfg ? cfg->editor : NULL, "ed", "EDITOR");
	ips_free(h);
	setenv("VISUAL", "nano", 1);
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->editor : NULL, "nano", "VISUAL before EDITOR");
	ips_free(h);

	setenv("IPS_TODAY", "2026-02-30", 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL, "IPS_TODAY impossible date");
	is_int(ips_status(h), IPS_ECONFIG, "IPS_TODAY bad: 78");
	is_str(ips_errmsg(h), "IPS_TODAY: invalid date '2026-02-30'",
	    "IPS_TODAY bad: message");
	ips_free(h);
	setenv("IPS_TODAY", "2026-1-5", 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL && ips_status(h) == IPS_ECONFIG,
	    "IPS_TODAY not YYYY-MM-DD: 78");
	ips_free(h);
	setenv("IPS_TODAY", "2028-02-29", 1);
	cfg = load(&h, NULL, NULL);
	is_str(cfg ? cfg->today : NULL, "2028-02-29", "IPS_TODAY leap day");
	ips_free(h);
	unsetenv("IPS_TODAY");

	setenv("IPS_BUSY_TIMEOUT", "soon", 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL, "IPS_BUSY_TIMEOUT garbage");
	is_int(ips_status(h), IPS_ECONFIG, "IPS_BUSY_TIMEOUT garbage: 78");
	is_str(ips_errmsg(h), "IPS_BUSY_TIMEOUT: invalid number 'soon'",
	    "IPS_BUSY_TIMEOUT garbage: message");
	ips_free(h);
	setenv("IPS_BUSY_TIMEOUT", "-5", 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL && ips_status(h) == IPS_ECONFIG,
	    "IPS_BUSY_TIMEOUT negative: 78");
	ips_free(h);
	setenv("IPS_BUSY_TIMEOUT", "99999999999", 1);
	cfg = load(&h, NULL, NULL);
	ok(cfg == NULL && ips_status(h) == IPS_ECONFIG,
	    "IPS_BUSY_TIMEOUT too big: 78");
	ips_free(h);
	setenv("IPS_BUSY_TIMEOUT", "0", 1);
	cfg = load(&h, NULL, NULL);
	is_int(cfg ? cfg->busy_timeout_ms : -1, 0, "IPS_BUSY_TIMEOUT 0");
	ips_free(h);
	unsetenv("IPS_BUSY_TIMEOUT");

	setenv("NO_COLOR", "1", 1);
	cfg = load(&h, NULL, NULL);
	is_int(cfg ? cfg->color : -1, 0, "NO_COLOR: no colour");
	ips_free(h);
	setenv("NO_COLOR", "", 1);
	cfg = load(&h, NULL, NULL);
	is_int(cfg ? cfg->color : -1, isatty(STDOUT_FILENO),
	    "empty NO_COLOR: colour on a terminal only");
	ips_free(h);
}

/* Removes the scratch folder and what the tests put in it. */
static void
remove_tree(const char *path)
{
	char sub[512];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

int
main(void)
{
	struct ctx c;
	int i;

	for (i = 0; vars[i] != NULL; i++)
		unsetenv(vars[i]);
	strcpy(c.dir, "/tmp/t-config.XXXXXX");
	if (mkdtemp(c.dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(c.file, sizeof c.file, "%s/config.yaml", c.dir);
	snprintf(c.home, sizeof c.home, "%s/home", c.dir);
	make_dir(c.home);
	setenv("HOME", c.home, 1);

	test_defaults(&c);
	test_keys(&c);
	test_errors(&c);
	test_precedence(&c);
	test_locations(&c);
	test_env(&c);

	remove_tree(c.dir);
	return tap_done();
}
