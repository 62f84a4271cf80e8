/*
 * edit.c - edit REF: one record as YAML in the user's editor, read back,
 * checked, and written only once it is valid.  Generic over the kinds of
 * fields.c; ips-employer edit is built on it.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include "internal.h"

#define EDIT_FILE_MAX (16 * 1024 * 1024)

struct rec {
	char *v[IPS_MAXFIELDS];		/* as text; NULL is absent */
	int seen[IPS_MAXFIELDS];
};

static void
rec_clear(struct rec *r)
{
	int i;

	for (i = 0; i < IPS_MAXFIELDS; i++) {
		free(r->v[i]);
		r->v[i] = NULL;
		r->seen[i] = 0;
	}
}

/* A value as the comparison sees it: yes/no for booleans. */
static const char *
norm(const struct ips_field *f, const char *s)
{
	if (s == NULL || f->type != IPS_F_BOOL)
		return s;
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
		return "yes";
	if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
		return "no";
	return s;
}

/* The record as it is now, as text, and written as YAML to fp. */
static int
load(ips *h, const struct ips_kind *k, ips_id id, FILE *fp, struct rec *cur)
{
	struct ips_col cols[IPS_MAXFIELDS + 1];
	const char *vals[IPS_MAXFIELDS + 1];
	char sql[4096], ref[32];
	struct ips_ref r = { k->ref_type, id };
	sqlite3_stmt *st;
	ips_out *o;
	size_t len;
	int i, n, rc;

	if ((rc = ips_record_select(h, k, sql, sizeof sql)) != 0)
		return rc;
	len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, " FROM %s t WHERE t.id = ?",
	    k->table);
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return ips_fail(h, IPS_EDATA, "no such %s '%s'", k->name,
			    ips_ref_format(r, ref, sizeof ref));
		return ips_db_fail(h, rc);
	}
	n = ips_record_cols(k, cols);
	for (i = 0; i < n; i++) {
		vals[i] = (const char *)sqlite3_column_text(st, i);
		if (i > 0 && vals[i] != NULL &&
		    (cur->v[i - 1] = strdup(vals[i])) == NULL) {
			sqlite3_finalize(st);
			return ips_nomem(h);
		}
	}
	fprintf(fp, "# Edit %s %s, then save and quit.  Empty the file to "
	    "abort.\n# A field left out or null is cleared; ref cannot "
	    "change.\n", k->name, vals[0]);
	if ((o = ips_out_new(fp, IPS_FMT_YAML, 1, cols, n)) == NULL) {
		sqlite3_finalize(st);
		return ips_nomem(h);
	}
	rc = ips_out_row(o, vals, 0);
	sqlite3_finalize(st);
	if (rc != 0) {
		ips_out_free(o);
		return ips_fail(h, IPS_EIO, "cannot write the temporary file");
	}
	if (ips_out_end(o) != 0)
		return ips_fail(h, IPS_EIO, "cannot write the temporary file");
	return 0;
}

/* Key names are ASCII words; anything else is not echoed. */
static const char *
key_name(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 40 || s[i] <= ' ' || s[i] > '~')
			return "a key";
	return s;
}

/* A scalar as text; plain null, ~ and nothing are absent. */
static int
scalar(ips *h, const char *field, yaml_node_t *n, char **out)
{
	const char *s = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;

	*out = NULL;
	if (strlen(s) != len)
		return ips_fail(h, IPS_EDATA, "%s: control character in text",
		    field);
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0))
		return 0;
	if ((*out = strdup(s)) == NULL)
		return ips_nomem(h);
	return 0;
}

/* A flow or block list of scalars as "a,b,c". */
static int
list(ips *h, const char *field, yaml_document_t *doc, yaml_node_t *n,
    char **out)
{
	yaml_node_item_t *it;
	size_t len = 0, cap = 1;
	char *buf, *s;
	int rc;

	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(doc, *it);

		if (e == NULL || e->type != YAML_SCALAR_NODE)
			return ips_fail(h, IPS_EDATA, "%s: a list of words, "
			    "not of lists", field);
		cap += e->data.scalar.length + 1;
	}
	if ((buf = malloc(cap)) == NULL)
		return ips_nomem(h);
	buf[0] = '\0';
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		if ((rc = scalar(h, field, yaml_document_get_node(doc, *it),
		    &s)) != 0) {
			free(buf);
			return rc;
		}
		if (s == NULL)
			continue;
		len += snprintf(buf + len, cap - len, "%s%s", len ? "," : "",
		    s);
		free(s);
	}
	*out = buf;
	return 0;
}

