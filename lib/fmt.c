/*
 * fmt.c - the one output module.  Every list, show, export and report
 * hands its rows to an ips_out, which writes them in the format chosen
 * with -o.  All formats but table stream: a row is written as it comes,
 * so memory stays flat however many rows there are.  Table has to see
 * every row before it knows the column widths; it keeps them in one
 * growing arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const format_names[] = {
	[IPS_FMT_TABLE] = "table",
	[IPS_FMT_TSV] = "tsv",
	[IPS_FMT_CSV] = "csv",
	[IPS_FMT_JSON] = "json",
	[IPS_FMT_JSONL] = "jsonl",
	[IPS_FMT_YAML] = "yaml",
	[IPS_FMT_ID] = "id",
	[IPS_FMT_HTML] = "html",
	[IPS_FMT_MD] = "md",
};

/* The longest part of s, in bytes, that is echoed in a message. */
#define ECHO_MAX 40

/* What the replacement character U+FFFD looks like in UTF-8. */
#define REPLACEMENT "\xef\xbf\xbd"

struct ips_out {
	FILE *fp;
	enum ips_format f;
	int header;
	const struct ips_col *cols;
	int ncols;
	long rows;		/* rows written, or kept by table */
	int nomem;		/* table only: a row could not be kept */
	enum { SEC_NONE, SEC_BODY, SEC_FOOT } section;	/* html */
	/* table: each row is one flag byte and ncols strings, in the arena */
	char *arena;
	size_t len, cap;
	size_t *width;
};

/*
 * Code points that take no column (combining marks, format characters,
 * conjoining Hangul vowels and finals) and that take two (East Asian
 * wide and fullwidth, emoji shown as pictures), generated from Unicode
 * 14 data; runs of unassigned code points between two ranges are folded
 * into them to keep the tables short.
 */
