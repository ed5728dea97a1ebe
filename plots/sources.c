/* The sources and assumptions pages, flowing down three columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"
#include "plots/page.h"

/* --------------------------------------------------------------- sources */

/* Text flowing down three columns, page after page. */
struct flow {
	cairo_t		*cr;
	struct plot_box	 box;
	double		 colw, x, y;
	int		 col, ncols;
	/* a new page: the real one, or NULL in a dry run, which lays the
	 * lines out to count the pages and draws nothing */
	void		(*next_page)(struct flow *);
	void		*ctx;
	int		 pages;		/* pages begun after the first */
	double		 scale;		/* of every size: fewer sites, larger */
	size_t		 line;		/* lines so far */
	const unsigned char *follow;	/* the dry run's breaks, or NULL */
	size_t		 nfollow;
};

/*
 * The dry run's column breaks (1: line i begins a new column), which
 * sources_pages_draw() follows for the same sites: the pages drawn are
 * the pages counted, whatever the surface's metrics. (A dry run on a
 * recording surface and a page at 150 dpi lay some lines out 0.001 pt
 * apart.) One plan at a time: drawing is single-threaded.
 */
static struct {
	const struct plot_site *s;
	int		 n;
	unsigned char	*brk;
	size_t		 len, cap;
	int		 bad;		/* out of memory: not followed */
} plan;

static void
plan_add(int brk)
{
	if (plan.bad)
		return;
	if (plan.len == plan.cap) {
		size_t	 cap = plan.cap ? 2 * plan.cap : 256;
		unsigned char *p = realloc(plan.brk, cap);

		if (p == NULL) {
			plan.bad = 1;
			return;
		}
		plan.brk = p;
		plan.cap = cap;
	}
	plan.brk[plan.len++] = (unsigned char)brk;
}

static void
plan_reset(void)
{
	free(plan.brk);
	memset(&plan, 0, sizeof(plan));
}

/* One line (a paragraph), laid out once: measured, then drawn where it
 * fits (or where the dry run put it). */
static void
flow_line(struct flow *f, double pt, int flags, const char *text)
{
	struct plot_layout *l;
	double	 h;
	int	 brk;

	pt *= f->scale;
	l = plot_layout_new(f->cr, pt, flags, f->colw, text, NULL, &h);
	if (f->follow != NULL && f->line < f->nfollow)
		brk = f->follow[f->line];
	else
		brk = f->y + h > f->box.y + f->box.h;
	if (f->next_page == NULL)
		plan_add(brk);
	f->line++;
	if (brk) {
		if (++f->col >= f->ncols) {
			f->col = 0;
			f->pages++;
			if (f->next_page != NULL) {
				/* laid out again on the new page */
				plot_layout_free(l);
				f->next_page(f);
				l = plot_layout_new(f->cr, pt, flags, f->colw,
				    text, NULL, &h);
			}
		}
		f->x = f->box.x + f->col * (f->colw + 14.0);
		f->y = f->box.y;
	}
	if (f->next_page != NULL) {
		plot_set_rgb(f->cr, flags & PLOT_BOLD ? PLOT_INK : PLOT_MUTED);
		h = plot_layout_show(f->cr, l, f->x, f->y, PLOT_LEFT, f->colw,
		    text);
	}
	plot_layout_free(l);
	f->y += h + 1.0;
}

/* flow_line() for report_embodied_sources() */
static void
flow_cb(void *f, double pt, int flags, const char *text)
{
	flow_line(f, pt, flags, text);
}

static void
unc_text(const struct unc *u, double scale, char *buf, size_t n)
{
	switch (u->kind) {
	case UNC_TRIANGULAR:
		snprintf(buf, n, "%g (triangular %g-%g)", u->b * scale, u->a * scale,
		    u->c * scale);
		break;
	case UNC_UNIFORM:
		snprintf(buf, n, "%g (uniform %g-%g)", 0.5 * (u->a + u->c) * scale,
		    u->a * scale, u->c * scale);
		break;
	case UNC_NORMAL:
		snprintf(buf, n, "%g (normal, sd %g)", u->a * scale, u->b * scale);
		break;
	case UNC_FIXED:
	default:
		snprintf(buf, n, "%g", u->a * scale);
		break;
	}
}

