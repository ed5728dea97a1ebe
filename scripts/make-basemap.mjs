// make-basemap.mjs - convert the pinned us-atlas / world-atlas TopoJSON files
// into the planar lon/lat GeoJSON files committed under plots/basemap/.
//
// Run it through scripts/make-basemap, which installs the pinned npm packages
// into a temporary folder, copies this file there and runs:
//   node make-basemap.mjs <node_modules dir> <output dir>
// Nothing here is used when dcimpact runs; only the output files are.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as topojson from "topojson-client";
import { geoEquirectangular } from "d3-geo";
import { geoProject } from "d3-geo-projection";

const [, , modules, outDir] = process.argv;
if (!modules || !outDir) {
  console.error("usage: node make-basemap.mjs <node_modules dir> <output dir>");
  process.exit(2);
}

const DECIMALS = 4; // 1e-4 degree is about 11 m; the 10m/110m sources are coarser
const K = 10 ** DECIMALS;

// ---------------------------------------------------------------- tables

// State FIPS code -> [USPS postal code, name as spelled in us-atlas 3.0.1].
// The name is checked against the data so a wrong row stops the script.
const FIPS = {
  "01": ["AL", "Alabama"], "02": ["AK", "Alaska"], "04": ["AZ", "Arizona"],
  "05": ["AR", "Arkansas"], "06": ["CA", "California"], "08": ["CO", "Colorado"],
  "09": ["CT", "Connecticut"], "10": ["DE", "Delaware"],
  "11": ["DC", "District of Columbia"], "12": ["FL", "Florida"],
  "13": ["GA", "Georgia"], "15": ["HI", "Hawaii"], "16": ["ID", "Idaho"],
  "17": ["IL", "Illinois"], "18": ["IN", "Indiana"], "19": ["IA", "Iowa"],
  "20": ["KS", "Kansas"], "21": ["KY", "Kentucky"], "22": ["LA", "Louisiana"],
  "23": ["ME", "Maine"], "24": ["MD", "Maryland"], "25": ["MA", "Massachusetts"],
  "26": ["MI", "Michigan"], "27": ["MN", "Minnesota"], "28": ["MS", "Mississippi"],
  "29": ["MO", "Missouri"], "30": ["MT", "Montana"], "31": ["NE", "Nebraska"],
  "32": ["NV", "Nevada"], "33": ["NH", "New Hampshire"], "34": ["NJ", "New Jersey"],
  "35": ["NM", "New Mexico"], "36": ["NY", "New York"], "37": ["NC", "North Carolina"],
  "38": ["ND", "North Dakota"], "39": ["OH", "Ohio"], "40": ["OK", "Oklahoma"],
  "41": ["OR", "Oregon"], "42": ["PA", "Pennsylvania"], "44": ["RI", "Rhode Island"],
  "45": ["SC", "South Carolina"], "46": ["SD", "South Dakota"],
  "47": ["TN", "Tennessee"], "48": ["TX", "Texas"], "49": ["UT", "Utah"],
  "50": ["VT", "Vermont"], "51": ["VA", "Virginia"], "53": ["WA", "Washington"],
  "54": ["WV", "West Virginia"], "55": ["WI", "Wisconsin"], "56": ["WY", "Wyoming"],
  "60": ["AS", "American Samoa"], "66": ["GU", "Guam"],
  "69": ["MP", "Commonwealth of the Northern Mariana Islands"],
  "72": ["PR", "Puerto Rico"], "78": ["VI", "United States Virgin Islands"],
};
// Left out of the CONUS files: Alaska, Hawaii and the territories.
const NOT_CONUS = new Set(["02", "15", "60", "66", "69", "72", "78"]);

