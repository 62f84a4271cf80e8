/*
 * t-import.c - the import readers (csv, tsv, json, jsonl, yaml) on good
 * and bad input, the round trip from every export format, and the import
 * driver on a scratch database: one transaction, FILE:LINE errors,
 * references kept, dry runs, one audit row.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static ips *h;

static FILE *
input(const char *text, size_t n)
{
	FILE *fp;

	if ((fp = tmpfile()) == NULL)
		return NULL;
	if (n > 0 && fwrite(text, 1, n, fp) != n) {
		fclose(fp);
		return NULL;
	}
	rewind(fp);
	return fp;
}

/* Shows a value with \n, \r, \t and \\ visible. */
static void
show(FILE *out, const char *s)
{
	if (s == NULL) {
		fputc('~', out);
		return;
	}
	for (; *s; s++)
		if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\r')
			fputs("\\r", out);
		else if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else
			fputc(*s, out);
}

/*
 * Every record of text read as format f, one line each: "LINE: k=v|k=v"
 * ("~" for null), or "LINE: error: MESSAGE".
 */
static char *
dump_n(enum ips_in_format f, const char *text, size_t n)
{
	struct ips_reader *r;
	struct ips_record rec;
	const char *const *names;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp, *out;
	int rc, i, guard = 0;

	if ((fp = input(text, n)) == NULL ||
	    (out = open_memstream(&buf, &len)) == NULL)
		return strdup("# cannot make files");
	if (ips_reader_open(h, fp, "x", f, &r) != 0) {
		fclose(out);
		fclose(fp);
		free(buf);
		return strdup("# cannot open a reader");
	}
	while ((rc = ips_reader_next(r, &rec)) != 0 && guard++ < 1000) {
		fprintf(out, "%ld: ", rec.line);
		if (rc != 1) {
			fprintf(out, "error %d: %s\n", rc, ips_errmsg(h));
			continue;
		}
		ips_reader_columns(r, &names, NULL);
		for (i = 0; i < rec.n; i++) {
			fprintf(out, "%s%s=", i ? "|" : "", names[rec.col[i]]);
			show(out, rec.val[i]);
		}
		fputc('\n', out);
	}
	ips_reader_close(r);
	fclose(fp);
	fclose(out);
	return buf;
}

static char *
dump(enum ips_in_format f, const char *text)
{
	return dump_n(f, text, strlen(text));
}

static void
check(enum ips_in_format f, const char *text, const char *want,
    const char *what)
{
	char *got = dump(f, text);

	is_str(got, want, what);
	free(got);
}

static void
test_formats(void)
{
	is_int(ips_in_format_parse("csv"), IPS_IN_CSV, "csv");
	is_int(ips_in_format_parse("TSV"), IPS_IN_TSV, "tsv, any case");
	is_int(ips_in_format_parse("ndjson"), IPS_IN_JSONL, "ndjson");
	is_int(ips_in_format_parse("yml"), IPS_IN_YAML, "yml");
	is_int(ips_in_format_parse("xls"), -1, "xls is not a format");
}

