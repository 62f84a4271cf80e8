/*
 * t-fmt.c - the output module: every format byte for byte, escaping,
 * display widths, UTF-8 validation, and rows streamed from SQLite.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The rows vals (nrows of ncols) in format f, as one string to free. */
static char *
render(enum ips_format f, int header, const struct ips_col *cols, int ncols,
    const char *const *vals, int nrows, const int *flags)
{
	FILE *fp;
	ips_out *o;
	char *buf = NULL;
	size_t len = 0;
	int r;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	if ((o = ips_out_new(fp, f, header, cols, ncols)) == NULL) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	for (r = 0; r < nrows; r++)
		if (ips_out_row(o, vals + (size_t)r * ncols,
		    flags ? flags[r] : 0) != 0)
			printf("# row %d failed\n", r);
	if (ips_out_end(o) != 0)
		printf("# ips_out_end failed\n");
	fclose(fp);
	return buf;
}

static void
check(enum ips_format f, int header, const struct ips_col *cols, int ncols,
    const char *const *vals, int nrows, const int *flags, const char *want,
    const char *what)
{
	char *got = render(f, header, cols, ncols, vals, nrows, flags);

	is_str(got, want, what);
	free(got);
}

/* One value of one column through format f, without a header. */
static void
check1(enum ips_format f, enum ips_col_type t, const char *val,
    const char *want, const char *what)
{
	struct ips_col col = { "v", t };

	check(f, 0, &col, 1, &val, 1, NULL, want, what);
}

/* The data every format is checked with: TEXT, INT, BOOL, LIST, wide
 * characters, absent values and a total row. */
static const struct ips_col people[] = {
	{ "ref", IPS_COL_TEXT },
	{ "name", IPS_COL_TEXT },
	{ "hours", IPS_COL_INT },
	{ "ok", IPS_COL_BOOL },
	{ "types", IPS_COL_LIST },
};
static const char *const people_rows[] = {
	"c1", "K\xc3\xa4rkk\xc3\xa4inen", "30", "1", "cafe,shop",
	"c2", "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", NULL, "0",
	    NULL,
	"total", NULL, "30", NULL, NULL,
};
static const int people_flags[] = { 0, 0, IPS_ROW_TOTAL };

static void
test_formats(void)
{
	static const struct {
		enum ips_format f;
		const char *want;
	} t[] = {
		{ IPS_FMT_TABLE,
		    "ref    name        hours  ok   types\n"
		    "c1     K\xc3\xa4rkk\xc3\xa4inen     30  yes  cafe,shop\n"
		    "c2     \xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
		    "           no\n"
		    "----------------------------------------\n"
		    "total                 30\n" },
		{ IPS_FMT_TSV,
		    "ref\tname\thours\tok\ttypes\n"
		    "c1\tK\xc3\xa4rkk\xc3\xa4inen\t30\tyes\tcafe,shop\n"
		    "c2\t\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e\t\tno\t\n" },
		{ IPS_FMT_CSV,
		    "ref,name,hours,ok,types\r\n"
		    "c1,K\xc3\xa4rkk\xc3\xa4inen,30,yes,\"cafe,shop\"\r\n"
		    "c2,\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e,,no,\r\n" },
		{ IPS_FMT_JSON,
		    "[\n"
		    "{\"ref\":\"c1\",\"name\":\"K\xc3\xa4rkk\xc3\xa4inen\","
		    "\"hours\":30,\"ok\":true,\"types\":[\"cafe\",\"shop\"]},\n"
		    "{\"ref\":\"c2\",\"name\":"
		    "\"\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e\","
		    "\"hours\":null,\"ok\":false,\"types\":null}\n"
		    "]\n" },
		{ IPS_FMT_JSONL,
		    "{\"ref\":\"c1\",\"name\":\"K\xc3\xa4rkk\xc3\xa4inen\","
		    "\"hours\":30,\"ok\":true,\"types\":[\"cafe\",\"shop\"]}\n"
		    "{\"ref\":\"c2\",\"name\":"
		    "\"\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e\","
		    "\"hours\":null,\"ok\":false,\"types\":null}\n" },
		{ IPS_FMT_YAML,
		    "- ref: c1\n"
		    "  name: K\xc3\xa4rkk\xc3\xa4inen\n"
		    "  hours: 30\n"
		    "  ok: true\n"
		    "  types: [cafe, shop]\n"
		    "- ref: c2\n"
		    "  name: \xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e\n"
		    "  hours: null\n"
		    "  ok: false\n"
		    "  types: null\n" },
		{ IPS_FMT_ID, "c1\nc2\n" },
		{ IPS_FMT_MD,
		    "| ref | name | hours | ok | types |\n"
		    "| --- | --- | ---: | --- | --- |\n"
		    "| c1 | K\xc3\xa4rkk\xc3\xa4inen | 30 | yes | cafe,shop |\n"
		    "| c2 | \xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e |  "
		    "| no |  |\n"
		    "| **total** |  | **30** |  |  |\n" },
		{ IPS_FMT_HTML,
		    "<table>\n<thead>\n"
		    "<tr><th>ref</th><th>name</th><th class=\"num\">hours</th>"
		    "<th>ok</th><th>types</th></tr>\n"
		    "</thead>\n<tbody>\n"
		    "<tr><td>c1</td><td>K\xc3\xa4rkk\xc3\xa4inen</td>"
		    "<td class=\"num\">30</td><td>yes</td><td>cafe,shop</td>"
		    "</tr>\n"
		    "<tr><td>c2</td><td>"
		    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e</td>"
		    "<td class=\"num\"></td><td>no</td><td></td></tr>\n"
		    "</tbody>\n<tfoot>\n"
		    "<tr><td>total</td><td></td><td class=\"num\">30</td>"
		    "<td></td><td></td></tr>\n"
		    "</tfoot>\n</table>\n" },
	};
	char what[64];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		snprintf(what, sizeof what, "format %zu: all column types", i);
		check(t[i].f, 1, people, NELEM(people), people_rows,
		    NELEM(people_flags), people_flags, t[i].want, what);
	}
}