static void
sources_site(struct flow *f, const struct plot_site *s)
{
	const struct site *st = s->site;
	char	 line[1400], a[96], b[96], c2[96];
	size_t	 i;

	snprintf(line, sizeof(line), "%s (%s)", st->name,
	    page_path(st->file, a, sizeof(a)));
	flow_line(f, 8.0, PLOT_BOLD, line);
	unc_text(&st->utilization_frac, 1.0, a, sizeof(a));
	unc_text(&st->pue, 1.0, b, sizeof(b));
	unc_text(&st->wue_l_per_kwh, 1.0, c2, sizeof(c2));
	snprintf(line, sizeof(line), "Rack %s: %s, %g kW peak, idle %g, %g x %s "
	    "at %g W, %g H100e each. %s %s; overhead %g; PUE %s%s; WUE %s L/kWh.",
	    s->rack->id, s->rack->name, unc_central(&s->rack->peak_kw),
	    unc_central(&s->rack->idle_frac), s->rack->accelerators_count,
	    s->rack->accelerator[0] ? s->rack->accelerator : "accelerators",
	    s->rack->accelerator_w, unc_central(&s->rack->h100_per_accelerator),
	    st->has_load_factor ? "Load factor" : "Utilization",
	    st->has_load_factor ? (unc_text(&st->load_factor, 1.0, c2, sizeof(c2)), c2) : a,
	    unc_central(&st->overhead_frac), st->pue_monthly ? "monthly, peak " : "",
	    b, (unc_text(&st->wue_l_per_kwh, 1.0, c2, sizeof(c2)), c2));
	flow_line(f, 6.5, 0, line);
	for (i = 0; i < st->nsupply; i++) {
		const struct site_supply *p = &st->supply[i];

		if (p->kind == SITE_SUPPLY_GRID)
			snprintf(line, sizeof(line), "Grid %s (%s): %s. Source: %s",
			    s->refs->grid->id, s->refs->grid->name,
			    s->refs->grid->edition, s->refs->grid->source);
		else if (p->kind == SITE_SUPPLY_ONSITE) {
			char	 ctl[160] = "none";
			size_t	 m = 0;
			int	 k;

			/* the controls applied, in order, and the ppm */
			for (k = 0; k < 4; k++)	/* one slot a control kind */
				if (s->refs->ctl[i][k] != NULL)
					m += (size_t)snprintf(ctl + m, sizeof(ctl) -
					    m, "%s%s", m ? " + " : "",
					    s->refs->ctl[i][k]->id);
			if (m > 0 && p->has_nox_ppm)
				snprintf(ctl + m, sizeof(ctl) - m, " (NOx %g ppm "
				    "at 15 %% O2)", s->refs->ppm[i]);
			snprintf(line, sizeof(line), "On-site \"%s\": plant %s, heat "
			    "rate %g MMBtu/MWh%s; controls: %s. Source: %s", p->name,
			    s->refs->plant[i]->id, s->refs->heat_rate[i] > 0.0 ?
			    s->refs->heat_rate[i] :
			    s->refs->plant[i]->heat_rate_mmbtu_per_mwh,
			    s->refs->heat_rate[i] > 0.0 ? " (the site's)" : "", ctl,
			    s->refs->plant[i]->source);
		} else
			snprintf(line, sizeof(line), "PPA \"%s\": %s (location-based "
			    "at grid rates; zero in market-based).", p->name, p->ref);
		flow_line(f, 6.5, 0, line);
	}
	if (st->backup.present && s->refs->backup != NULL) {
		unc_text(&st->backup.units, 1.0, a, sizeof(a));
		unc_text(&st->backup.unit_mw, 1.0, b, sizeof(b));
		unc_text(&st->backup.test_hours, 1.0, c2, sizeof(c2));
		snprintf(line, sizeof(line), "Backup generators: %s x %s MW, plant "
		    "%s (%s), tested %s h a year. Source: %s", a, b,
		    s->refs->backup->id, s->refs->backup->name, c2,
		    s->refs->backup->source);
		flow_line(f, 6.5, 0, line);
	} else {
		flow_line(f, 6.5, 0, "Backup generators: none in the site file.");
	}
	for (i = 0; i < st->nsources; i++) {
		snprintf(line, sizeof(line), "\xe2\x80\xa2 %s", st->sources[i]);
		flow_line(f, 6.0, 0, line);
	}
	if (st->note[0] != '\0') {
		snprintf(line, sizeof(line), "Note: %s", st->note);
		flow_line(f, 6.0, PLOT_ITALIC, line);
	}
	f->y += 4.0;
}

/* Write the sources and assumptions from page "b" on; "next_page" begins
 * each further page (NULL: a dry run, nothing drawn). Returns the number
 * of pages used. */