static void
test_csv(void)
{
	check(IPS_IN_CSV, "", "", "csv: an empty file has no records");
	check(IPS_IN_CSV, "name,phone\n", "", "csv: a header alone");
	check(IPS_IN_CSV, "name,phone\nAnna,0401234567\n",
	    "2: name=Anna|phone=0401234567\n", "csv: text stays text");
	check(IPS_IN_CSV,
	    "name,note\r\n\"Oy Ab, Turku\",\"say \"\"hi\"\"\"\r\n",
	    "2: name=Oy Ab, Turku|note=say \"hi\"\n",
	    "csv: commas and doubled quotes inside quotes, CRLF");
	check(IPS_IN_CSV, "name,note\nA,\"one\r\ntwo\nthree\"\nB,x\n",
	    "2: name=A|note=one\\ntwo\\nthree\n5: name=B|note=x\n",
	    "csv: line breaks inside quotes (CRLF as LF), lines counted");
	check(IPS_IN_CSV, "\xef\xbb\xbfname,area\nA,Espoo",
	    "2: name=A|area=Espoo\n", "csv: a UTF-8 BOM skipped, no last "
	    "newline");
	check(IPS_IN_CSV, " name , area\n\nA,\n\n",
	    "3: name=A|area=\n", "csv: names trimmed, blank lines skipped, "
	    "an empty last field");
	check(IPS_IN_CSV, "name,area\nA\nB,C,D\nE,F\n",
	    "2: error 65: 1 fields, the header has 2\n"
	    "3: error 65: 3 fields, the header has 2\n4: name=E|area=F\n",
	    "csv: a short and a long row are errors; reading goes on");
	check(IPS_IN_CSV, "name,area\n\"A\"x,B\nC,D\n",
	    "2: error 65: text after a closing quote\n3: name=C|area=D\n",
	    "csv: text after a closing quote");
	check(IPS_IN_CSV, "name,area\nA,B\nC,\"open\nD,E\n",
	    "2: name=A|area=B\n3: error 65: unterminated quoted field\n",
	    "csv: an unterminated quoted field at the end of the file");
	check(IPS_IN_CSV, "name,name\nA,B\n",
	    "1: error 65: column 'name' given twice\n",
	    "csv: a column twice");
	check(IPS_IN_CSV, "name\n\"\"\n", "2: name=\n",
	    "csv: a quoted empty field is a row");
	check(IPS_IN_CSV, "\xff\xfen\0a\0m\0e\0", "1: error 65: UTF-16 text: "
	    "save the file as UTF-8\n", "csv: UTF-16 is refused");
	check(IPS_IN_CSV, "name\nab\"c\n", "2: name=ab\"c\n",
	    "csv: a quote inside an unquoted field is kept");
}

static void
test_tsv(void)
{
	check(IPS_IN_TSV, "name\tnote\nA\tone\\ttwo\\nthree\\\\four\\r\\x\n",
	    "2: name=A|note=one\\ttwo\\nthree\\\\four\\r\\\\x\n",
	    "tsv: the escapes of tsv output; others kept");
	check(IPS_IN_TSV, "name\tarea\r\nA\t\r\n", "2: name=A|area=\n",
	    "tsv: CRLF");
	check(IPS_IN_TSV, "name\tarea\nA,\"B\"\tC\n",
	    "2: name=A,\"B\"|area=C\n",
	    "tsv: commas and quotes are plain");
}