static void
test_no_header(void)
{
	check(IPS_FMT_TABLE, 0, people, NELEM(people), people_rows, 1, NULL,
	    "c1  K\xc3\xa4rkk\xc3\xa4inen  30  yes  cafe,shop\n",
	    "table without header");
	check(IPS_FMT_TSV, 0, people, NELEM(people), people_rows, 1, NULL,
	    "c1\tK\xc3\xa4rkk\xc3\xa4inen\t30\tyes\tcafe,shop\n",
	    "tsv without header");
	check(IPS_FMT_CSV, 0, people, NELEM(people), people_rows, 1, NULL,
	    "c1,K\xc3\xa4rkk\xc3\xa4inen,30,yes,\"cafe,shop\"\r\n",
	    "csv without header");
	check(IPS_FMT_MD, 0, people, NELEM(people), people_rows, 1, NULL,
	    "| c1 | K\xc3\xa4rkk\xc3\xa4inen | 30 | yes | cafe,shop |\n",
	    "md without header");
	check(IPS_FMT_HTML, 0, people, 1, people_rows, 1, NULL,
	    "<table>\n<tbody>\n<tr><td>c1</td></tr>\n</tbody>\n</table>\n",
	    "html without header");
	check(IPS_FMT_JSONL, 0, people, 2, people_rows, 1, NULL,
	    "{\"ref\":\"c1\",\"name\":\"K\xc3\xa4rkk\xc3\xa4inen\"}\n",
	    "jsonl keeps its keys without header");
}

static void
test_no_rows(void)
{
	check(IPS_FMT_TABLE, 1, people, 2, NULL, 0, NULL, "", "table: none");
	check(IPS_FMT_TSV, 1, people, 2, NULL, 0, NULL, "", "tsv: none");
	check(IPS_FMT_CSV, 1, people, 2, NULL, 0, NULL, "", "csv: none");
	check(IPS_FMT_JSON, 1, people, 2, NULL, 0, NULL, "[]\n", "json: []");
	check(IPS_FMT_JSONL, 1, people, 2, NULL, 0, NULL, "", "jsonl: none");
	check(IPS_FMT_YAML, 1, people, 2, NULL, 0, NULL, "[]\n", "yaml: []");
	check(IPS_FMT_ID, 1, people, 2, NULL, 0, NULL, "", "id: none");
	check(IPS_FMT_MD, 1, people, 2, NULL, 0, NULL,
	    "| ref | name |\n| --- | --- |\n", "md: the header alone");
	check(IPS_FMT_HTML, 1, people, 1, NULL, 0, NULL,
	    "<table>\n<thead>\n<tr><th>ref</th></tr>\n</thead>\n</table>\n",
	    "html: the header alone");
	/* A total row alone is dropped where totals are, and so is all. */
	check(IPS_FMT_TSV, 1, people, 2, people_rows + 10, 1, people_flags + 2,
	    "", "tsv: a lone total row prints nothing");
	check(IPS_FMT_JSON, 1, people, 2, people_rows + 10, 1, people_flags + 2,
	    "[]\n", "json: a lone total row is dropped");
}

