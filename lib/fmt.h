/*
 * fmt.h - what the two files of the output module share: fmt.c (the
 * writer, ips_out: formats, rows, the table's layout) and escape.c (the
 * value encoders it writes each name and value with).  Not for the rest
 * of libips, which writes through ips_out or the ips_put_ of ips.h.
 */
#ifndef IPS_FMT_H
#define IPS_FMT_H

#include <stdio.h>

#include "internal.h"

/* What the replacement character U+FFFD looks like in UTF-8. */
#define REPLACEMENT "\xef\xbf\xbd"

/* The text a value of type t shows in table, tsv, csv, id, html and md:
 * "" for NULL, yes or no for a BOOL. */
const char *ips_text_value(const char *s, enum ips_col_type t);
/* A value in JSON: null, a number, true or false, an array for a LIST,
 * or a string. */
void ips_put_json_value(FILE *fp, const char *s, enum ips_col_type t);
/* s[0..n-1] as a YAML scalar: plain where it reads back the same,
 * double-quoted otherwise. */
void ips_put_yaml_n(FILE *fp, const char *s, size_t n);
/* A value in YAML, typed as in JSON; a LIST in flow style. */
void ips_put_yaml_value(FILE *fp, const char *s, enum ips_col_type t);
/* Text in an HTML element. */
void ips_put_html(FILE *fp, const char *s);
/* Text in a cell of a GitHub Markdown table. */
void ips_put_md(FILE *fp, const char *s);

#endif