/* The record of the file: one mapping, or a list holding one. */
static int
parse(ips *h, const struct ips_kind *k, const char *text, size_t n,
    const char *ref, struct rec *got)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *map, *key, *val;
	yaml_node_pair_t *p;
	const char *name;
	char *s = NULL;
	int i, rc = 0;

	if (!yaml_parser_initialize(&parser))
		return ips_nomem(h);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	if (!yaml_parser_load(&parser, &doc)) {
		unsigned long line = parser.problem_mark.line + 1;
		size_t j;

		/* The reader (bad UTF-8, control characters) counts bytes. */
		if (parser.error == YAML_READER_ERROR)
			for (j = 0, line = 1; j < parser.problem_offset &&
			    j < n; j++)
				line += text[j] == '\n';
		rc = ips_fail(h, IPS_EDATA, "line %lu: %s", line,
		    parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		return rc;
	}
	map = yaml_document_get_root_node(&doc);
	if (map != NULL && map->type == YAML_SEQUENCE_NODE) {
		if (map->data.sequence.items.top -
		    map->data.sequence.items.start != 1) {
			rc = ips_fail(h, IPS_EDATA, "one record, please");
			goto done;
		}
		map = yaml_document_get_node(&doc,
		    *map->data.sequence.items.start);
	}
	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		rc = ips_fail(h, IPS_EDATA, "not a record of 'field: value' "
		    "lines");
		goto done;
	}
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top && rc == 0; p++) {
		key = yaml_document_get_node(&doc, p->key);
		val = yaml_document_get_node(&doc, p->value);
		if (key == NULL || val == NULL || key->type != YAML_SCALAR_NODE) {
			rc = ips_fail(h, IPS_EDATA, "a key is not a field name");
			break;
		}
		name = (const char *)key->data.scalar.value;
		if (strcmp(name, "ref") == 0) {
			if (val->type != YAML_SCALAR_NODE ||
			    strcmp((const char *)val->data.scalar.value, ref))
				rc = ips_fail(h, IPS_EDATA, "ref: cannot change "
				    "(it is %s)", ref);
			continue;
		}
		if ((i = ips_field_index(k, name)) < 0) {
			rc = ips_fail(h, IPS_EDATA, "%s: no such field",
			    key_name(name));
			break;
		}
		name = k->fields[i].name;
		if (got->seen[i]) {
			rc = ips_fail(h, IPS_EDATA, "%s: given twice", name);
			break;
		}
		got->seen[i] = 1;
		if (val->type == YAML_SCALAR_NODE)
			rc = scalar(h, name, val, &s);
		else if (val->type == YAML_SEQUENCE_NODE &&
		    k->fields[i].type == IPS_F_LIST)
			rc = list(h, name, &doc, val, &s);
		else
			rc = ips_fail(h, IPS_EDATA, "%s: not a single value",
			    name);
		got->v[i] = s;
		s = NULL;
	}
done:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* Only blanks and comments left: the user changed their mind. */
static int
emptied(const char *s)
{
	while (*s != '\0') {
		s += strspn(s, " \t\r\n");
		if (*s == '#')
			s += strcspn(s, "\n");
		else if (*s != '\0')
			return 0;
	}
	return 1;
}

static int
slurp(ips *h, const char *path, char **text, size_t *n)
{
	FILE *fp;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, k;

	if ((fp = fopen(path, "r")) == NULL)
		return ips_fail(h, IPS_EIO, "cannot read '%s': %s", path,
		    strerror(errno));
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			if (cap > EDIT_FILE_MAX + 8192 ||
			    (p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return cap > EDIT_FILE_MAX + 8192 ?
				    ips_fail(h, IPS_EDATA, "the file is over "
				    "16 MB") : ips_nomem(h);
			}
			buf = p;
		}
		k = fread(buf + len, 1, cap - len - 1, fp);
		len += k;
		if (k == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		fclose(fp);
		return ips_fail(h, IPS_EIO, "cannot read '%s'", path);
	}
	fclose(fp);
	buf[len] = '\0';
	*text = buf;
	*n = len;
	return 0;
}

/* The file again, with the error on top instead of the last one. */
static int
put_error(ips *h, const char *path, const char *text, const char *msg)
{
	FILE *fp;

	while (strncmp(text, "# error: ", 9) == 0)
		text += strcspn(text, "\n") + (strchr(text, '\n') != NULL);
	if ((fp = fopen(path, "w")) == NULL)
		return ips_fail(h, IPS_EIO, "cannot write '%s': %s", path,
		    strerror(errno));
	fprintf(fp, "# error: %s\n%s", msg, text);
	if (fclose(fp) != 0)
		return ips_fail(h, IPS_EIO, "cannot write '%s'", path);
	return 0;
}

/*
 * While the record is in its temporary file the file must not outlive
 * the run: Ctrl-C and Ctrl-\ are the editor's, as system(3) has them,
 * and a hang-up or a kill waits until the file is gone, then takes its
 * course.  The editor gets the signals as they were.
 */
struct edit_signals {
	struct sigaction intr, quit;
	sigset_t mask;
};

static void
signals_hold(struct edit_signals *old)
{
	struct sigaction ign;
	sigset_t block;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old->intr);
	sigaction(SIGQUIT, &ign, &old->quit);
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old->mask);
}

static void
signals_release(const struct edit_signals *old)
{
	sigaction(SIGINT, &old->intr, NULL);
	sigaction(SIGQUIT, &old->quit, NULL);
	sigprocmask(SIG_SETMASK, &old->mask, NULL);
}