static void
test_table(void)
{
	static const struct ips_col cols[] = {
		{ "name", IPS_COL_TEXT },
		{ "n", IPS_COL_INT },
		{ "share", IPS_COL_REAL },
	};
	static const char *const names[] = {
		"K\xc3\xa4rkk\xc3\xa4inen", "1", "0.5",
		"Nguy\xe1\xbb\x85n", "22", "0.25",
		"Nguye\xcc\x82\xcc\x83n", "333", NULL,
		"\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", NULL, "1",
		"x", "4444", "12.125",
	};
	static const char *const specials[] = {
		"tab\there", "1",
		"new\nline\\", NULL,
		"esc\x1b[31m", NULL,
		"c1\xc2\x9b", NULL,
		"bad\xff", NULL,
	};
	static const char *const totals[] = {
		"anna", "3",
		"bo", "12",
		"total", "15",
		"mean", "7.5",
	};
	static const int total_flags[] = { 0, 0, IPS_ROW_TOTAL, IPS_ROW_TOTAL };
	const char *many[2 * 2000];
	char *got, *p;
	char nums[2000][12];
	int i, lines;

	check(IPS_FMT_TABLE, 1, cols, 3, names, 5, NULL,
	    "name           n   share\n"
	    "K\xc3\xa4rkk\xc3\xa4inen     1     0.5\n"
	    "Nguy\xe1\xbb\x85n        22    0.25\n"
	    "Nguye\xcc\x82\xcc\x83n       333\n"
	    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
	    "               1\n"
	    "x           4444  12.125\n",
	    "table: UTF-8 widths line up, numbers right aligned");
	check(IPS_FMT_TABLE, 1, cols, 2, specials, 5, NULL,
	    "name        n\n"
	    "tab\\there   1\n"
	    "new\\nline\\\n"
	    "esc^[[31m\n"
	    "c1\xef\xbf\xbd\n"
	    "bad\xff\n",
	    "table: control characters shown, bad bytes one column");
	check(IPS_FMT_TABLE, 1, cols, 2, totals, 4, total_flags,
	    "name     n\n"
	    "anna     3\n"
	    "bo      12\n"
	    "----------\n"
	    "total   15\n"
	    "mean   7.5\n",
	    "table: total rows after one rule");

	/* Past the arena's first block: every row kept, in order. */
	for (i = 0; i < 2000; i++) {
		snprintf(nums[i], sizeof nums[i], "%d", i);
		many[2 * i] = "Kärkkäinen Nguyễn 山田太郎 padding padding";
		many[2 * i + 1] = nums[i];
	}
	got = render(IPS_FMT_TABLE, 1, cols, 2, many, 2000, NULL);
	lines = 0;
	for (p = got; p != NULL && *p != '\0'; p++)
		lines += *p == '\n';
	is_int(lines, 2001, "table: 2000 rows and a header");
	ok(got != NULL && strstr(got, "padding  1999\n") != NULL &&
	    strstr(got, "padding     0\n") != NULL, "table: last and first rows");
	free(got);
}

