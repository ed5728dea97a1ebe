/* Unit conversions. Every factor the program uses comes from here. */
#ifndef COMMON_UNITS_H
#define COMMON_UNITS_H

#define UNIT_KG_PER_LB		0.45359237	/* exact, by definition (1959) */
#define UNIT_LB_PER_SHORT_TON	2000.0
#define UNIT_KG_PER_TONNE	1000.0
#define UNIT_KG_PER_SHORT_TON	(UNIT_LB_PER_SHORT_TON * UNIT_KG_PER_LB)
#define UNIT_L_PER_GAL		3.785411784	/* US gallon, exact */
#define UNIT_L_PER_M3		1000.0
#define UNIT_KW_PER_MW		1000.0
#define UNIT_KWH_PER_MWH	1000.0
#define UNIT_MWH_PER_TWH	1.0e6
#define UNIT_H_PER_YEAR		8760.0
#define UNIT_H_PER_LEAP_YEAR	8784.0

static inline double unit_lb_to_t(double lb) { return lb * UNIT_KG_PER_LB / UNIT_KG_PER_TONNE; }
static inline double unit_t_to_short_tons(double t) { return t * UNIT_KG_PER_TONNE / UNIT_KG_PER_SHORT_TON; }
static inline double unit_kw_to_mw(double kw) { return kw / UNIT_KW_PER_MW; }
static inline double unit_gal_to_m3(double gal) { return gal * UNIT_L_PER_GAL / UNIT_L_PER_M3; }
/* g/kWh equals kg/MWh */
static inline double unit_g_per_kwh_to_t_per_mwh(double g) { return g / 1.0e6 * UNIT_KWH_PER_MWH; }

#endif