struct range {
	uint32_t lo, hi;
};
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x061c, 0x061c },
	{ 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074a }, { 0x07a6, 0x07b0 },
	{ 0x07eb, 0x07f3 }, { 0x07fd, 0x07fd }, { 0x0816, 0x0819 },
	{ 0x081b, 0x0823 }, { 0x0825, 0x0827 }, { 0x0829, 0x082d },
	{ 0x0859, 0x085b }, { 0x0898, 0x089f }, { 0x08ca, 0x08e1 },
	{ 0x08e3, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09bc, 0x09bc },
	{ 0x09c1, 0x09c4 }, { 0x09cd, 0x09cd }, { 0x09e2, 0x09e3 },
	{ 0x09fe, 0x0a02 }, { 0x0a3c, 0x0a3c }, { 0x0a41, 0x0a51 },
	{ 0x0a70, 0x0a71 }, { 0x0a75, 0x0a75 }, { 0x0a81, 0x0a82 },
	{ 0x0abc, 0x0abc }, { 0x0ac1, 0x0ac8 }, { 0x0acd, 0x0acd },
	{ 0x0ae2, 0x0ae3 }, { 0x0afa, 0x0b01 }, { 0x0b3c, 0x0b3c },
	{ 0x0b3f, 0x0b3f }, { 0x0b41, 0x0b44 }, { 0x0b4d, 0x0b56 },
	{ 0x0b62, 0x0b63 }, { 0x0b82, 0x0b82 }, { 0x0bc0, 0x0bc0 },
	{ 0x0bcd, 0x0bcd }, { 0x0c00, 0x0c00 }, { 0x0c04, 0x0c04 },
	{ 0x0c3c, 0x0c3c }, { 0x0c3e, 0x0c40 }, { 0x0c46, 0x0c56 },
	{ 0x0c62, 0x0c63 }, { 0x0c81, 0x0c81 }, { 0x0cbc, 0x0cbc },
	{ 0x0cbf, 0x0cbf }, { 0x0cc6, 0x0cc6 }, { 0x0ccc, 0x0ccd },
	{ 0x0ce2, 0x0ce3 }, { 0x0d00, 0x0d01 }, { 0x0d3b, 0x0d3c },
	{ 0x0d41, 0x0d44 }, { 0x0d4d, 0x0d4d }, { 0x0d62, 0x0d63 },
	{ 0x0d81, 0x0d81 }, { 0x0dca, 0x0dca }, { 0x0dd2, 0x0dd6 },
	{ 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e },
	{ 0x0eb1, 0x0eb1 }, { 0x0eb4, 0x0ebc }, { 0x0ec8, 0x0ecd },
	{ 0x0f18, 0x0f19 }, { 0x0f35, 0x0f35 }, { 0x0f37, 0x0f37 },
	{ 0x0f39, 0x0f39 }, { 0x0f71, 0x0f7e }, { 0x0f80, 0x0f84 },
	{ 0x0f86, 0x0f87 }, { 0x0f8d, 0x0fbc }, { 0x0fc6, 0x0fc6 },
	{ 0x102d, 0x1030 }, { 0x1032, 0x1037 }, { 0x1039, 0x103a },
	{ 0x103d, 0x103e }, { 0x1058, 0x1059 }, { 0x105e, 0x1060 },
	{ 0x1071, 0x1074 }, { 0x1082, 0x1082 }, { 0x1085, 0x1086 },
	{ 0x108d, 0x108d }, { 0x109d, 0x109d }, { 0x1160, 0x11ff },
	{ 0x135d, 0x135f }, { 0x1712, 0x1714 }, { 0x1732, 0x1733 },
	{ 0x1752, 0x1753 }, { 0x1772, 0x1773 }, { 0x17b4, 0x17b5 },
	{ 0x17b7, 0x17bd }, { 0x17c6, 0x17c6 }, { 0x17c9, 0x17d3 },
	{ 0x17dd, 0x17dd }, { 0x180b, 0x180f }, { 0x1885, 0x1886 },
	{ 0x18a9, 0x18a9 }, { 0x1920, 0x1922 }, { 0x1927, 0x1928 },
	{ 0x1932, 0x1932 }, { 0x1939, 0x193b }, { 0x1a17, 0x1a18 },
	{ 0x1a1b, 0x1a1b }, { 0x1a56, 0x1a56 }, { 0x1a58, 0x1a60 },
	{ 0x1a62, 0x1a62 }, { 0x1a65, 0x1a6c }, { 0x1a73, 0x1a7f },
	{ 0x1ab0, 0x1b03 }, { 0x1b34, 0x1b34 }, { 0x1b36, 0x1b3a },
	{ 0x1b3c, 0x1b3c }, { 0x1b42, 0x1b42 }, { 0x1b6b, 0x1b73 },
	{ 0x1b80, 0x1b81 }, { 0x1ba2, 0x1ba5 }, { 0x1ba8, 0x1ba9 },
	{ 0x1bab, 0x1bad }, { 0x1be6, 0x1be6 }, { 0x1be8, 0x1be9 },
	{ 0x1bed, 0x1bed }, { 0x1bef, 0x1bf1 }, { 0x1c2c, 0x1c33 },
	{ 0x1c36, 0x1c37 }, { 0x1cd0, 0x1cd2 }, { 0x1cd4, 0x1ce0 },
	{ 0x1ce2, 0x1ce8 }, { 0x1ced, 0x1ced }, { 0x1cf4, 0x1cf4 },
	{ 0x1cf8, 0x1cf9 }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x206f }, { 0x20d0, 0x20f0 },
	{ 0x2cef, 0x2cf1 }, { 0x2d7f, 0x2d7f }, { 0x2de0, 0x2dff },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xa66f, 0xa672 },
	{ 0xa674, 0xa67d }, { 0xa69e, 0xa69f }, { 0xa6f0, 0xa6f1 },
	{ 0xa802, 0xa802 }, { 0xa806, 0xa806 }, { 0xa80b, 0xa80b },
	{ 0xa825, 0xa826 }, { 0xa82c, 0xa82c }, { 0xa8c4, 0xa8c5 },
	{ 0xa8e0, 0xa8f1 }, { 0xa8ff, 0xa8ff }, { 0xa926, 0xa92d },
	{ 0xa947, 0xa951 }, { 0xa980, 0xa982 }, { 0xa9b3, 0xa9b3 },
	{ 0xa9b6, 0xa9b9 }, { 0xa9bc, 0xa9bd }, { 0xa9e5, 0xa9e5 },
	{ 0xaa29, 0xaa2e }, { 0xaa31, 0xaa32 }, { 0xaa35, 0xaa36 },
	{ 0xaa43, 0xaa43 }, { 0xaa4c, 0xaa4c }, { 0xaa7c, 0xaa7c },
	{ 0xaab0, 0xaab0 }, { 0xaab2, 0xaab4 }, { 0xaab7, 0xaab8 },
	{ 0xaabe, 0xaabf }, { 0xaac1, 0xaac1 }, { 0xaaec, 0xaaed },
	{ 0xaaf6, 0xaaf6 }, { 0xabe5, 0xabe5 }, { 0xabe8, 0xabe8 },
	{ 0xabed, 0xabed }, { 0xd7b0, 0xd7ff }, { 0xfb1e, 0xfb1e },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xfff9, 0xfffb }, { 0x101fd, 0x101fd }, { 0x102e0, 0x102e0 },
	{ 0x10376, 0x1037a }, { 0x10a01, 0x10a0f }, { 0x10a38, 0x10a3f },
	{ 0x10ae5, 0x10ae6 }, { 0x10d24, 0x10d27 }, { 0x10eab, 0x10eac },
	{ 0x10f46, 0x10f50 }, { 0x10f82, 0x10f85 }, { 0x11001, 0x11001 },
	{ 0x11038, 0x11046 }, { 0x11070, 0x11070 }, { 0x11073, 0x11074 },
	{ 0x1107f, 0x11081 }, { 0x110b3, 0x110b6 }, { 0x110b9, 0x110ba },
	{ 0x110c2, 0x110c2 }, { 0x11100, 0x11102 }, { 0x11127, 0x1112b },
	{ 0x1112d, 0x11134 }, { 0x11173, 0x11173 }, { 0x11180, 0x11181 },
	{ 0x111b6, 0x111be }, { 0x111c9, 0x111cc }, { 0x111cf, 0x111cf },
	{ 0x1122f, 0x11231 }, { 0x11234, 0x11234 }, { 0x11236, 0x11237 },
	{ 0x1123e, 0x1123e }, { 0x112df, 0x112df }, { 0x112e3, 0x112ea },
	{ 0x11300, 0x11301 }, { 0x1133b, 0x1133c }, { 0x11340, 0x11340 },
	{ 0x11366, 0x11374 }, { 0x11438, 0x1143f }, { 0x11442, 0x11444 },
	{ 0x11446, 0x11446 }, { 0x1145e, 0x1145e }, { 0x114b3, 0x114b8 },
	{ 0x114ba, 0x114ba }, { 0x114bf, 0x114c0 }, { 0x114c2, 0x114c3 },
	{ 0x115b2, 0x115b5 }, { 0x115bc, 0x115bd }, { 0x115bf, 0x115c0 },
	{ 0x115dc, 0x115dd }, { 0x11633, 0x1163a }, { 0x1163d, 0x1163d },
	{ 0x1163f, 0x11640 }, { 0x116ab, 0x116ab }, { 0x116ad, 0x116ad },
	{ 0x116b0, 0x116b5 }, { 0x116b7, 0x116b7 }, { 0x1171d, 0x1171f },
	{ 0x11722, 0x11725 }, { 0x11727, 0x1172b }, { 0x1182f, 0x11837 },
	{ 0x11839, 0x1183a }, { 0x1193b, 0x1193c }, { 0x1193e, 0x1193e },
	{ 0x11943, 0x11943 }, { 0x119d4, 0x119db }, { 0x119e0, 0x119e0 },
	{ 0x11a01, 0x11a0a }, { 0x11a33, 0x11a38 }, { 0x11a3b, 0x11a3e },
	{ 0x11a47, 0x11a47 }, { 0x11a51, 0x11a56 }, { 0x11a59, 0x11a5b },
	{ 0x11a8a, 0x11a96 }, { 0x11a98, 0x11a99 }, { 0x11c30, 0x11c3d },
	{ 0x11c3f, 0x11c3f }, { 0x11c92, 0x11ca7 }, { 0x11caa, 0x11cb0 },
	{ 0x11cb2, 0x11cb3 }, { 0x11cb5, 0x11cb6 }, { 0x11d31, 0x11d45 },
	{ 0x11d47, 0x11d47 }, { 0x11d90, 0x11d91 }, { 0x11d95, 0x11d95 },
	{ 0x11d97, 0x11d97 }, { 0x11ef3, 0x11ef4 }, { 0x13430, 0x13438 },
	{ 0x16af0, 0x16af4 }, { 0x16b30, 0x16b36 }, { 0x16f4f, 0x16f4f },
	{ 0x16f8f, 0x16f92 }, { 0x16fe4, 0x16fe4 }, { 0x1bc9d, 0x1bc9e },
	{ 0x1bca0, 0x1bca3 }, { 0x1cf00, 0x1cf46 }, { 0x1d167, 0x1d169 },
	{ 0x1d173, 0x1d182 }, { 0x1d185, 0x1d18b }, { 0x1d1aa, 0x1d1ad },
	{ 0x1d242, 0x1d244 }, { 0x1da00, 0x1da36 }, { 0x1da3b, 0x1da6c },
	{ 0x1da75, 0x1da75 }, { 0x1da84, 0x1da84 }, { 0x1da9b, 0x1daaf },
	{ 0x1e000, 0x1e02a }, { 0x1e130, 0x1e136 }, { 0x1e2ae, 0x1e2ae },
	{ 0x1e2ec, 0x1e2ef }, { 0x1e8d0, 0x1e8d6 }, { 0x1e944, 0x1e94a },
	{ 0xe0001, 0xe01ef },
};
static const struct range double_width[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x3029 },
	{ 0x302e, 0x303e }, { 0x3041, 0x3096 }, { 0x309b, 0x3247 },
	{ 0x3250, 0x4dbf }, { 0x4e00, 0xa4c6 }, { 0xa960, 0xa97c },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6b }, { 0xff01, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x16fe0, 0x16fe3 }, { 0x16ff0, 0x18d08 }, { 0x1aff0, 0x1b2fb },
	{ 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e },
	{ 0x1f191, 0x1f19a }, { 0x1f200, 0x1f320 }, { 0x1f32d, 0x1f335 },
	{ 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca },
	{ 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 },
	{ 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc },
	{ 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 },
	{ 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 },
	{ 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc },
	{ 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6df }, { 0x1f6eb, 0x1f6ec },
	{ 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7f0 }, { 0x1f90c, 0x1f93a },
	{ 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faf6 },
	{ 0x20000, 0x3fffd },
};