static int
run_editor(ips *h, const char *editor, const char *path,
    const struct edit_signals *sig)
{
	char *cmd;
	pid_t pid;
	int st;

	/* As git does: the editor may be a command with arguments. */
	if ((cmd = malloc(strlen(editor) + 8)) == NULL)
		return ips_nomem(h);
	snprintf(cmd, strlen(editor) + 8, "%s \"$@\"", editor);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		free(cmd);
		return ips_fail(h, IPS_EIO, "cannot start the editor: %s",
		    strerror(errno));
	}
	if (pid == 0) {
		signals_release(sig);
		/* The tools ignore SIGPIPE for themselves only. */
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return ips_fail(h, IPS_EIO, "cannot wait for the "
			    "editor: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return ips_fail(h, IPS_EIO, "the editor '%.60s' failed; "
		    "nothing written", editor);
	return 0;
}

/* What the file changes, as set would take it; the count of changes. */
static int
changes(ips *h, const struct ips_kind *k, const struct rec *cur,
    const struct rec *got, struct ips_values *v)
{
	const struct ips_field *f;
	const char *a, *b;
	int i, n = 0;

	memset(v, 0, sizeof *v);
	for (i = 0; i < k->nfields; i++) {
		f = &k->fields[i];
		a = norm(f, cur->v[i]);
		b = norm(f, got->v[i]);
		if ((a == NULL && b == NULL) || (a && b && (strcmp(a, b) == 0 ||
		    (f->type == IPS_F_SECTOR && strcasecmp(a, b) == 0))))
			continue;
		if (f->flags & (IPS_F_NOSET | IPS_F_NOADD)) {
			ips_fail(h, IPS_EDATA, "%s: cannot be changed here",
			    f->name);
			return -1;
		}
		v->v[i] = b ? b : "";
		n++;
	}
	return n;
}

int
ips_record_edit(ips *h, const struct ips_kind *k, ips_id id,
    const char *tmpdir, ips_set_fn set, int *result)
{
	struct ips_ref r = { k->ref_type, id };
	struct rec cur, got;
	struct ips_values v;
	struct edit_signals sig;
	const struct ips_config *cfg;
	char path[4096], ref[32], *shown = NULL, *text = NULL;
	size_t n;
	FILE *fp;
	int fd, rc, nch;

	memset(&cur, 0, sizeof cur);
	memset(&got, 0, sizeof got);
	*result = IPS_EDIT_UNCHANGED;
	ips_ref_format(r, ref, sizeof ref);
	if ((cfg = ips_config(h)) == NULL)
		return h->status;
	if (snprintf(path, sizeof path, "%s/ips-%s-XXXXXX", tmpdir, ref) >=
	    (int)sizeof path)
		return ips_fail(h, IPS_ECANTCREAT, "temporary folder name "
		    "too long");
	/* mkstemp makes the file 0600: the record may be personal. */
	signals_hold(&sig);
	if ((fd = mkstemp(path)) < 0) {
		signals_release(&sig);
		return ips_fail(h, IPS_ECANTCREAT, "cannot create a temporary "
		    "file in '%s': %s", tmpdir, strerror(errno));
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		rc = ips_fail(h, IPS_ECANTCREAT, "cannot create a temporary "
		    "file: %s", strerror(errno));
		goto out;
	}
	rc = load(h, k, id, fp, &cur);
	if (fclose(fp) != 0 && rc == 0)
		rc = ips_fail(h, IPS_EIO, "cannot write the temporary file");
	if (rc != 0 || (rc = slurp(h, path, &shown, &n)) != 0)
		goto out;
	for (;;) {
		if ((rc = run_editor(h, cfg->editor, path, &sig)) != 0 ||
		    (rc = slurp(h, path, &text, &n)) != 0)
			break;
		if (emptied(text)) {
			*result = IPS_EDIT_ABORTED;
			break;
		}
		if (strcmp(text, shown) == 0) {
			/* Saved as it was shown: no change, or an error the
			 * user chose not to fix. */
			if (strncmp(shown, "# error: ", 9) == 0)
				rc = IPS_EDATA;
			break;
		}
		rec_clear(&got);
		if ((rc = parse(h, k, text, n, ref, &got)) == 0) {
			if ((nch = changes(h, k, &cur, &got, &v)) == 0)
				break;		/* a change of form only */
			if (nch < 0)
				rc = IPS_EDATA;
		}
		if (rc == 0) {
			if ((rc = ips_update_begin(h)) != 0)
				break;
			if ((rc = set(h, k, id, &v, "edit")) == 0 &&
			    (rc = ips_commit(h)) == 0) {
				*result = IPS_EDIT_SAVED;
				break;
			}
			ips_rollback(h);
		}
		/* Bad data goes back to the user; anything else ends it. */
		if (rc != IPS_EDATA)
			break;
		if ((rc = put_error(h, path, text, ips_errmsg(h))) != 0)
			break;
		/* Both go: a failed slurp leaves shown as it finds it, and
		 * out: frees it again. */
		free(shown);
		free(text);
		shown = text = NULL;
		if ((rc = slurp(h, path, &shown, &n)) != 0)
			break;
	}
out:
	unlink(path);
	signals_release(&sig);
	free(shown);
	free(text);
	rec_clear(&cur);
	rec_clear(&got);
	return rc;
}