static void
test_tsv_csv(void)
{
	check1(IPS_FMT_TSV, IPS_COL_TEXT, "a\tb\nc\\d\re",
	    "a\\tb\\nc\\\\d\\re\n", "tsv escapes tab, newline, CR, backslash");
	check1(IPS_FMT_TSV, IPS_COL_TEXT, NULL, "\n", "tsv: absent is empty");
	check1(IPS_FMT_TSV, IPS_COL_BOOL, "0", "no\n", "tsv: bool no");
	check1(IPS_FMT_TSV, IPS_COL_LIST, "a,b", "a,b\n", "tsv: list as is");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "plain", "plain\r\n", "csv: plain");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "a,b", "\"a,b\"\r\n", "csv: comma");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "say \"hi\"",
	    "\"say \"\"hi\"\"\"\r\n", "csv: quotes doubled");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "two\nlines", "\"two\nlines\"\r\n",
	    "csv: newline quoted");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "cr\r", "\"cr\r\"\r\n",
	    "csv: CR quoted");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, " lead", "\" lead\"\r\n",
	    "csv: leading space quoted");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "trail ", "\"trail \"\r\n",
	    "csv: trailing space quoted");
	check1(IPS_FMT_CSV, IPS_COL_TEXT, "", "\r\n", "csv: empty");
	check1(IPS_FMT_CSV, IPS_COL_BOOL, "1", "yes\r\n", "csv: bool yes");
	check1(IPS_FMT_CSV, IPS_COL_LIST, "a,b", "\"a,b\"\r\n",
	    "csv: list quoted");
}

static void
test_json(void)
{
	static const struct {
		enum ips_col_type t;
		const char *in, *want;
		const char *what;
	} t[] = {
		{ IPS_COL_TEXT, "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"",
		    "json: control characters as \\u00XX" },
		{ IPS_COL_TEXT, "\"\\/", "\"\\\"\\\\/\"",
		    "json: quote and backslash" },
		{ IPS_COL_TEXT, "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"",
		    "json: short escapes" },
		{ IPS_COL_TEXT, "Nguy\xe1\xbb\x85n \xf0\x9f\x91\x8d",
		    "\"Nguy\xe1\xbb\x85n \xf0\x9f\x91\x8d\"",
		    "json: UTF-8 passes through" },
		{ IPS_COL_TEXT, "a\xff" "b\xc0\x80\xed\xa0\x80",
		    "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
		    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
		    "json: bad bytes become U+FFFD" },
		{ IPS_COL_TEXT, "12", "\"12\"", "json: text stays a string" },
		{ IPS_COL_INT, "-12", "-12", "json: int" },
		{ IPS_COL_INT, "0123", "\"0123\"", "json: 0123 is not a number" },
		{ IPS_COL_INT, "", "\"\"", "json: empty int is a string" },
		{ IPS_COL_INT, "12x", "\"12x\"", "json: 12x is a string" },
		{ IPS_COL_REAL, "0.6", "0.6", "json: real" },
		{ IPS_COL_REAL, "1.5e+20", "1.5e+20", "json: exponent" },
		{ IPS_COL_REAL, ".5", "\".5\"", "json: .5 is a string" },
		{ IPS_COL_REAL, "1.", "\"1.\"", "json: 1. is a string" },
		{ IPS_COL_REAL, "Inf", "\"Inf\"", "json: Inf is a string" },
		{ IPS_COL_REAL, NULL, "null", "json: absent real" },
		{ IPS_COL_BOOL, "1", "true", "json: true" },
		{ IPS_COL_BOOL, "0", "false", "json: false" },
		{ IPS_COL_BOOL, "maybe", "\"maybe\"", "json: not a bool" },
		{ IPS_COL_LIST, "a, b,,c ", "[\"a\",\"b\",\"c\"]",
		    "json: list trimmed, empty items dropped" },
		{ IPS_COL_LIST, "", "[]", "json: empty list" },
		{ IPS_COL_LIST, "say \"x\"", "[\"say \\\"x\\\"\"]",
		    "json: list items escaped" },
		{ IPS_COL_TEXT, NULL, "null", "json: absent text" },
	};
	struct ips_col col = { "k\"ey", IPS_COL_TEXT };
	char want[128];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		col.type = t[i].t;
		snprintf(want, sizeof want, "{\"k\\\"ey\":%s}\n", t[i].want);
		check(IPS_FMT_JSONL, 0, &col, 1, &t[i].in, 1, NULL, want,
		    t[i].what);
	}
}