static void
test_json(void)
{
	check(IPS_IN_JSON, "", "", "json: an empty file");
	check(IPS_IN_JSON, " [ ] \n", "", "json: an empty array");
	check(IPS_IN_JSON, "[\n{\"name\": \"A\", \"size\": 12, \"hidden\": "
	    "true, \"x\": false, \"area\": null},\n{\"name\":\"B\"}\n]\n",
	    "2: name=A|size=12|hidden=yes|x=no|area=~\n3: name=B\n",
	    "json: numbers as written, true/false as yes/no, null");
	check(IPS_IN_JSON, "[{\"job_types\": [\"cook\", \"cleaner\", null], "
	    "\"for\": [], \"n\": -1.5e3}]",
	    "1: job_types=cook,cleaner|for=|n=-1.5e3\n",
	    "json: arrays joined with commas");
	check(IPS_IN_JSON, "{\"name\": \"K\\u00e4rkk\\u00e4inen \\ud83d\\ude00"
	    "\\n\\t\\\"\\\\\\/\"}",
	    "1: name=Kärkkäinen 😀\\n\\t\"\\\\/\n",
	    "json: one object; escapes and surrogate pairs");
	check(IPS_IN_JSON, "[{\"a\": 1},\n{\"a\": 2, \"a\": 3},\n{\"a\": 4}]",
	    "1: a=1\n2: error 65: key 'a' given twice\n3: a=4\n",
	    "json: a key twice is an error of its record");
	check(IPS_IN_JSON, "[{\"a\": {\"b\": [1, {}]}, \"c\": 1},\n{\"a\": "
	    "[1, [2]]},\n{\"a\": 5}]",
	    "1: error 65: a: an object, not a value\n"
	    "2: error 65: a: a list may hold only values\n3: a=5\n",
	    "json: nested objects and lists are errors of their record");
	check(IPS_IN_JSON, "[{\"a\": 1},\n{\"a\": 2\n{\"a\": 3}]",
	    "1: a=1\n3: error 65: expected ',' or '}', not '{'\n",
	    "json: a syntax error ends reading, with its line");
	check(IPS_IN_JSON, "[{\"a\": tru}]",
	    "1: error 65: unexpected 'tru'\n", "json: a bad literal");
	check(IPS_IN_JSON, "[{\"a\": \"x\\u0000\"}]",
	    "1: error 65: \\u0000 in a string\n", "json: NUL refused");
	check(IPS_IN_JSON, "[{\"a\": \"x\\ud800\"}]",
	    "1: error 65: bad \\u escape: lone surrogate\n",
	    "json: a lone surrogate");
	check(IPS_IN_JSON, "[{\"a\": \"x\ny\"}]",
	    "2: error 65: control character in a string\n",
	    "json: a raw line break in a string");
	check(IPS_IN_JSON, "[{\"a\": \"x", "1: error 65: unterminated string\n",
	    "json: an unterminated string");
	check(IPS_IN_JSON, "[{\"a\": 1}", "1: a=1\n1: error 65: expected ',' "
	    "or ']', not the end of the input\n", "json: an unterminated "
	    "array");
	check(IPS_IN_JSON, "[{\"a\": 1}] x", "1: a=1\n1: error 65: 'x' after "
	    "the end of the data\n", "json: text after the array");
	check(IPS_IN_JSON, "{\"a\": 1}\n{\"a\": 2}", "1: a=1\n2: error 65: "
	    "'{' after the end of the data\n", "json: two objects are jsonl");
	check(IPS_IN_JSON, "\"a\"", "1: error 65: expected an array of "
	    "objects, not '\"'\n", "json: a string");
	check(IPS_IN_JSON, "[1]", "1: error 65: expected an object, not '1'\n",
	    "json: an array of numbers");
}

static void
test_jsonl(void)
{
	check(IPS_IN_JSONL, "{\"a\": \"1\"}\n\n{\"a\": 2, \"b\": true}\r\n",
	    "1: a=1\n3: a=2|b=yes\n", "jsonl: objects, blank lines");
	check(IPS_IN_JSONL, "{\"a\": 1}\n{\"a\": 2,,}\n{\"a\": 3}\nnope\n"
	    "{\"a\": 4}",
	    "1: a=1\n2: error 65: expected a key in double quotes, not ','\n"
	    "3: a=3\n4: error 65: expected an object, not 'n'\n5: a=4\n",
	    "jsonl: a bad line is an error; reading goes on");
	check(IPS_IN_JSONL, "{\"a\": \"x\n{\"a\": 3}\n",
	    "1: error 65: control character in a string\n2: a=3\n",
	    "jsonl: an unterminated string ends at its line");
}