static int
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < r[0].lo || cp > r[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int
cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;		/* control characters show nothing */
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, NELEM(zero_width)))
		return 0;
	if (in_ranges(cp, double_width, NELEM(double_width)))
		return 2;
	return 1;
}

/*
 * Decodes one character of s[0..n-1], n > 0.  Returns its length, or 0
 * when s does not start with well-formed UTF-8: an overlong form, a
 * surrogate, a code point past U+10FFFF, a stray or missing continuation
 * byte.  Continuation bytes are checked one at a time, so nothing past
 * the first bad one is read.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c < 0xf0) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c < 0xf5) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
ips_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), w = 0, len;
	uint32_t cp;

	while (n > 0) {
		if (*p < 0x80) {
			/* The common case, without the decoder. */
			w += *p >= 0x20 && *p != 0x7f;
			p++;
			n--;
			continue;
		}
		if ((len = utf8_decode(p, n, &cp)) == 0) {
			w++;		/* a bad byte is shown as one */
			len = 1;
		} else
			w += cp_width(cp);
		p += len;
		n -= len;
	}
	return w;
}

int
ips_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t cp;

	while (n > 0) {
		if ((len = utf8_decode(p, n, &cp)) == 0)
			return IPS_EDATA;
		p += len;
		n -= len;
	}
	return 0;
}

