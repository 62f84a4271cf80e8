/*
 * valid.c - checks of typed values, with messages that name the field and
 * the problem but never echo personal data.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

int
ips_echo_ok(const char *s)
{
	size_t i;
	int digits = 0;

	/* A typo in a word, a date or a small number helps to see again;
	 * a name, a phone number or an e-mail address (a csv row whose
	 * columns slipped) must not reach a log.  So: one short word,
	 * digits in runs of at most four, and the punctuation of dates,
	 * weeks and times. */
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = s[i];

		if (i >= 24)
			return 0;
		digits = isdigit(c) ? digits + 1 : 0;
		if (digits > 4)
			return 0;
		if (!(isalnum(c) || strchr(".:/+-_", c)))
			return 0;
	}
	return 1;
}

/* " 'value'" when the value may be repeated, else nothing. */
static const char *
echo(const char *s, char *buf, size_t n)
{
	if (!ips_echo_ok(s))
		return "";
	snprintf(buf, n, " '%s'", s);
	return buf;
}

/*
 * The controls beyond ASCII that text must not hold either: C1 (a
 * terminal takes U+009B for an escape, as it takes ESC [), the bidi
 * overrides and isolates that make a listing show what is not there,
 * and, in one-line text, the Unicode line and paragraph separators.
 */
static int
hidden_control(const unsigned char *s, size_t n, int flags)
{
	uint32_t cp;

	if (ips_utf8_decode(s, n, &cp) == 0)
		return 0;
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || (!(flags & IPS_TEXT_MULTILINE) &&
	    (cp == 0x2028 || cp == 0x2029));
}

int
ips_check_text(ips *h, const char *field, const char *s, size_t max,
    int flags)
{
	size_t n, i, chars = 0;

	n = strlen(s);
	if (n == 0 || strspn(s, " \t") == n) {
		if (flags & IPS_TEXT_EMPTY_OK)
			return 0;
		return ips_fail(h, IPS_EDATA, "%s: empty", field);
	}
	if (ips_utf8_valid(s, n) != 0)
		return ips_fail(h, IPS_EDATA, "%s: invalid UTF-8", field);
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if ((c & 0xc0) != 0x80)
			chars++;
		if (c == 0x7f || (c < 0x20 && !((flags & IPS_TEXT_MULTILINE) &&
		    (c == '\n' || c == '\t'))))
			return ips_fail(h, IPS_EDATA, "%s: control character "
			    "in text", field);
		if (c >= 0x80 && hidden_control((const unsigned char *)s + i,
		    n - i, flags))
			return ips_fail(h, IPS_EDATA, "%s: control character "
			    "in text", field);
	}
	if (chars > max)
		return ips_fail(h, IPS_EDATA, "%s: longer than %zu characters",
		    field, max);
	return 0;
}

int
ips_check_enum(ips *h, const char *field, const char *s,
    const char *const *allowed)
{
	char list[256], buf[64];
	size_t len = 0;
	int i;

	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(s, allowed[i]) == 0)
			return 0;
	list[0] = '\0';
	for (i = 0; allowed[i] != NULL && len < sizeof list; i++)
		len += snprintf(list + len, sizeof list - len, "%s%s",
		    i ? ", " : "", allowed[i]);
	return ips_fail(h, IPS_EDATA, "%s:%s not one of %s", field,
	    s[0] ? echo(s, buf, sizeof buf) : " empty,", list);
}

int
ips_check_real(ips *h, const char *field, const char *s, double min,
    double max, double *out)
{
	char buf[64], *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (s[0] == '\0' || isspace((unsigned char)s[0]) || *end != '\0' ||
	    errno != 0 || !isfinite(v))
		return ips_fail(h, IPS_EDATA, "%s:%s not a number", field,
		    echo(s, buf, sizeof buf));
	if (v < min || v > max)
		return ips_fail(h, IPS_EDATA, "%s: %s%sout of range %g to %g",
		    field, ips_echo_ok(s) ? s : "", ips_echo_ok(s) ? " " : "",
		    min, max);
	*out = v;
	return 0;
}

int
ips_check_int(ips *h, const char *field, const char *s, long long min,
    long long max, long long *out)
{
	char buf[64], *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || isspace((unsigned char)s[0]) || *end != '\0' ||
	    errno != 0)
		return ips_fail(h, IPS_EDATA, "%s:%s not a whole number",
		    field, echo(s, buf, sizeof buf));
	if (v < min || v > max)
		return ips_fail(h, IPS_EDATA, "%s: %s%sout of range %lld to "
		    "%lld", field, ips_echo_ok(s) ? s : "", ips_echo_ok(s) ?
		    " " : "", min, max);
	*out = v;
	return 0;
}

int
ips_check_bool(ips *h, const char *field, const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "1", "y", NULL };
	static const char *const no[] = { "no", "false", "0", "n", NULL };
	char buf[64];
	int i;

	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	return ips_fail(h, IPS_EDATA, "%s:%s not yes or no", field,
	    echo(s, buf, sizeof buf));
}

int
ips_check_handle(ips *h, const char *s)
{
	char buf[64];
	size_t n = strlen(s);

	if (n == 0 || n > 32 || !islower((unsigned char)s[0]) ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return ips_fail(h, IPS_EDATA, "handle:%s not a letter followed "
		    "by up to 31 of a-z, 0-9, _ and -", echo(s, buf,
		    sizeof buf));
	return 0;
}

int
ips_business_id_valid(const char *s)
{
	static const int w[7] = { 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0, r;

	if (strlen(s) != 9 || s[7] != '-')
		return 0;
	for (i = 0; i < 7; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		sum += (s[i] - '0') * w[i];
	}
	if (!isdigit((unsigned char)s[8]))
		return 0;
	r = sum % 11;
	if (r == 1)
		return 0;
	return s[8] - '0' == (r == 0 ? 0 : 11 - r);
}

int
ips_check_time(ips *h, const char *field, const char *s)
{
	char buf[64];

	if (strlen(s) != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != ':' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]) ||
	    (s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5')
		return ips_fail(h, IPS_EDATA, "%s:%s not a time HH:MM", field,
		    echo(s, buf, sizeof buf));
	return 0;
}