static void
test_yaml(void)
{
	check(IPS_IN_YAML, "", "", "yaml: an empty file");
	check(IPS_IN_YAML, "[]\n", "", "yaml: an empty list");
	check(IPS_IN_YAML, "- name: Anna\n  phone: 0401234567\n  size: 12\n"
	    "  hidden: true\n  x: False\n  area: ~\n  b: null\n  c:\n"
	    "  d: \"null\"\n  e: 'yes'\n"
	    "- name: \"K\\u00e4rkk\\u00e4inen\\n\\t\\\\\"\n",
	    "1: name=Anna|phone=0401234567|size=12|hidden=yes|x=no|area=~|b=~|"
	    "c=~|d=null|e=yes\n11: name=Kärkkäinen\\n\\t\\\\\n",
	    "yaml: text stays text, ~ and null are null, true/false yes/no");
	check(IPS_IN_YAML, "name: A\njob_types: [cook, cleaner]\nfor:\n"
	    "  - c1\n  - c2\nnote: |\n  two\n  lines\n",
	    "1: name=A|job_types=cook,cleaner|for=c1,c2|note=two\\nlines\\n\n",
	    "yaml: one mapping; flow and block lists; a block scalar");
	check(IPS_IN_YAML, "---\na: 1\n---\na: 2\n", "2: a=1\n4: a=2\n",
	    "yaml: documents");
	check(IPS_IN_YAML, "- a: {b: 1}\n  c: 2\n- a: [1, [2]]\n- 7\n- [x]\n"
	    "- a: 3\n",
	    "1: error 65: a: a mapping, not a value\n"
	    "3: error 65: a: a list may hold only values\n"
	    "4: error 65: expected a mapping, not a value\n"
	    "5: error 65: expected a mapping, not a list\n6: a=3\n",
	    "yaml: nested values are errors of their record");
	check(IPS_IN_YAML, "- a: 1\n- a: [1\n- a: 3\n",
	    "1: a=1\n3: error 65: did not find expected ',' or ']' while "
	    "parsing a flow sequence\n",
	    "yaml: a syntax error ends reading, with its line");
	check(IPS_IN_YAML, "just text\n",
	    "1: error 65: expected a list of mappings\n", "yaml: a scalar");
	check(IPS_IN_YAML, "- a: 1\n  a: 2\n",
	    "1: error 65: key 'a' given twice\n", "yaml: a key twice");
}

/* A value of 1 MB in a field, in each format: an error, no crash. */
static void
test_big(void)
{
	static const struct {
		enum ips_in_format f;
		const char *before, *after, *want;
	} t[] = {
		{ IPS_IN_CSV, "name,note\nA,", "\nB,x\n",
		    "2: error 65: note: longer than 65536 bytes\n"
		    "3: name=B|note=x\n" },
		{ IPS_IN_TSV, "name\tnote\nA\t", "\nB\tx\n",
		    "2: error 65: note: longer than 65536 bytes\n"
		    "3: name=B|note=x\n" },
		{ IPS_IN_JSON, "[{\"name\":\"A\",\"note\":\"",
		    "\"},{\"name\":\"B\",\"note\":\"x\"}]",
		    "1: error 65: note: longer than 65536 bytes\n"
		    "1: name=B|note=x\n" },
		{ IPS_IN_JSONL, "{\"name\":\"A\",\"note\":\"",
		    "\"}\n{\"name\":\"B\",\"note\":\"x\"}\n",
		    "1: error 65: note: longer than 65536 bytes\n"
		    "2: name=B|note=x\n" },
		{ IPS_IN_YAML, "- name: A\n  note: ",
		    "\n- name: B\n  note: x\n",
		    "1: error 65: note: longer than 65536 bytes\n"
		    "3: name=B|note=x\n" },
	};
	size_t n = 1024 * 1024, i, a, b;
	char *text, *got;

	if ((text = malloc(n + 200)) == NULL)
		return;
	for (i = 0; i < NELEM(t); i++) {
		a = strlen(t[i].before);
		b = strlen(t[i].after);
		memcpy(text, t[i].before, a);
		memset(text + a, 'x', n);
		memcpy(text + a + n, t[i].after, b);
		got = dump_n(t[i].f, text, a + n + b);
		is_str(got, t[i].want, "a 1 MB value is an error of its "
		    "record");
		free(got);
	}
	free(text);
}

