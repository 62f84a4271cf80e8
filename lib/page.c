/*
 * page.c - the html page around a report: one self-contained file with
 * its style inline and nothing fetched from elsewhere, so that it reads
 * the same in a browser, a mail client or a file saved for later.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "report.h"

/*
 * Mail clients drop or rewrite much of CSS; what is here degrades to a
 * plain readable table when dropped.  Right-aligned numbers are the
 * table's business (fmt.c); only the frame is set here.
 */
static const char page_css[] =
"body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
"color:#222;background:#fff;margin:1.5em;max-width:64em;line-height:1.4}\n"
"h1{font-size:1.4em;margin:0 0 .2em}\n"
"h2{font-size:1.1em;margin:1.6em 0 .5em}\n"
"p.sub{color:#555;margin:0 0 1.2em}\n"
"p.note{color:#444;font-size:.9em;margin:.8em 0}\n"
"table{border-collapse:collapse;font-size:.9em;margin:.5em 0}\n"
"th,td{padding:.25em .6em;border-bottom:1px solid #ddd;"
"vertical-align:top}\n"
"th{background:#f3f3f3;text-align:left;font-weight:600}\n"
"tfoot td,tr.total td,tr.total th{font-weight:600;"
"border-top:2px solid #999}\n"
".num{text-align:right}\n"
"svg{display:block;margin:1em 0;max-width:100%;height:auto}\n"
"footer{color:#777;font-size:.8em;margin-top:2em}\n";

void
ips_page_text(FILE *fp, const char *s)
{
	/* The table cells' escaping; a missing text is none. */
	if (s != NULL)
		ips_put_html(fp, s);
}

void
ips_page_begin(FILE *fp, const char *title, const char *sub,
    const char *period)
{
	fputs("<!doctype html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n", fp);
	/* For scripts that file or mail the page (ips-weekly-mail). */
	if (period != NULL && *period != '\0') {
		fputs("<meta name=\"ips-period\" content=\"", fp);
		ips_page_text(fp, period);
		fputs("\">\n", fp);
	}
	fputs("<title>", fp);
	ips_page_text(fp, title);
	if (sub != NULL && *sub != '\0') {
		fputs(" \xe2\x80\x94 ", fp);
		ips_page_text(fp, sub);
	}
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    page_css);
	ips_page_text(fp, title);
	fputs("</h1>\n", fp);
	if (sub != NULL && *sub != '\0')
		ips_page_para(fp, "sub", sub);
}

void
ips_page_para(FILE *fp, const char *cls, const char *text)
{
	if (cls != NULL)
		fprintf(fp, "<p class=\"%s\">", cls);
	else
		fputs("<p>", fp);
	ips_page_text(fp, text);
	fputs("</p>\n", fp);
}

void
ips_page_heading(FILE *fp, const char *text)
{
	fputs("<h2>", fp);
	ips_page_text(fp, text);
	fputs("</h2>\n", fp);
}

void
ips_page_end(FILE *fp)
{
	fprintf(fp, "<footer>ips-report %s</footer>\n</body>\n</html>\n",
	    IPS_VERSION);
}