static void
test_yaml(void)
{
	static const struct {
		enum ips_col_type t;
		const char *in, *want;
	} t[] = {
		{ IPS_COL_TEXT, "yes", "\"yes\"" },
		{ IPS_COL_TEXT, "No", "\"No\"" },
		{ IPS_COL_TEXT, "y", "\"y\"" },
		{ IPS_COL_TEXT, "OFF", "\"OFF\"" },
		{ IPS_COL_TEXT, "null", "\"null\"" },
		{ IPS_COL_TEXT, "True", "\"True\"" },
		{ IPS_COL_TEXT, "~", "\"~\"" },
		{ IPS_COL_TEXT, "", "\"\"" },
		{ IPS_COL_TEXT, "a: b", "\"a: b\"" },
		{ IPS_COL_TEXT, "a #b", "\"a #b\"" },
		{ IPS_COL_TEXT, "-x", "\"-x\"" },
		{ IPS_COL_TEXT, "2026-11-23", "\"2026-11-23\"" },
		{ IPS_COL_TEXT, "0123", "\"0123\"" },
		{ IPS_COL_TEXT, "1e3", "\"1e3\"" },
		{ IPS_COL_TEXT, "12", "\"12\"" },
		{ IPS_COL_TEXT, " lead", "\" lead\"" },
		{ IPS_COL_TEXT, "trail ", "\"trail \"" },
		{ IPS_COL_TEXT, "[x]", "\"[x]\"" },
		{ IPS_COL_TEXT, "*ref", "\"*ref\"" },
		{ IPS_COL_TEXT, "line\nbreak\t\"q\" \\", 
		    "\"line\\nbreak\\t\\\"q\\\" \\\\\"" },
		{ IPS_COL_TEXT, "bell\x07\x7f", "\"bell\\x07\\x7f\"" },
		{ IPS_COL_TEXT, "nel\xc2\x85 ls\xe2\x80\xa8",
		    "\"nel\\x85 ls\\u2028\"" },
		{ IPS_COL_TEXT, "bad\xff", "\"bad\xef\xbf\xbd\"" },
		{ IPS_COL_TEXT, "Anna Virtanen", "Anna Virtanen" },
		{ IPS_COL_TEXT, "anna.v@example.fi", "anna.v@example.fi" },
		{ IPS_COL_TEXT, "yes please", "yes please" },
		{ IPS_COL_TEXT, "\xc3\x84\xc3\xa4nekoski", "\xc3\x84\xc3\xa4nekoski" },
		{ IPS_COL_TEXT, "Nguye\xcc\x82\xcc\x83n", "Nguye\xcc\x82\xcc\x83n" },
		{ IPS_COL_TEXT, NULL, "null" },
		{ IPS_COL_INT, "42", "42" },
		{ IPS_COL_INT, "0123", "\"0123\"" },
		{ IPS_COL_REAL, "-0.25", "-0.25" },
		{ IPS_COL_BOOL, "1", "true" },
		{ IPS_COL_BOOL, "0", "false" },
		{ IPS_COL_BOOL, NULL, "null" },
		{ IPS_COL_LIST, "cafe, shop", "[cafe, shop]" },
		{ IPS_COL_LIST, "yes,a: b,x y,2026", "[\"yes\", \"a: b\", x y, "
		    "\"2026\"]" },
		{ IPS_COL_LIST, "", "[]" },
	};
	struct ips_col col = { "value", IPS_COL_TEXT };
	char want[128], what[128];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		col.type = t[i].t;
		snprintf(want, sizeof want, "- value: %s\n", t[i].want);
		snprintf(what, sizeof what, "yaml: value %zu as %s", i,
		    t[i].want);
		check(IPS_FMT_YAML, 1, &col, 1, &t[i].in, 1, NULL, want, what);
	}
	col.name = "on";
	col.type = IPS_COL_TEXT;
	check(IPS_FMT_YAML, 1, &col, 1, &t[0].in, 1, NULL,
	    "- \"on\": \"yes\"\n", "yaml: keys quoted too");
}

static void
test_id_md_html(void)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT },
		{ "note", IPS_COL_TEXT },
		{ "n", IPS_COL_REAL },
	};
	static const char *const rows[] = {
		"c1", "a|b\\c\nd\r\ne <i>", "1.5",
		NULL, "x", NULL,
		"e2", "Smith & \"Sons\" 'Oy' <b>", NULL,
	};

	check(IPS_FMT_ID, 1, cols, 3, rows, 3, NULL, "c1\ne2\n",
	    "id: the first column only, absent skipped");
	check(IPS_FMT_MD, 1, cols, 3, rows, 2, NULL,
	    "| ref | note | n |\n"
	    "| --- | --- | ---: |\n"
	    "| c1 | a\\|b\\\\c<br>d<br>e &lt;i> | 1.5 |\n"
	    "|  | x |  |\n",
	    "md: pipes, backslashes, line breaks and markup escaped");
	check(IPS_FMT_HTML, 1, cols + 1, 1, rows + 7, 1, NULL,
	    "<table>\n<thead>\n<tr><th>note</th></tr>\n</thead>\n<tbody>\n"
	    "<tr><td>Smith &amp; &quot;Sons&quot; &#39;Oy&#39; &lt;b&gt;"
	    "</td></tr>\n</tbody>\n</table>\n",
	    "html: & < > \" ' escaped");
	check(IPS_FMT_HTML, 0, cols + 1, 1, rows + 1, 1, NULL,
	    "<table>\n<tbody>\n"
	    "<tr><td>a|b\\c<br>d<br>e &lt;i&gt;</td></tr>\n</tbody>\n"
	    "</table>\n",
	    "html: line breaks as <br>");
}