/* The length of s cut to at most max bytes, not inside a character. */
static size_t
echo_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

int
ips_format_parse(ips *h, const char *s, int reports, enum ips_format *f)
{
	size_t i, n;

	for (i = 0; i < NELEM(format_names); i++) {
		if (!reports && (i == IPS_FMT_HTML || i == IPS_FMT_MD))
			continue;
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum ips_format)i;
			return 0;
		}
	}
	n = echo_len(s, ECHO_MAX);
	return ips_fail(h, IPS_EUSAGE,
	    "unknown format '%.*s%s' (table, tsv, csv, json, jsonl, yaml, id%s)",
	    (int)n, s, s[n] != '\0' ? "..." : "", reports ? ", html, md" : "");
}

enum ips_format
ips_format(ips *h)
{
	if (h->format >= 0)
		return (enum ips_format)h->format;
	return isatty(STDOUT_FILENO) ? IPS_FMT_TABLE : IPS_FMT_TSV;
}

int
ips_no_header(const ips *h)
{
	return h->no_header;
}

/* Encoders.  Writes are not checked one by one: the stream's error flag
 * is sticky, and ips_out_row and ips_out_end look at it. */

/* Writes s[0..n-1] with \t, \n, \r and \\ escaped, for tsv and id. */
static void
put_tsv_n(FILE *fp, const char *s, size_t n)
{
	const char *end = s + n, *p;

	while (s < end) {
		for (p = s; p < end && *p != '\t' && *p != '\n' &&
		    *p != '\r' && *p != '\\'; p++)
			;
		if (p > s)
			fwrite(s, 1, p - s, fp);
		if (p == end)
			break;
		putc('\\', fp);
		putc(*p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' :
		    '\\', fp);
		s = p + 1;
	}
}

void
ips_put_tsv(FILE *fp, const char *s)
{
	if (s != NULL)
		put_tsv_n(fp, s, strlen(s));
}

void
ips_put_csv(FILE *fp, const char *s)
{
	size_t n;
	const char *p;

	if (s == NULL || (n = strlen(s)) == 0)
		return;
	/* RFC 4180 keeps spaces, but many readers trim them unless quoted. */
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[0] != '\t' &&
	    s[n - 1] != ' ' && s[n - 1] != '\t') {
		fwrite(s, 1, n, fp);
		return;
	}
	putc('"', fp);
	while ((p = strchr(s, '"')) != NULL) {
		fwrite(s, 1, p - s + 1, fp);
		putc('"', fp);
		s = p + 1;
	}
	fputs(s, fp);
	putc('"', fp);
}

/* Writes s[0..n-1] as a JSON string; bad UTF-8 becomes U+FFFD. */
static void
put_json_n(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	const unsigned char *end = p + n;
	size_t len;
	uint32_t cp;

	putc('"', fp);
	while (p < end) {
		for (q = p; q < end && *q >= 0x20 && *q < 0x80 && *q != '"' &&
		    *q != '\\'; q++)
			;
		if (q > p)
			fwrite(p, 1, q - p, fp);
		if ((p = q) == end)
			break;
		if (*p >= 0x80) {
			if ((len = utf8_decode(p, end - p, &cp)) == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else
				fwrite(p, 1, len, fp);
			p += len;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fprintf(fp, "\\u%04x", *p);
			break;
		}
		p++;
	}
	putc('"', fp);
}

void
ips_put_json(FILE *fp, const char *s)
{
	if (s == NULL)
		fputs("null", fp);
	else
		put_json_n(fp, s, strlen(s));
}

/* Whether s is a number as JSON writes it (and so YAML reads it). */
static int
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* A BOOL column's value: 1, 0, or -1 when it is neither. */
static int
bool_value(const char *s)
{
	if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "false") == 0)
		return 0;
	return -1;
}