// ISO 3166-1 numeric -> alpha-3 (all 249 current codes; taken from the
// Debian iso-codes 4.15.0 iso_3166-1.json). world-atlas only carries the
// numeric code, as a string.
const ISO_A3 = Object.fromEntries([
  "004AFG 008ALB 010ATA 012DZA 016ASM 020AND 024AGO 028ATG 031AZE 032ARG 036AUS 040AUT",
  "044BHS 048BHR 050BGD 051ARM 052BRB 056BEL 060BMU 064BTN 068BOL 070BIH 072BWA 074BVT",
  "076BRA 084BLZ 086IOT 090SLB 092VGB 096BRN 100BGR 104MMR 108BDI 112BLR 116KHM 120CMR",
  "124CAN 132CPV 136CYM 140CAF 144LKA 148TCD 152CHL 156CHN 158TWN 162CXR 166CCK 170COL",
  "174COM 175MYT 178COG 180COD 184COK 188CRI 191HRV 192CUB 196CYP 203CZE 204BEN 208DNK",
  "212DMA 214DOM 218ECU 222SLV 226GNQ 231ETH 232ERI 233EST 234FRO 238FLK 239SGS 242FJI",
  "246FIN 248ALA 250FRA 254GUF 258PYF 260ATF 262DJI 266GAB 268GEO 270GMB 275PSE 276DEU",
  "288GHA 292GIB 296KIR 300GRC 304GRL 308GRD 312GLP 316GUM 320GTM 324GIN 328GUY 332HTI",
  "334HMD 336VAT 340HND 344HKG 348HUN 352ISL 356IND 360IDN 364IRN 368IRQ 372IRL 376ISR",
  "380ITA 384CIV 388JAM 392JPN 398KAZ 400JOR 404KEN 408PRK 410KOR 414KWT 417KGZ 418LAO",
  "422LBN 426LSO 428LVA 430LBR 434LBY 438LIE 440LTU 442LUX 446MAC 450MDG 454MWI 458MYS",
  "462MDV 466MLI 470MLT 474MTQ 478MRT 480MUS 484MEX 492MCO 496MNG 498MDA 499MNE 500MSR",
  "504MAR 508MOZ 512OMN 516NAM 520NRU 524NPL 528NLD 531CUW 533ABW 534SXM 535BES 540NCL",
  "548VUT 554NZL 558NIC 562NER 566NGA 570NIU 574NFK 578NOR 580MNP 581UMI 583FSM 584MHL",
  "585PLW 586PAK 591PAN 598PNG 600PRY 604PER 608PHL 612PCN 616POL 620PRT 624GNB 626TLS",
  "630PRI 634QAT 638REU 642ROU 643RUS 646RWA 652BLM 654SHN 659KNA 660AIA 662LCA 663MAF",
  "666SPM 670VCT 674SMR 678STP 682SAU 686SEN 688SRB 690SYC 694SLE 702SGP 703SVK 704VNM",
  "705SVN 706SOM 710ZAF 716ZWE 724ESP 728SSD 729SDN 732ESH 740SUR 744SJM 748SWZ 752SWE",
  "756CHE 760SYR 762TJK 764THA 768TGO 772TKL 776TON 780TTO 784ARE 788TUN 792TUR 795TKM",
  "796TCA 798TUV 800UGA 804UKR 807MKD 818EGY 826GBR 831GGY 832JEY 833IMN 834TZA 840USA",
  "850VIR 854BFA 858URY 860UZB 862VEN 876WLF 882WSM 887YEM 894ZMB",
].join(" ").split(" ").map((s) => [s.slice(0, 3), s.slice(3)]));

// ---------------------------------------------------------------- geometry helpers

const round = (v) => {
  const r = Math.round(v * K) / K;
  return r === 0 ? 0 : r; // no -0
};

// Signed planar area (shoelace) in square degrees; > 0 means counter-clockwise.
function area(ring) {
  let a = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++)
    a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

// Round a ring, drop repeated points, close it; null if it collapses.
let dropped = [];
function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  if (out.length > 1) {
    const a = out[0], b = out[out.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) out.pop();
  }
  if (out.length < 3) {
    dropped.push(ring.length);
    return null;
  }
  out.push([out[0][0], out[0][1]]);
  if (area(out) !== 0) return out;
  dropped.push(ring.length);
  return null;
}