static void
test_width(void)
{
	is_int(ips_utf8_width(""), 0, "width of nothing");
	is_int(ips_utf8_width("K\xc3\xa4rkk\xc3\xa4inen"), 10,
	    "width of K\xc3\xa4rkk\xc3\xa4inen");
	is_int(ips_utf8_width("Nguy\xe1\xbb\x85n"), 6,
	    "width of Nguyen, precomposed");
	is_int(ips_utf8_width("Nguye\xcc\x82\xcc\x83n"), 6,
	    "width of Nguyen, decomposed");
	is_int(ips_utf8_width("\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"),
	    8, "width of a CJK name");
	is_int(ips_utf8_width("\xea\xb9\x80"), 2, "width of Hangul");
	is_int(ips_utf8_width("\xef\xbc\xa1"), 2, "width of fullwidth A");
	is_int(ips_utf8_width("\xf0\x9f\x91\x8d"), 2, "width of an emoji");
	is_int(ips_utf8_width("a\xe2\x80\x8b" "b"), 2,
	    "a zero-width space takes none");
	is_int(ips_utf8_width("a\xff\xc0"), 3, "bad bytes count one each");
	is_int(ips_utf8_width("\xe5\xb1"), 2, "a truncated character too");
}

static void
test_valid(void)
{
	static const struct {
		const char *s;
		int valid;
		const char *what;
	} t[] = {
		{ "", 1, "empty" },
		{ "plain ascii", 1, "ascii" },
		{ "K\xc3\xa4rkk\xc3\xa4inen", 1, "two-byte" },
		{ "\xe5\xb1\xb1\xe7\x94\xb0", 1, "three-byte" },
		{ "\xf0\x9f\x91\x8d", 1, "four-byte" },
		{ "\xed\x9f\xbf", 1, "U+D7FF" },
		{ "\xee\x80\x80", 1, "U+E000" },
		{ "\xf4\x8f\xbf\xbf", 1, "U+10FFFF" },
		{ "\xc0\x80", 0, "overlong NUL C0 80" },
		{ "\xc1\xbf", 0, "overlong C1 BF" },
		{ "\xe0\x80\x80", 0, "overlong three-byte" },
		{ "\xe0\x9f\xbf", 0, "overlong E0 9F BF" },
		{ "\xf0\x80\x80\x80", 0, "overlong four-byte" },
		{ "\xf0\x8f\xbf\xbf", 0, "overlong F0 8F BF BF" },
		{ "\xed\xa0\x80", 0, "surrogate ED A0 80" },
		{ "\xed\xbf\xbf", 0, "surrogate ED BF BF" },
		{ "\xf4\x90\x80\x80", 0, "past U+10FFFF" },
		{ "\xf5\x80\x80\x80", 0, "F5 lead" },
		{ "\xff", 0, "FF" },
		{ "\x80", 0, "stray continuation" },
		{ "a\xe5\xb1", 0, "truncated at the end" },
		{ "\xe5\xb1" "a", 0, "truncated before ascii" },
		{ "\xc3", 0, "lone lead byte" },
	};
	char what[64];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		snprintf(what, sizeof what, "utf8_valid: %s", t[i].what);
		is_int(ips_utf8_valid(t[i].s, strlen(t[i].s)),
		    t[i].valid ? 0 : IPS_EDATA, what);
	}
	is_int(ips_utf8_valid("\xc3\xa4", 1), IPS_EDATA,
	    "utf8_valid: n cuts a character");
	is_int(ips_utf8_valid("a\0b", 3), 0, "utf8_valid: NUL is valid");
}