/* Export in every format reads back to the same values. */
static void
test_round_trip(void)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "name", IPS_COL_TEXT },
		{ "note", IPS_COL_TEXT }, { "phone", IPS_COL_TEXT },
		{ "size", IPS_COL_INT }, { "hours", IPS_COL_REAL },
		{ "hidden", IPS_COL_BOOL }, { "job_types", IPS_COL_LIST },
		{ "area", IPS_COL_TEXT },
	};
	static const char *const rows[][NELEM(cols)] = {
		{ "c1", "Kärkkäinen, \"Kaija\"",
		    "one\ntwo\tthree \\ four\rfive\n", "0401234567", "12",
		    "7.50", "1", "cook,cleaner", NULL },
		{ "c2", " Nguyễn ", "", "+358 40 123", "007", "-0.5", "0",
		    "x", "null" },
		{ "c3", "yes", "- a: b\n# c", "true", NULL, NULL, NULL, NULL,
		    "~" },
	};
	static const struct {
		enum ips_format out;
		enum ips_in_format in;
		const char *name;
	} fmts[] = {
		{ IPS_FMT_CSV, IPS_IN_CSV, "csv" },
		{ IPS_FMT_TSV, IPS_IN_TSV, "tsv" },
		{ IPS_FMT_JSON, IPS_IN_JSON, "json" },
		{ IPS_FMT_JSONL, IPS_IN_JSONL, "jsonl" },
		{ IPS_FMT_YAML, IPS_IN_YAML, "yaml" },
	};
	size_t i, r, c;

	for (i = 0; i < NELEM(fmts); i++) {
		struct ips_reader *rd = NULL;
		struct ips_record rec;
		const char *const *names;
		char *buf = NULL, what[80];
		size_t len = 0;
		ips_out *o;
		FILE *fp;
		int rc, bad = 0;

		if ((fp = open_memstream(&buf, &len)) == NULL ||
		    (o = ips_out_new(fp, fmts[i].out, 1, cols, NELEM(cols))) ==
		    NULL)
			return;
		for (r = 0; r < NELEM(rows); r++)
			ips_out_row(o, rows[r], 0);
		ips_out_end(o);
		fclose(fp);
		fp = input(buf, len);
		if (fp == NULL || ips_reader_open(h, fp, "x", fmts[i].in, &rd))
			return;
		for (r = 0; (rc = ips_reader_next(rd, &rec)) == 1; r++) {
			ips_reader_columns(rd, &names, NULL);
			if (r >= NELEM(rows) || rec.n != (int)NELEM(cols)) {
				bad = 1;
				break;
			}
			for (c = 0; c < NELEM(cols); c++) {
				const char *want = rows[r][c];
				const char *got = rec.val[c];

				if (cols[c].type == IPS_COL_BOOL && want)
					want = strcmp(want, "1") ? "no" : "yes";
				if (want == NULL || want[0] == '\0')
					want = "";
				if (got == NULL)
					got = "";
				if (strcmp(names[rec.col[c]], cols[c].name) ||
				    strcmp(want, got)) {
					printf("# %s row %zu column %s: got "
					    "'%s' want '%s'\n", fmts[i].name,
					    r, cols[c].name, got, want);
					bad = 1;
				}
			}
		}
		snprintf(what, sizeof what, "%s output reads back the same",
		    fmts[i].name);
		ok(!bad && rc == 0 && r == NELEM(rows), "%s", what);
		if (rc != 0 && rc != 1)
			printf("# %s\n", ips_errmsg(h));
		ips_reader_close(rd);
		fclose(fp);
		free(buf);
	}
}

/* The driver, on a scratch database. */

static int after_calls;

static int
employer_after(ips *hh, ips_id id, const struct ips_values *v, void *arg)
{
	(void)hh;
	(void)v;
	(void)arg;
	after_calls++;
	return id > 0 ? 0 : IPS_EIO;
}