// Polygon (array of rings) -> cleaned, RFC 7946 winding (outer CCW, holes CW).
function cleanPolygon(rings) {
  const out = [];
  for (let i = 0; i < rings.length; i++) {
    const r = cleanRing(rings[i]);
    if (!r) {
      if (i === 0) return null; // outer ring gone: drop the polygon
      continue;
    }
    const ccw = area(r) > 0;
    if ((i === 0) !== ccw) r.reverse();
    out.push(r);
  }
  return out;
}

// Any geometry -> Polygon / MultiPolygon (or null), cleaned.
function cleanGeometry(g) {
  if (!g) return null;
  let polys;
  if (g.type === "Polygon") polys = [g.coordinates];
  else if (g.type === "MultiPolygon") polys = g.coordinates;
  else throw new Error(`unexpected geometry type ${g.type}`);
  polys = polys.map(cleanPolygon).filter((p) => p && p.length);
  if (polys.length === 0) return null;
  return polys.length === 1
    ? { type: "Polygon", coordinates: polys[0] }
    : { type: "MultiPolygon", coordinates: polys };
}

// Cut every ring at the antimeridian. world-atlas v2 polygons are spherical
// (made for d3's spherical clipping) and some edges run from +180 to -180.
// Projecting through an identity equirectangular projection (x = lon,
// y = lat, no resampling) makes d3-geo clip them at +-180 and close polar
// rings (Antarctica) along lat -90.
const identity = geoEquirectangular()
  .scale(180 / Math.PI).translate([0, 0]).reflectY(true).precision(0);
const cutAntimeridian = (fc) => geoProject(fc, identity);

// ---------------------------------------------------------------- output

// One feature per line, so that diffs of regenerated files stay readable.
function write(name, features) {
  const text = '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n";
  JSON.parse(text); // sanity
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${features.length} features, ${Buffer.byteLength(text)} bytes` +
    (dropped.length ? `; dropped ${dropped.length} ring(s) of [${dropped}] points that collapsed when rounded` : ""));
  dropped = [];
}

const feature = (properties, geometry) => ({ type: "Feature", properties, geometry });
const load = (p) => JSON.parse(readFileSync(join(modules, p), "utf8"));

// ---------------------------------------------------------------- US states

{
  const topo = load("us-atlas/states-10m.json");
  const geoms = topo.objects.states.geometries;
  for (const g of geoms) {
    const row = FIPS[g.id];
    if (!row) throw new Error(`unknown state FIPS ${g.id}`);
    if (row[1] !== g.properties.name)
      throw new Error(`FIPS ${g.id}: table says ${row[1]}, data says ${g.properties.name}`);
  }
  const conus = geoms.filter((g) => !NOT_CONUS.has(g.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (conus.length !== 49) throw new Error(`expected 48 states + DC, got ${conus.length}`);

  const states = conus.map((g) => {
    const f = topojson.feature(topo, g);
    const [postal, name] = FIPS[g.id];
    return feature({ name, postal, fips: g.id }, cleanGeometry(f.geometry));
  });
  write("us-states.geojson", states);

  // CONUS outline: union of the same 49 states (shared borders removed).
  const merged = topojson.merge(topo, conus);
  write("us-nation.geojson", [
    feature({ name: "Contiguous United States", postal: "CONUS" }, cleanGeometry(merged)),
  ]);
}

// ---------------------------------------------------------------- world countries

{
  const topo = load("world-atlas/countries-110m.json");
  const cut = cutAntimeridian(topojson.feature(topo, topo.objects.countries));
  const countries = cut.features.map((f) => {
    const n3 = f.id === undefined ? null : String(f.id);
    let a3 = null;
    if (n3 !== null) {
      a3 = ISO_A3[n3];
      if (!a3) throw new Error(`no alpha-3 code for ${n3} ${f.properties.name}`);
    }
    return feature({ name: f.properties.name, iso_a3: a3, iso_n3: n3 },
      cleanGeometry(f.geometry));
  }).filter((f) => f.geometry)
    .sort((a, b) => (a.properties.name < b.properties.name ? -1 : 1));
  write("world-countries.geojson", countries);
}