static void
test_escapers(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL) {
		ok(0, "open_memstream");
		return;
	}
	ips_put_tsv(fp, "a\tb\\");
	putc('|', fp);
	ips_put_csv(fp, "x\"y");
	putc('|', fp);
	ips_put_csv(fp, "plain");
	putc('|', fp);
	ips_put_json(fp, "q\"\n");
	putc('|', fp);
	ips_put_json(fp, NULL);
	fclose(fp);
	is_str(buf, "a\\tb\\\\|\"x\"\"y\"|plain|\"q\\\"\\n\"|null",
	    "ips_put_tsv, ips_put_csv, ips_put_json");
	free(buf);
}

static void
test_parse(ips *h)
{
	static const char *const names[] = {
		"table", "tsv", "csv", "json", "jsonl", "yaml", "id", "html", "md",
	};
	enum ips_format f;
	char what[64], long_name[100];
	size_t i;

	for (i = 0; i < NELEM(names); i++) {
		f = IPS_FMT_TABLE;
		snprintf(what, sizeof what, "format '%s' in a report", names[i]);
		ok(ips_format_parse(h, names[i], 1, &f) == 0 && (size_t)f == i,
		    "%s", what);
	}
	is_int(ips_format_parse(h, "yaml", 0, &f), 0, "yaml in a list");
	is_int(f, IPS_FMT_YAML, "yaml is yaml");
	is_int(ips_format_parse(h, "html", 0, &f), IPS_EUSAGE,
	    "html only in reports");
	is_str(ips_errmsg(h),
	    "unknown format 'html' (table, tsv, csv, json, jsonl, yaml, id)",
	    "the message lists the formats");
	is_int(ips_status(h), IPS_EUSAGE, "the status is on the handle");
	is_int(ips_format_parse(h, "xml", 1, &f), IPS_EUSAGE, "xml unknown");
	is_str(ips_errmsg(h), "unknown format 'xml' (table, tsv, csv, json, "
	    "jsonl, yaml, id, html, md)", "a report lists html and md");
	is_int(ips_format_parse(h, "JSON", 0, &f), IPS_EUSAGE,
	    "names are lowercase");
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	long_name[39] = '\xc3';		/* a character across byte 40 */
	long_name[40] = '\xa4';
	ips_format_parse(h, long_name, 0, &f);
	is_str(ips_errmsg(h), "unknown format 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxx...' (table, tsv, csv, json, jsonl, yaml, id)",
	    "a long name is cut, not inside a character");

	h->format = -1;
	is_int(ips_format(h), isatty(STDOUT_FILENO) ? IPS_FMT_TABLE :
	    IPS_FMT_TSV, "no -o: table on a terminal, tsv otherwise");
	h->format = IPS_FMT_CSV;
	is_int(ips_format(h), IPS_FMT_CSV, "-o csv");
	h->no_header = 1;
	is_int(ips_no_header(h), 1, "-H");
	h->no_header = 0;
	h->format = -1;
}

static void
test_write_error(void)
{
	FILE *fp = fopen("/dev/full", "w");
	ips_out *o;
	const char *vals[] = { "c1" };
	int i, rc = 0;

	if (fp == NULL) {
		ok(1, "# SKIP no /dev/full");
		return;
	}
	o = ips_out_new(fp, IPS_FMT_TSV, 1, people, 1);
	/* Enough rows to fill the buffer: a row then says so. */
	for (i = 0; i < 10000 && rc == 0; i++)
		rc = ips_out_row(o, vals, 0);
	is_int(rc, IPS_EIO, "a row written to a full disk fails");
	is_int(ips_out_end(o), IPS_EIO, "and so does the end");
	fclose(fp);

	fp = fopen("/dev/full", "w");
	o = ips_out_new(fp, IPS_FMT_JSON, 1, people, 1);
	is_int(ips_out_row(o, vals, 0), 0, "a buffered row looks fine");
	is_int(ips_out_end(o), IPS_EIO, "the end finds the full disk");
	fclose(fp);

	ips_out_free(NULL);
	o = ips_out_new(stdout, IPS_FMT_TABLE, 1, people, 1);
	ips_out_row(o, vals, 0);
	ips_out_free(o);
	ok(1, "ips_out_free writes nothing and takes NULL");
}