/* The text a value shows in table, tsv, csv, id, html and md. */
static const char *
text_value(const char *s, enum ips_col_type t)
{
	int b;

	if (s == NULL)
		return "";
	if (t == IPS_COL_BOOL && (b = bool_value(s)) >= 0)
		return b ? "yes" : "no";
	return s;
}

/*
 * The next item of a LIST value at *s, trimmed of spaces, into *item and
 * *n; empty items are skipped.  Returns 0 at the end.
 */
static int
list_next(const char **s, const char **item, size_t *n)
{
	const char *p = *s, *e;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0') {
			*s = p;
			return 0;
		}
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		*s = *e == ',' ? e + 1 : e;
		while (e > p && e[-1] == ' ')
			e--;
		if (e > p) {
			*item = p;
			*n = e - p;
			return 1;
		}
		p = *s;
	}
}

static void
json_value(FILE *fp, const char *s, enum ips_col_type t)
{
	const char *item;
	size_t n;
	int b, first = 1;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	switch (t) {
	case IPS_COL_INT:
	case IPS_COL_REAL:
		if (is_number(s)) {
			fputs(s, fp);
			return;
		}
		break;
	case IPS_COL_BOOL:
		if ((b = bool_value(s)) >= 0) {
			fputs(b ? "true" : "false", fp);
			return;
		}
		break;
	case IPS_COL_LIST:
		putc('[', fp);
		while (list_next(&s, &item, &n)) {
			if (!first)
				putc(',', fp);
			first = 0;
			put_json_n(fp, item, n);
		}
		putc(']', fp);
		return;
	case IPS_COL_TEXT:
		break;
	}
	put_json_n(fp, s, strlen(s));
}

static void
json_object(ips_out *o, const char *const *vals)
{
	int i;

	putc('{', o->fp);
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			putc(',', o->fp);
		ips_put_json(o->fp, o->cols[i].name);
		putc(':', o->fp);
		json_value(o->fp, vals[i], o->cols[i].type);
	}
	putc('}', o->fp);
}

/*
 * Whether s[0..n-1] can go into YAML unquoted and still read back as the
 * same string, in block and flow context, under YAML 1.1 and 1.2: a word
 * of letters, digits and " _.@/-", starting with a letter, not ending
 * with a space, and not one of the words YAML 1.1 reads as a boolean or
 * null.  Letters past ASCII count, except the few that YAML takes for
 * line breaks or a byte order mark.
 */
static int
yaml_plain(const char *s, size_t n)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null",
	};
	const unsigned char *p = (const unsigned char *)s;
	size_t i, len;
	uint32_t cp;

	if (n == 0 || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i += len) {
		len = 1;
		if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z'))
			continue;
		if (p[i] >= 0x80) {
			len = utf8_decode(p + i, n - i, &cp);
			if (len == 0 || cp < 0xa1 || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0xfeff || cp >= 0xfffe)
				return 0;
			continue;
		}
		if (i == 0 || strchr("0123456789 _.@/-", p[i]) == NULL ||
		    p[i] == '\0')
			return 0;
	}
	if (n <= 5)
		for (i = 0; i < NELEM(words); i++)
			if (strlen(words[i]) == n &&
			    strncasecmp(s, words[i], n) == 0)
				return 0;
	return 1;
}

