/*
 * chart.c - the pictures of the weekly report: a trend line of Unicode
 * blocks for the terminal, and inline SVG for the html page.
 *
 * Both are scaled to the target rather than to the data, so that the
 * target sits at the same height in every row and every week: a glance
 * down the column shows who is below it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/* The eight blocks, U+2581 to U+2588, and a dot for nothing at all. */
static const char *const blocks[] = {
	"\xc2\xb7",
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
/* The block the target is drawn as. */
#define TARGET_LEVEL 6

/* 0 for nothing, else 1..8 with the target at TARGET_LEVEL. */
static int
level(long v, double target)
{
	long l;

	if (v <= 0)
		return 0;
	if (target <= 0)
		return 8;
	l = lround((double)v * TARGET_LEVEL / target);
	if (l < 1)
		l = 1;
	return l > 8 ? 8 : (int)l;
}

char *
ips_spark(char *buf, size_t size, const long *v, int n, double target)
{
	size_t len = 0;
	int i;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *b = blocks[level(v[i], target)];
		size_t k = strlen(b);

		if (len + k + 1 > size)
			break;
		memcpy(buf + len, b, k + 1);
		len += k;
	}
	return buf;
}

/* The top of a value axis: room above the target and the largest value. */
static double
axis_max(const long *v, int n, double target)
{
	double m = target * 1.25;
	int i;

	for (i = 0; i < n; i++)
		if ((double)v[i] > m)
			m = (double)v[i];
	return m > 0 ? m : 1;
}

static void
svg_begin(FILE *fp, int w, int ht, const char *title)
{
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    w, ht, w, ht);
	ips_page_text(fp, title);
	fputs("\" font-family=\"Helvetica,Arial,sans-serif\" "
	    "font-size=\"12\">\n<title>", fp);
	ips_page_text(fp, title);
	fprintf(fp, "</title>\n<text x=\"0\" y=\"14\" font-size=\"13\" "
	    "font-weight=\"bold\" fill=\"#222\">");
	ips_page_text(fp, title);
	fputs("</text>\n", fp);
}

static const char *
bar_colour(long v, double target)
{
	return (double)v >= target ? "#2e7d32" : "#e07b00";
}

/* Bar chart geometry, in pixels. */
enum {
	BAR_W = 640, BAR_LABEL = 130, BAR_RIGHT = 60, BAR_TOP = 30,
	BAR_ROW = 24, BAR_H = 16, BAR_BOTTOM = 24,
};

void
ips_svg_bars(FILE *fp, const char *title, const char *const *labels,
    const long *v, int n, double target)
{
	double top = axis_max(v, n, target);
	double span = BAR_W - BAR_LABEL - BAR_RIGHT;
	double tx = BAR_LABEL + span * target / top;
	int ht = BAR_TOP + n * BAR_ROW + BAR_BOTTOM;
	int i;

	svg_begin(fp, BAR_W, ht, title);
	for (i = 0; i < n; i++) {
		int y = BAR_TOP + i * BAR_ROW;
		double w = span * (double)v[i] / top;

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		    "fill=\"#222\">", BAR_LABEL - 8, y + BAR_H - 3);
		ips_page_text(fp, labels[i]);
		fprintf(fp, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"%d\" fill=\"%s\"/>\n", BAR_LABEL, y, w, BAR_H,
		    bar_colour(v[i], target));
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" fill=\"#222\">%ld"
		    "</text>\n", BAR_LABEL + w + 4, y + BAR_H - 3, v[i]);
	}
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
	    "stroke=\"#c62828\" stroke-width=\"1.5\" "
	    "stroke-dasharray=\"5 4\"/>\n", tx, BAR_TOP - 4, tx,
	    BAR_TOP + n * BAR_ROW);
	fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
	    "fill=\"#c62828\">target %g</text>\n</svg>\n", tx,
	    BAR_TOP + n * BAR_ROW + 16, target);
}

/* Small multiples geometry: cells of CELL_W x CELL_H, PER_ROW a row. */
enum {
	CELL_W = 156, CELL_H = 100, PER_ROW = 4, CELL_TOP = 24,
	PLOT_TOP = 22, PLOT_H = 56, PLOT_LEFT = 6, COL_W = 14, COL_GAP = 4,
};

void
ips_svg_trend(FILE *fp, const char *title, const char *const *labels,
    const long *v, int n, int nweeks, const char *const *weeks,
    double target)
{
	double top = axis_max(v, n * nweeks, target);
	int rows = (n + PER_ROW - 1) / PER_ROW;
	int cols = n < PER_ROW ? (n > 0 ? n : 1) : PER_ROW;
	int i, k;

	svg_begin(fp, cols * CELL_W, CELL_TOP + rows * CELL_H, title);
	for (i = 0; i < n; i++) {
		int x0 = (i % PER_ROW) * CELL_W;
		int y0 = CELL_TOP + (i / PER_ROW) * CELL_H;
		int base = y0 + PLOT_TOP + PLOT_H;
		double ty = base - PLOT_H * target / top;
		int right = x0 + PLOT_LEFT + nweeks * (COL_W + COL_GAP);

		fprintf(fp, "<g>\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\""
		    " fill=\"#222\">", x0 + PLOT_LEFT, y0 + 14);
		ips_page_text(fp, labels[i]);
		fprintf(fp, "</text>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"#999\"/>\n", x0 + PLOT_LEFT, base,
		    right, base);
		for (k = 0; k < nweeks; k++) {
			long val = v[i * nweeks + k];
			double hgt = PLOT_H * (double)val / top;
			int cx = x0 + PLOT_LEFT + k * (COL_W + COL_GAP);

			fprintf(fp, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
			    "height=\"%.1f\" fill=\"%s\"><title>", cx,
			    base - hgt, COL_W, hgt, bar_colour(val, target));
			ips_page_text(fp, weeks[k]);
			fprintf(fp, ": %ld</title></rect>\n", val);
		}
		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>\n",
		    x0 + PLOT_LEFT, ty, right, ty);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "fill=\"#666\">", x0 + PLOT_LEFT, base + 12);
		ips_page_text(fp, weeks[0]);
		fprintf(fp, "</text>\n<text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "text-anchor=\"end\" fill=\"#666\">", right, base + 12);
		ips_page_text(fp, weeks[nweeks - 1]);
		fputs("</text>\n</g>\n", fp);
	}
	fputs("</svg>\n", fp);
}