static void
test_stmt(ips *h)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT },
		{ "name", IPS_COL_TEXT },
		{ "hours", IPS_COL_REAL },
		{ "ok", IPS_COL_BOOL },
		{ "types", IPS_COL_LIST },
	};
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		ok(0, "sqlite3_open");
		return;
	}
	h->db = db;
	rc = sqlite3_exec(db,
	    "create table t(id integer, name text, hours real, ok integer,"
	    " types text);"
	    "insert into t values (1, 'K\xc3\xa4rkk\xc3\xa4inen', 37.5, 1,"
	    " 'cafe,shop');"
	    "insert into t values (2, 'a\tb', null, 0, null);"
	    "insert into t values (10, null, 20, null, '');",
	    NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "sqlite: the table");

	sqlite3_prepare_v2(db, "select 'c' || id, name, hours, ok, types"
	    " from t order by id", -1, &st, NULL);
	fp = open_memstream(&buf, &len);
	h->format = IPS_FMT_JSON;
	is_int(ips_out_stmt(h, fp, cols, 5, st), 0, "ips_out_stmt: json");
	fclose(fp);
	is_str(buf,
	    "[\n"
	    "{\"ref\":\"c1\",\"name\":\"K\xc3\xa4rkk\xc3\xa4inen\","
	    "\"hours\":37.5,\"ok\":true,\"types\":[\"cafe\",\"shop\"]},\n"
	    "{\"ref\":\"c2\",\"name\":\"a\\tb\",\"hours\":null,\"ok\":false,"
	    "\"types\":null},\n"
	    "{\"ref\":\"c10\",\"name\":null,\"hours\":20.0,\"ok\":null,"
	    "\"types\":[]}\n"
	    "]\n", "ips_out_stmt: json, null as null, real as number");
	free(buf);

	sqlite3_prepare_v2(db, "select 'c' || id, name, hours, ok, types"
	    " from t order by id", -1, &st, NULL);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	h->format = IPS_FMT_TSV;
	h->no_header = 1;
	is_int(ips_out_stmt(h, fp, cols, 5, st), 0, "ips_out_stmt: tsv");
	fclose(fp);
	is_str(buf,
	    "c1\tK\xc3\xa4rkk\xc3\xa4inen\t37.5\tyes\tcafe,shop\n"
	    "c2\ta\\tb\t\tno\t\n"
	    "c10\t\t20.0\t\t\n", "ips_out_stmt: tsv without header");
	free(buf);
	h->no_header = 0;

	sqlite3_prepare_v2(db, "select 'c' || id from t where id > 99", -1,
	    &st, NULL);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	h->format = IPS_FMT_YAML;
	is_int(ips_out_stmt(h, fp, cols, 1, st), 0, "ips_out_stmt: no rows");
	fclose(fp);
	is_str(buf, "[]\n", "ips_out_stmt: yaml of nothing");
	free(buf);

	/* An error while stepping: the integer overflow of abs(). */
	sqlite3_prepare_v2(db, "select 'c' || id from t union all"
	    " select abs(-9223372036854775807 - 1)", -1, &st, NULL);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	h->format = IPS_FMT_TSV;
	rc = ips_out_stmt(h, fp, cols, 1, st);
	fclose(fp);
	ok(rc != 0 && rc == ips_status(h), "ips_out_stmt: a SQLite error "
	    "is reported (%d: %s)", rc, ips_errmsg(h));
	free(buf);

	sqlite3_prepare_v2(db, "select 'c' || id from t", -1, &st, NULL);
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		is_int(ips_out_stmt(h, fp, cols, 1, st), IPS_EIO,
		    "ips_out_stmt: a full disk is IPS_EIO");
		is_str(ips_errmsg(h), "write error", "with its message");
		fclose(fp);
	} else
		sqlite3_finalize(st);

	h->db = NULL;
	is_int(sqlite3_close(db), SQLITE_OK,
	    "ips_out_stmt finalized every statement");
}

int
main(void)
{
	ips *h;

	if ((h = ips_new("t-fmt")) == NULL) {
		printf("Bail out! ips_new\n");
		return 1;
	}
	test_formats();
	test_no_header();
	test_no_rows();
	test_table();
	test_tsv_csv();
	test_json();
	test_yaml();
	test_id_md_html();
	test_width();
	test_valid();
	test_escapers();
	test_parse(h);
	test_write_error();
	test_stmt(h);
	ips_free(h);
	return tap_done();
}