/* Writes s[0..n-1] as a YAML double-quoted scalar. */
static void
yaml_quoted(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	const unsigned char *end = p + n;
	size_t len;
	uint32_t cp;

	putc('"', fp);
	while (p < end) {
		for (q = p; q < end && *q >= 0x20 && *q < 0x7f && *q != '"' &&
		    *q != '\\'; q++)
			;
		if (q > p)
			fwrite(p, 1, q - p, fp);
		if ((p = q) == end)
			break;
		if (*p >= 0x80) {
			len = utf8_decode(p, end - p, &cp);
			if (len == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else if (cp < 0xa0)
				fprintf(fp, "\\x%02x", cp);
			else if (cp == 0x2028 || cp == 0x2029 ||
			    cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
				/* line breaks to YAML 1.1, or unprintable */
				fprintf(fp, "\\u%04x", cp);
			else
				fwrite(p, 1, len, fp);
			p += len;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\0':
			fputs("\\0", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fprintf(fp, "\\x%02x", *p);
			break;
		}
		p++;
	}
	putc('"', fp);
}

static void
yaml_string(FILE *fp, const char *s, size_t n)
{
	if (yaml_plain(s, n))
		fwrite(s, 1, n, fp);
	else
		yaml_quoted(fp, s, n);
}

static void
yaml_value(FILE *fp, const char *s, enum ips_col_type t)
{
	const char *item;
	size_t n;
	int b, first = 1;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	switch (t) {
	case IPS_COL_INT:
	case IPS_COL_REAL:
		if (is_number(s)) {
			fputs(s, fp);
			return;
		}
		break;
	case IPS_COL_BOOL:
		if ((b = bool_value(s)) >= 0) {
			fputs(b ? "true" : "false", fp);
			return;
		}
		break;
	case IPS_COL_LIST:
		putc('[', fp);
		while (list_next(&s, &item, &n)) {
			if (!first)
				fputs(", ", fp);
			first = 0;
			yaml_string(fp, item, n);
		}
		putc(']', fp);
		return;
	case IPS_COL_TEXT:
		break;
	}
	yaml_string(fp, s, strlen(s));
}

static void
yaml_row(ips_out *o, const char *const *vals)
{
	int i;

	if (o->ncols == 0)
		fputs("- {}\n", o->fp);
	for (i = 0; i < o->ncols; i++) {
		fputs(i == 0 ? "- " : "  ", o->fp);
		yaml_string(o->fp, o->cols[i].name, strlen(o->cols[i].name));
		fputs(": ", o->fp);
		yaml_value(o->fp, vals[i], o->cols[i].type);
		putc('\n', o->fp);
	}
}

static int
numeric(enum ips_col_type t)
{
	return t == IPS_COL_INT || t == IPS_COL_REAL;
}

/* One line of tsv or csv: the column names, or a row's values. */
static void
delimited_row(ips_out *o, const char *const *vals, int names)
{
	const char *s;
	int i;

	for (i = 0; i < o->ncols; i++) {
		s = names ? o->cols[i].name : text_value(vals[i],
		    o->cols[i].type);
		if (o->f == IPS_FMT_TSV) {
			if (i > 0)
				putc('\t', o->fp);
			ips_put_tsv(o->fp, s);
		} else {
			if (i > 0)
				putc(',', o->fp);
			ips_put_csv(o->fp, s);
		}
	}
	fputs(o->f == IPS_FMT_TSV ? "\n" : "\r\n", o->fp);
}

/* HTML text: the five specials escaped, line breaks kept, control
 * characters and bad UTF-8 as U+FFFD (HTML allows neither). */
static void
put_html(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;
	uint32_t cp;

	while (n > 0) {
		len = 1;
		switch (*p) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\n':
			fputs("<br>", fp);
			break;
		case '\r':
			if (n > 1 && p[1] == '\n')
				break;
			fputs("<br>", fp);
			break;
		case '\t':
			putc('\t', fp);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fputs(REPLACEMENT, fp);
			else if (*p < 0x80)
				putc(*p, fp);
			else if ((len = utf8_decode(p, n, &cp)) == 0) {
				fputs(REPLACEMENT, fp);
				len = 1;
			} else
				fwrite(p, 1, len, fp);
			break;
		}
		p += len;
		n -= len;
	}
}

static void
html_cells(ips_out *o, const char *const *vals, const char *tag)
{
	int i;

	fputs("<tr>", o->fp);
	for (i = 0; i < o->ncols; i++) {
		fprintf(o->fp, numeric(o->cols[i].type) ? "<%s class=\"num\">" :
		    "<%s>", tag);
		put_html(o->fp, vals != NULL ?
		    text_value(vals[i], o->cols[i].type) : o->cols[i].name);
		fprintf(o->fp, "</%s>", tag);
	}
	fputs("</tr>\n", o->fp);
}

static void
html_begin(ips_out *o)
{
	fputs("<table>\n", o->fp);
	if (o->header) {
		fputs("<thead>\n", o->fp);
		html_cells(o, NULL, "th");
		fputs("</thead>\n", o->fp);
	}
}

static void
html_row(ips_out *o, const char *const *vals, int flags)
{
	if (o->rows == 0)
		html_begin(o);
	/* Rows after a total row stay in the foot: a table has one. */
	if ((flags & IPS_ROW_TOTAL) && o->section != SEC_FOOT) {
		if (o->section == SEC_BODY)
			fputs("</tbody>\n", o->fp);
		fputs("<tfoot>\n", o->fp);
		o->section = SEC_FOOT;
	} else if (o->section == SEC_NONE) {
		fputs("<tbody>\n", o->fp);
		o->section = SEC_BODY;
	}
	html_cells(o, vals, "td");
}

static void
html_end(ips_out *o)
{
	if (o->rows == 0)
		html_begin(o);
	if (o->section == SEC_BODY)
		fputs("</tbody>\n", o->fp);
	else if (o->section == SEC_FOOT)
		fputs("</tfoot>\n", o->fp);
	fputs("</table>\n", o->fp);
}

/* A cell of a GitHub table: | escaped, line breaks as <br>, and < so that
 * text never turns into markup. */
static void
put_md(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '|':
			fputs("\\|", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '\r':
			if (s[1] == '\n')
				break;
			/* FALLTHROUGH */
		case '\n':
			fputs("<br>", fp);
			break;
		default:
			putc((unsigned char)*s < 0x20 ? ' ' : *s, fp);
			break;
		}
	}
}

static void
md_header(ips_out *o)
{
	int i;

	if (!o->header)
		return;
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++) {
		putc(' ', o->fp);
		put_md(o->fp, o->cols[i].name);
		fputs(" |", o->fp);
	}
	putc('\n', o->fp);
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++)
		fputs(numeric(o->cols[i].type) ? " ---: |" : " --- |", o->fp);
	putc('\n', o->fp);
}