static const struct ips_add_ops employer_ops = {
	&ips_kind_employer, NULL, NULL, employer_after, NULL,
};

static char dir[64];

static const char *
file(const char *name, const char *text)
{
	static char path[128];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		return path;
	fputs(text, fp);
	fclose(fp);
	return path;
}

static long
count(const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;

	if (ips_open(h, IPS_READ) != 0 || ips_prepare(h, sql, &st) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char *
text(const char *sql)
{
	static char buf[256];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (ips_open(h, IPS_READ) != 0 || ips_prepare(h, sql, &st) != 0)
		return "(error)";
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

/* The message with the scratch folder's name taken out. */
static const char *
msg(void)
{
	static char buf[IPS_ERRMAX];
	const char *s = ips_errmsg(h), *p;
	size_t len = 0, n = strlen(dir);

	while ((p = strstr(s, dir)) != NULL && len < sizeof buf - 1) {
		len += snprintf(buf + len, sizeof buf - len, "%.*s",
		    (int)(p - s), s);
		s = p + n + 1;
	}
	snprintf(buf + len, sizeof buf - len, "%s", s);
	return buf;
}

static void
test_driver(void)
{
	char *prog = NULL, big[8192];
	size_t plen = 0, len;
	FILE *pf;
	int rc, i;

	rc = ips_import(h, &employer_ops, NULL, NULL);
	is_int(rc, IPS_EUSAGE, "stdin needs a format");
	is_str(ips_errmsg(h), "reading standard input needs -f FORMAT",
	    "stdin needs a format: message");
	rc = ips_import(h, &employer_ops, "nothing.csv", NULL);
	is_int(rc, IPS_ENOINPUT, "a missing file");
	is_str(ips_errmsg(h), "cannot open 'nothing.csv': No such file or "
	    "directory", "a missing file: message");
	rc = ips_import(h, &employer_ops, "data.xls", NULL);
	is_int(rc, IPS_EUSAGE, "an unknown extension");
	rc = ips_import(h, &employer_ops, "data.csv", "xls");
	is_int(rc, IPS_EUSAGE, "an unknown format");

	rc = ips_import(h, &employer_ops, file("e.csv", ""), NULL);
	is_int(rc, 0, "an empty file");
	rc = ips_import(h, &employer_ops, file("e.csv", "name,area\n"), NULL);
	is_int(rc, 0, "a header alone");
	ok(access("ips.db", F_OK) != 0, "nothing to import: no database "
	    "made");

	rc = ips_import(h, &employer_ops, file("e.csv", "name,area,foo,"
	    "job-types\nA,B,C,D\n"), NULL);
	is_int(rc, IPS_EDATA, "unknown columns");
	is_str(msg(), "e.csv:1: column 'foo': unknown field of employer\n"
	    "t-import: e.csv:1: column 'job-types': unknown field of employer",
	    "unknown columns: every one, at the header's line");

	rc = ips_import(h, &employer_ops, file("e.tsv", "name\tarea\tsize\n"
	    "Good Oy\tEspoo\t12\n\tTurku\t\nBad\tX\tmany\nFine\t\t\n"
	    "Also\t\t-1\n"), NULL);
	is_int(rc, IPS_EDATA, "bad rows");
	is_str(msg(), "e.tsv:3: name: missing\n"
	    "t-import: e.tsv:4: size: 'many' not a whole number\n"
	    "t-import: e.tsv:6: size: -1 out of range 0 to 10000000",
	    "bad rows: FILE:LINE: field: problem, each on a line");
	/* The first write into a new file: refused, it makes no file. */
	is_int(count("SELECT count(*) FROM employer"), -1,
	    "bad rows: nothing written, no database made");

	len = snprintf(big, sizeof big, "name\n");
	for (i = 0; i < 25; i++)
		len += snprintf(big + len, sizeof big - len, "\"\"\n");
	rc = ips_import(h, &employer_ops, file("e.csv", big), NULL);
	is_int(rc, IPS_EDATA, "25 bad rows");
	ok(strstr(msg(), "t-import: e.csv:21: name: missing\nt-import: "
	    "e.csv:22: more errors; stopped reading") != NULL &&
	    strstr(msg(), "e.csv:23") == NULL,
	    "25 bad rows: 20 reported, then a line that says so");

	h->dry_run = 1;
	rc = ips_import(h, &employer_ops, file("e.json", "[{\"name\": \"A\", "
	    "\"size\": 5}]"), NULL);
	is_int(rc, 0, "a dry run");
	is_int(count("SELECT count(*) FROM employer"), -1,
	    "a dry run writes nothing, not even a new database");
	h->dry_run = 0;

	after_calls = 0;
	pf = open_memstream(&prog, &plen);
	rc = ips_import_progress(h, &employer_ops, file("e.yaml",
	    "- name: Valio Oy\n  business_id: 0112038-9\n  size: 4000\n"
	    "- ref: e40\n  name: Kesko\n  sector: g\n"
	    "- name: Fazer\n  status: partner\n"), NULL, pf);
	fclose(pf);
	is_int(rc, 0, "yaml import");
	is_str(prog, "t-import: imported 3 employers\n",
	    "the count at the end");
	free(prog);
	is_int(after_calls, 3, "after, once a record");
	is_str(text("SELECT group_concat(id || ':' || name || ':' || "
	    "coalesce(sector, '') || ':' || status, ' ') FROM employer"),
	    "1:Valio Oy::prospect 40:Kesko:G:prospect 41:Fazer::partner",
	    "yaml import: rows as add makes them, a reference kept");
	is_str(text("SELECT group_concat(action || ':' || coalesce(ref, '-') "
	    "|| ':' || fields, ' ') FROM audit"),
	    "import:-:name,business_id,sector,size,status",
	    "one audit row, with the fields the file names");

	rc = ips_import(h, &employer_ops, file("e.jsonl",
	    "{\"ref\": \"e40\", \"name\": \"Again\"}\n"
	    "{\"ref\": \"c5\", \"name\": \"Wrong\"}\n"
	    "{\"ref\": \"e50\", \"name\": \"New\", \"owner\": \"nobody\"}\n"
	    "{\"name\": \"Dup\", \"business_id\": \"0112038-9\"}\n"),
	    NULL);
	is_int(rc, IPS_EDATA, "bad references");
	ok(strncmp(msg(), "e.jsonl:1: ref: e40 exists already\n"
	    "t-import: e.jsonl:2: ref: 'c5' is", 68) == 0,
	    "bad references: a reference taken, one of another kind");
	ok(strstr(msg(), "\nt-import: e.jsonl:3: owner: no such specialist "
	    "'nobody' (known: none yet: add one with 'ips staff add')\n"
	    "t-import: e.jsonl:4: business_id: another employer has it "
	    "already") != NULL, "bad references: no such specialist; a "
	    "business id taken");
	is_int(count("SELECT count(*) FROM employer"), 3,
	    "bad references: nothing more written");
}

int
main(void)
{
	char db[96];

	snprintf(dir, sizeof dir, "%s/t-import.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! cannot make a scratch folder\n");
		return 1;
	}
	snprintf(db, sizeof db, "%s/ips.db", dir);
	setenv("IPS_DB", db, 1);
	unsetenv("IPS_USER");
	unsetenv("IPS_CONFIG");
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("IPS_TODAY", "2026-11-23", 1);
	if ((h = ips_new("t-import")) == NULL)
		return 1;
	if (chdir(dir) != 0)
		return 1;

	test_formats();
	test_csv();
	test_tsv();
	test_json();
	test_jsonl();
	test_yaml();
	test_big();
	test_round_trip();
	test_driver();

	ips_free(h);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# cannot remove %s\n", dir);
	}
	return tap_done();
}
