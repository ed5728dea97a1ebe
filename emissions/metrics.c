/* The output columns of docs/design.md §7, shared by text, CSV, JSON, charts and
 * batch rows. */
#include <stddef.h>
#include <string.h>

#include "emissions/emissions.h"

#define E(f)	offsetof(struct emis_result, est.f)
#define T(p)	offsetof(struct emis_result, total.mass_t[p])
#define R(f)	offsetof(struct emis_result, f)

const struct emis_metric emis_metrics[] = {
	{ "racks", "Racks", EMIS_K_COUNT, E(racks) },
	{ "accelerators", "Accelerators", EMIS_K_COUNT, E(accelerators) },
	{ "h100_equivalents", "H100-equivalents", EMIS_K_COUNT, E(h100_equivalents) },
	{ "it_mw", "IT power (peak)", EMIS_K_POWER_MW, E(it_mw) },
	{ "facility_mw", "Facility power (peak)", EMIS_K_POWER_MW, E(facility_mw) },
	{ "facility_avg_mw", "Facility power (average)", EMIS_K_POWER_MW, E(facility_avg_mw) },
	{ "energy_mwh", "Energy per year", EMIS_K_ENERGY_MWH, E(energy_mwh) },
	{ "energy_onsite_mwh", "  from on-site plants", EMIS_K_ENERGY_MWH, E(energy_onsite_mwh) },
	{ "energy_ppa_mwh", "  from PPAs", EMIS_K_ENERGY_MWH, E(energy_ppa_mwh) },
	{ "energy_grid_mwh", "  from the grid", EMIS_K_ENERGY_MWH, E(energy_grid_mwh) },
	{ "energy_backup_mwh", "Backup test runs", EMIS_K_ENERGY_MWH, E(energy_backup_mwh) },
	{ "co2_t", "CO2 emitted (with losses)", EMIS_K_MASS_T, T(EMIS_CO2) },
	{ "co2e_t", "CO2e location (Scope 1+2)", EMIS_K_MASS_T, R(total.co2e_t) },
	{ "co2e_td_losses_t", "  grid losses (Scope 3)", EMIS_K_MASS_T, R(total.co2e_td_losses_t) },
	{ "co2e_incl_td_losses_t", "CO2e with grid losses", EMIS_K_MASS_T, R(co2e_incl_td_losses_t) },
	{ "co2e_fuel_supply_t", "  gas supply chain (Scope 3)", EMIS_K_MASS_T, R(co2e_fuel_supply_t) },
	{ "co2e_incl_fuel_supply_t", "CO2e with gas supply chain", EMIS_K_MASS_T, R(co2e_incl_fuel_supply_t) },
	{ "co2_market_t", "CO2 market (Scope 1+2)", EMIS_K_MASS_T, R(co2_market_t) },
	{ "co2e_market_t", "CO2e market (Scope 1+2)", EMIS_K_MASS_T, R(co2e_market_t) },
	{ "embodied_co2e_t", "Embodied CO2e (build-out)", EMIS_K_MASS_T, R(embodied_co2e_t) },
	{ "embodied_co2e_t_per_year", "  per year of lifetime", EMIS_K_MASS_T, R(embodied_co2e_t_per_year) },
	{ "embodied_share", "  share of CO2e per year", EMIS_K_RATIO, R(embodied_share) },
	{ "ch4_t", "CH4", EMIS_K_MASS_T, T(EMIS_CH4) },
	{ "n2o_t", "N2O", EMIS_K_MASS_T, T(EMIS_N2O) },
	{ "nox_t", "NOx", EMIS_K_MASS_T, T(EMIS_NOX) },
	{ "so2_t", "SO2", EMIS_K_MASS_T, T(EMIS_SO2) },
	{ "pm25_t", "PM2.5", EMIS_K_MASS_T, T(EMIS_PM25) },
	{ "co_t", "CO", EMIS_K_MASS_T, T(EMIS_CO) },
	{ "voc_t", "VOC", EMIS_K_MASS_T, T(EMIS_VOC) },
	{ "hcho_t", "Formaldehyde", EMIS_K_MASS_T, T(EMIS_HCHO) },
	{ "water_site_m3", "Water on site", EMIS_K_WATER_M3, R(water_site_m3) },
	{ "water_upstream_m3", "Water upstream (generation)", EMIS_K_WATER_M3, R(water_upstream_m3) },
	{ "health_usd", "Health damages", EMIS_K_USD, R(total.health_usd) },
	{ "health_onsite_usd", "  from on-site and backup", EMIS_K_USD, R(health_onsite_usd) },
	{ "health_grid_usd", "  from the grid", EMIS_K_USD, R(health_grid_usd) },
	{ "damage_pm25_usd_per_t", "PM2.5 damage at the site", EMIS_K_USD_PER_T, R(damage_usd_per_t[EMIS_PM25]) },
	{ "damage_so2_usd_per_t", "SO2 damage at the site", EMIS_K_USD_PER_T, R(damage_usd_per_t[EMIS_SO2]) },
	{ "damage_nox_usd_per_t", "NOx damage at the site", EMIS_K_USD_PER_T, R(damage_usd_per_t[EMIS_NOX]) },
	{ "intensity_kg_per_mwh", "CO2e intensity", EMIS_K_INTENSITY, R(intensity_kg_per_mwh) },
	{ "homes_equivalent", "US homes (electricity)", EMIS_K_COUNT, R(homes_equivalent) },
	{ "cars_equivalent", "Passenger cars (CO2e)", EMIS_K_COUNT, R(cars_equivalent) },
	{ "state_share", "Share of state consumption", EMIS_K_RATIO, R(state_share) },
};
const size_t emis_nmetrics = sizeof(emis_metrics) / sizeof(emis_metrics[0]);

const struct emis_metric *
emis_metric_find(const char *key)
{
	size_t	 i;

	for (i = 0; i < emis_nmetrics; i++)
		if (strcmp(emis_metrics[i].key, key) == 0)
			return &emis_metrics[i];
	return NULL;
}