static void
md_row(ips_out *o, const char *const *vals, int flags)
{
	const char *s;
	int i, bold;

	if (o->rows == 0)
		md_header(o);
	putc('|', o->fp);
	for (i = 0; i < o->ncols; i++) {
		s = text_value(vals[i], o->cols[i].type);
		bold = (flags & IPS_ROW_TOTAL) && *s != '\0';
		putc(' ', o->fp);
		if (bold)
			fputs("**", o->fp);
		put_md(o->fp, s);
		if (bold)
			fputs("**", o->fp);
		fputs(" |", o->fp);
	}
	putc('\n', o->fp);
}

/* Table: the arena. */

static int
arena_put(ips_out *o, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (n > o->cap - o->len) {
		if (n > SIZE_MAX / 2 - o->len)
			return -1;
		cap = o->cap ? o->cap : 4096;
		while (cap - o->len < n)
			cap *= 2;
		if ((p = realloc(o->arena, cap)) == NULL)
			return -1;
		o->arena = p;
		o->cap = cap;
	}
	memcpy(o->arena + o->len, s, n);
	o->len += n;
	return 0;
}

/*
 * Keeps one cell as the terminal will show it: control characters as
 * \t, \n, \r or ^X so that a value stays on its line and cannot steer
 * the terminal, C1 controls as U+FFFD, bad bytes as they are.
 */
static int
table_keep(ips_out *o, int col, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	size_t start = o->len, n = strlen(s), len, w;
	uint32_t cp;
	char esc[3];
	int rc = 0;

	while (n > 0 && rc == 0) {
		for (q = p; q < p + n && *q >= 0x20 && *q != 0x7f && *q != 0xc2;
		    q++)
			;
		if (q > p) {
			rc = arena_put(o, (const char *)p, q - p);
			n -= q - p;
			p = q;
			continue;
		}
		if (*p == 0xc2) {
			len = utf8_decode(p, n, &cp);
			if (len == 2 && cp < 0xa0)
				rc = arena_put(o, REPLACEMENT, 3);
			else {
				len = len ? len : 1;
				rc = arena_put(o, (const char *)p, len);
			}
			p += len;
			n -= len;
			continue;
		}
		esc[0] = *p == '\t' || *p == '\n' || *p == '\r' ? '\\' : '^';
		esc[1] = *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ?
		    'r' : *p ^ 0x40;
		rc = arena_put(o, esc, 2);
		p++;
		n--;
	}
	if (rc == 0)
		rc = arena_put(o, "", 1);
	if (rc != 0)
		return -1;
	w = ips_utf8_width(o->arena + start);
	if (w > o->width[col])
		o->width[col] = w;
	return 0;
}

static int
table_row(ips_out *o, const char *const *vals, int flags)
{
	size_t start = o->len;
	char flag = (flags & IPS_ROW_TOTAL) ? 'T' : 'R';
	int i;

	if (arena_put(o, &flag, 1) != 0)
		goto nomem;
	for (i = 0; i < o->ncols; i++)
		if (table_keep(o, i, text_value(vals[i], o->cols[i].type)) != 0)
			goto nomem;
	return 0;
nomem:
	o->len = start;
	o->nomem = 1;
	return IPS_EIO;
}