static int
sources_flow(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n,
    const struct emis_catalogs *c, const struct plot_opts *o,
    void (*next_page)(struct flow *), void *ctx)
{
	/* one site's sources would fill a quarter of a page at 6.5 pt:
	 * larger type for a few sites */
	struct flow	 f = { cr, b, (b.w - 28.0) / 3.0, b.x, b.y, 0, 3,
	    next_page, ctx, 0, n == 1 ? 1.15 : n <= 3 ? 1.08 : 1.0, 0, NULL,
	    0 };
	const struct emis_gwp *g = emis_gwp_find(c, o->gwp_id);
	char		 line[900];
	int		 i;

	if (next_page != NULL && plan.s == s && plan.n == n && !plan.bad) {
		f.follow = plan.brk;
		f.nfollow = plan.len;
	}
	flow_line(&f, 8.0, PLOT_BOLD, "The model (README)");
	flow_line(&f, 6.5, 0, "Rack power P = P_peak (i + (1 - i) u); IT = racks x "
	    "P x (1 + overhead); facility = IT x PUE(month); energy = sum of "
	    "monthly power x hours (8,760 h a year; 8,784 in a leap --year). "
	    "Sized by capacity: racks = floor(MW / (P_peak (1 + overhead) "
	    "PUE_peak)); with a load factor, energy = MW x load factor x hours.");
	flow_line(&f, 6.5, 0, "On site: fuel = energy x heat rate; mass = fuel x "
	    "factor after controls (SCR NOx from ppm by EPA Method 19). Grid: "
	    "energy / (1 - grid loss) x eGRID rate. CO2e = CO2 + GWP(CH4) CH4 + "
	    "GWP(N2O) N2O. Health = tonnes x $ per tonne: on-site and backup "
	    "tonnes at the site's EASIUR cell, grid tonnes at EPA's national "
	    "value (--health epa-bpt: every tonne at EPA's national value).");
	snprintf(line, sizeof(line), "GWP100 %s: CH4 %g, N2O %g. %s", g->id,
	    g->ch4, g->n2o, g->source);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Health, national: %s; %d dollars; PM2.5 "
	    "$%.0f, SO2 $%.0f, NOx $%.0f per short ton.", c->health_edition,
	    c->health_dollar_year, c->health_usd_per_t[EMIS_PM25] *
	    UNIT_KG_PER_SHORT_TON / 1000.0, c->health_usd_per_t[EMIS_SO2] *
	    UNIT_KG_PER_SHORT_TON / 1000.0, c->health_usd_per_t[EMIS_NOX] *
	    UNIT_KG_PER_SHORT_TON / 1000.0);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Health, at the site: %s. Scaled to a "
	    "population year (x growth^(year - 2005), held at 2040), an income "
	    "year (%s, to %d) and %d dollars (%s). Ozone from NOx and non-PM2.5 "
	    "effects are left out.", c->easiur.edition, c->easiur.income_source,
	    c->easiur.income_first_year + c->easiur.nincome - 1,
	    easiur_dollar_year(&c->easiur), c->easiur.deflator_name);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Context: a US home uses %.0f kWh a year "
	    "(EIA, %d); a typical car emits %g t CO2 a year (EPA, %d); state "
	    "consumption: EIA retail sales (emissions/context.cfg).",
	    c->home_mwh_per_year * 1000.0, c->home_year, c->car_t_co2_per_year,
	    c->car_year);
	flow_line(&f, 6.5, 0, line);
	f.y += 4.0;
	report_embodied_sources(s, n, flow_cb, &f);
	f.y += 4.0;
	for (i = 0; i < n; i++)
		sources_site(&f, &s[i]);
	return 1 + f.pages;
}

/* Pages the sources need: laid out, not drawn, on a 1-pixel image at the
 * PNG resolution, so that a PNG's pages find the layouts made here
 * (plots/text.c keeps them); the breaks are kept for the drawing. */
int
sources_page_count(const struct page *pg, const struct plot_site *s, int n,
    const struct emis_catalogs *c, const struct plot_opts *o, const char *sub)
{
	cairo_surface_t	*img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    1, 1);
	cairo_t		*cr = cairo_create(img);
	struct plot_box	 b;
	struct page	 dry = *pg;
	double		 k = o->dpi > 0.0 ? o->dpi / 72.0 : 1.0;
	int		 pages;

	/* as plots/canvas.c scales a PNG page */
	cairo_scale(cr, k, k);
	plan_reset();
	plan.s = s;
	plan.n = n;
	dry.chk = NULL;		/* nothing of a dry run is on a page */
	b = page_frame(cr, &dry, "Sources and assumptions", sub);
	pages = sources_flow(cr, b, s, n, c, o, NULL, NULL);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	return pages;
}

struct page_ctx {
	struct plot_canvas	*cv;
	struct page		*pg;
	const char		*sub;
};

/* The real next page of sources: a new canvas page with its frame. */
static void
real_page(struct flow *f)
{
	struct page_ctx	*pc = f->ctx;

	pc->pg->n++;
	f->cr = plot_canvas_page(pc->cv);
	f->box = page_frame(f->cr, pc->pg, "Sources and assumptions (continued)",
	    pc->sub);
}

void
sources_pages_draw(struct plot_canvas *cv, struct page *pg,
    const struct plot_site *s, int n, const struct emis_catalogs *c,
    const struct plot_opts *o, const char *sub)
{
	struct page_ctx	 pc = { cv, pg, sub };
	cairo_t		*cr;
	struct plot_box	 b;

	pg->n++;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, pg, "Sources and assumptions", sub);
	sources_flow(cr, b, s, n, c, o, real_page, &pc);
	plan_reset();
}