static void
spaces(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/*
 * One line of the table from ncols strings at *p, moving *p past them.
 * Padding waits in pad until text follows, so no line ends in spaces.
 */
static void
table_line(ips_out *o, const char **p)
{
	const char *s;
	size_t pad = 0, w;
	int i;

	for (i = 0; i < o->ncols; i++) {
		s = *p;
		*p += strlen(s) + 1;
		if (i > 0)
			pad += 2;
		w = o->width[i] - ips_utf8_width(s);
		if (numeric(o->cols[i].type))
			pad += w;
		if (*s != '\0') {
			spaces(o->fp, pad);
			pad = 0;
			fputs(s, o->fp);
		}
		if (!numeric(o->cols[i].type))
			pad += w;
	}
	putc('\n', o->fp);
}

static void
table_end(ips_out *o)
{
	const char *p = o->arena, *end = o->arena + o->len;
	size_t rule = 0, i;
	char flag, prev = 'R';

	if (o->rows == 0 || o->nomem)
		return;
	for (i = 0; i < (size_t)o->ncols; i++)
		rule += o->width[i] + (i > 0 ? 2 : 0);
	while (p < end) {
		flag = *p++;
		if (flag == 'T' && prev != 'T') {
			for (i = 0; i < rule; i++)
				putc('-', o->fp);
			putc('\n', o->fp);
		}
		prev = flag;
		table_line(o, &p);
	}
}

ips_out *
ips_out_new(FILE *fp, enum ips_format f, int header,
    const struct ips_col *cols, int ncols)
{
	ips_out *o;
	char flag = 'H';
	int i;

	if (ncols < 0 || (o = calloc(1, sizeof *o)) == NULL)
		return NULL;
	o->fp = fp;
	o->f = f;
	o->header = header;
	o->cols = cols;
	o->ncols = ncols;
	if (f != IPS_FMT_TABLE)
		return o;
	if ((o->width = calloc(ncols > 0 ? ncols : 1, sizeof *o->width)) ==
	    NULL)
		goto fail;
	/* The header is the arena's first line, measured like the rest. */
	if (header) {
		if (arena_put(o, &flag, 1) != 0)
			goto fail;
		for (i = 0; i < ncols; i++)
			if (table_keep(o, i, cols[i].name) != 0)
				goto fail;
	}
	return o;
fail:
	ips_out_free(o);
	return NULL;
}

int
ips_out_row(ips_out *o, const char *const *vals, int flags)
{
	if ((flags & IPS_ROW_TOTAL) && o->f != IPS_FMT_TABLE &&
	    o->f != IPS_FMT_HTML && o->f != IPS_FMT_MD)
		return 0;
	switch (o->f) {
	case IPS_FMT_TABLE:
		if (table_row(o, vals, flags) != 0)
			return IPS_EIO;
		break;
	case IPS_FMT_TSV:
	case IPS_FMT_CSV:
		if (o->rows == 0 && o->header)
			delimited_row(o, NULL, 1);
		delimited_row(o, vals, 0);
		break;
	case IPS_FMT_JSON:
		fputs(o->rows == 0 ? "[\n" : ",\n", o->fp);
		json_object(o, vals);
		break;
	case IPS_FMT_JSONL:
		json_object(o, vals);
		putc('\n', o->fp);
		break;
	case IPS_FMT_YAML:
		yaml_row(o, vals);
		break;
	case IPS_FMT_ID:
		if (o->ncols > 0 && vals[0] != NULL) {
			ips_put_tsv(o->fp, text_value(vals[0],
			    o->cols[0].type));
			putc('\n', o->fp);
		}
		break;
	case IPS_FMT_HTML:
		html_row(o, vals, flags);
		break;
	case IPS_FMT_MD:
		md_row(o, vals, flags);
		break;
	}
	o->rows++;
	return ferror(o->fp) ? IPS_EIO : 0;
}

int
ips_out_end(ips_out *o)
{
	int status = 0;

	switch (o->f) {
	case IPS_FMT_TABLE:
		if (o->nomem)
			status = IPS_EIO;
		table_end(o);
		break;
	case IPS_FMT_JSON:
		fputs(o->rows > 0 ? "\n]\n" : "[]\n", o->fp);
		break;
	case IPS_FMT_YAML:
		if (o->rows == 0)
			fputs("[]\n", o->fp);
		break;
	case IPS_FMT_HTML:
		html_end(o);
		break;
	case IPS_FMT_MD:
		if (o->rows == 0)
			md_header(o);
		break;
	default:
		break;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		status = IPS_EIO;
	ips_out_free(o);
	return status;
}

void
ips_out_free(ips_out *o)
{
	if (o == NULL)
		return;
	free(o->arena);
	free(o->width);
	free(o);
}

int
ips_out_stmt(ips *h, FILE *fp, const struct ips_col *cols, int ncols,
    sqlite3_stmt *st)
{
	ips_out *o;
	const char **vals;
	int i, rc, status = 0;

	vals = calloc(ncols > 0 ? ncols : 1, sizeof *vals);
	o = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols, ncols);
	if (vals == NULL || o == NULL) {
		status = ips_nomem(h);
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL) {
				vals[i] = NULL;
				continue;
			}
			vals[i] = (const char *)sqlite3_column_text(st, i);
			if (vals[i] == NULL) {
				status = ips_nomem(h);
				goto done;
			}
		}
		if (ips_out_row(o, vals, 0) != 0) {
			status = o->nomem ? ips_nomem(h) :
			    ips_fail(h, IPS_EIO, "write error");
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		status = ips_db_fail(h, rc);
		goto done;
	}
	rc = ips_out_end(o);
	o = NULL;
	if (rc != 0)
		status = ips_fail(h, IPS_EIO, "write error");
done:
	sqlite3_finalize(st);
	ips_out_free(o);
	free(vals);
	return status;
}
