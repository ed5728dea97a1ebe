// make-geodata.mjs - write the outline data of the geo/ layer (geo/data/):
//   us-counties.geojson   US counties from us-atlas counties-10m.json (TopoJSON)
//   avert-regions.geojson the 17 EPA AVERT regions from avert_4326.shp/.dbf
//   county-gea.csv        the Cambium county -> GEA crosswalk, copied unchanged
//   us-counties.txt, avert-regions.txt  the same outlines as compact text, one
//                         feature a line, for dcimpact's run-time lookup
//
// Run it through scripts/make-geodata, which installs the pinned npm packages
// into a temporary folder, copies this file there and runs:
//   node make-geodata.mjs <node_modules dir> <avert dir> <cambium dir> <output dir>
// Nothing here is used when dcimpact builds, tests or runs; only the output
// files are. See geo/data/PROVENANCE.md.

import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import * as topojson from "topojson-client";
import * as shapefile from "shapefile";

const [, , modules, avertDir, cambiumDir, outDir] = process.argv;
if (!modules || !avertDir || !cambiumDir || !outDir) {
  console.error("usage: node make-geodata.mjs <node_modules dir> <avert dir> <cambium dir> <output dir>");
  process.exit(2);
}

const DECIMALS = 4; // 1e-4 degree is about 11 m
const K = 10 ** DECIMALS;

// ---------------------------------------------------------------- inputs

// SHA-256 of the input files this script was run on for the committed output
// (the files in ../shared/data, which are identical to the blobs of
// NREL/REopt.jl commit b9aadb1422651a7a33d25950b524a125face8386 and
// jordan-joseph126/cmu-tare-model commit 5ae9051096dc993450a7f0b6242fff01e5ccc580).
// A different file stops the script, so that the committed output and its
// PROVENANCE.md are not silently replaced by data from another release. Set
// MAKE_GEODATA_ANY_INPUT=1 to convert other files on purpose (then update
// this table and PROVENANCE.md).
const INPUTS = {
  avert_shp: [join(avertDir, "avert_4326.shp"),
    "b3e6b07618bf9bb5f55647f39b212dd580f85b7d1d282a02690c14470cc9289b"],
  avert_dbf: [join(avertDir, "avert_4326.dbf"),
    "6083feea504b32c7c865bd33a212331b9cab5b217cc4cc20ec21833a4ad3dba3"],
  crosswalk: [join(cambiumDir, "county_to_gea_mapping_cambium23.csv"),
    "793130a81b7e8ec30adeafd8162bde15270dad3c49af77d4d5a96a06fbace1e2"],
};
for (const [path, want] of Object.values(INPUTS)) {
  const got = createHash("sha256").update(readFileSync(path)).digest("hex");
  if (got === want) continue;
  const msg = `${path}: sha256 ${got}, expected ${want}`;
  if (process.env.MAKE_GEODATA_ANY_INPUT !== "1")
    throw new Error(`${msg} (set MAKE_GEODATA_ANY_INPUT=1 to convert it anyway)`);
  console.warn(`warning: ${msg}`);
}

// ---------------------------------------------------------------- tables

// State FIPS code -> [USPS code, state name as spelled in us-atlas 3.0.1].
// Codes: ANSI INCITS 38:2009 (formerly FIPS PUB 5-2), as listed by the U.S.
// Census Bureau, "American National Standards Institute (ANSI), Federal
// Information Processing Series (FIPS), and Other Standardized Geographic
// Codes", https://www.census.gov/library/reference/code-lists/ansi.html
// (the alphabetic state code is the USPS code). Every row's name is checked
// against us-atlas's own `states` object, so a wrong row stops the script.
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
  "72": ["PR", "Puerto Rico"],
};
// Island areas in us-atlas that are left out: American Samoa, Guam, Northern
// Mariana Islands, U.S. Virgin Islands. (No AVERT region or Cambium GEA covers
// them.) Add a row to FIPS and remove the code here to keep one.
const LEFT_OUT = new Set(["60", "66", "69", "78"]);

// AVERT region code -> full name. The 14 contiguous-US names are those of EPA's
// AVERT web edition, USEPA/AVERT, client/src/app/config.ts (commit
// bb215c84b4a897244f0799a596ef9b1049a33f02, `regions`: id -> name); NREL's
// REopt.jl uses the same names (src/core/electric_utility.jl,
// region_abbr_to_name, commit b9aadb1422651a7a33d25950b524a125face8386).
// The Alaska and Hawaii regions are eGRID subregions (AKGD "ASCC Alaska
// Grid", HIMS "HICC Miscellaneous", HIOA "HICC Oahu"); their names here are
// REopt.jl's, from the same function and commit. Order: as in the AVERT CSV
// columns of ../shared/data/avert.
const AVERT = [
  ["CA", "California"], ["CENT", "Central"], ["FL", "Florida"],
  ["MIDA", "Mid-Atlantic"], ["MIDW", "Midwest"], ["NCSC", "Carolinas"],
  ["NE", "New England"], ["NW", "Northwest"], ["NY", "New York"],
  ["RM", "Rocky Mountains"], ["SE", "Southeast"], ["SW", "Southwest"],
  ["TE", "Texas"], ["TN", "Tennessee"],
  ["AKGD", "Alaska"], ["HIMS", "Hawaii (except Oahu)"], ["HIOA", "Hawaii (Oahu)"],
];

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

// Round a ring, drop repeated points, close it; null if it has no area.
// Dropped rings are counted: zero area already in the source, or only after
// rounding.
let dropped = { source: 0, rounding: 0 };
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
  if (out.length >= 3) {
    out.push([out[0][0], out[0][1]]);
    if (area(out) !== 0) return out;
  }
  // (an extra closing point adds a zero-length edge, so the area is right
  // whether or not the source ring repeats its first point)
  dropped[ring.length === 0 || area([...ring, ring[0]]) === 0 ? "source" : "rounding"]++;
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

// Polygon / MultiPolygon -> cleaned Polygon / MultiPolygon, or null.
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

// Point-in-polygon on the plane needs no edge across the antimeridian and all
// longitudes in [-180, 180]; stop if the data ever breaks that.
function checkGeometry(label, g) {
  if (!g) throw new Error(`${label}: no geometry`);
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const p of polys) for (const r of p) {
    if (r.length < 4) throw new Error(`${label}: ring of ${r.length} points`);
    for (let i = 0; i < r.length; i++) {
      const [x, y] = r[i];
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
        throw new Error(`${label}: point ${x},${y} out of range`);
      if (i && Math.abs(x - r[i - 1][0]) > 180)
        throw new Error(`${label}: edge crosses the antimeridian`);
    }
  }
}

// ---------------------------------------------------------------- output

// One feature per line, so that diffs of regenerated files stay readable.
function write(name, features) {
  const text = '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n";
  JSON.parse(text); // sanity
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${features.length} features, ${Buffer.byteLength(text)} bytes; ` +
    `dropped rings without area: ${dropped.source} in the source, ${dropped.rounding} after rounding`);
  dropped = { source: 0, rounding: 0 };
}

// The same features as compact text for dcimpact's point lookup
// (geo/lookup.c reads these, not the GeoJSON, at run time): one feature a
// line, in the GeoJSON's order, tab-separated fields
//   id, name, "lon_min lat_min lon_max lat_max", ring, ring, ...
// where a ring is "O" (outer) or "H" (hole) and its closed list of
// "lon lat" pairs, all separated by single spaces. Numbers are written as
// JSON.stringify writes them in the GeoJSON (shortest round trip, so a C
// strtod() gives the same doubles as the GeoJSON parser). A null geometry
// has no rings and the empty box "inf inf -inf -inf".
function writeText(name, features, idProp, source) {
  const bad = /[\t\n\r]/;
  const lines = [
    `# ${name}: the features of ${source} for dcimpact's point lookup (geo/lookup.c),`,
    "# written with it by scripts/make-geodata (see geo/data/PROVENANCE.md); do not edit.",
    "# One feature a line, in the order of the GeoJSON file; tab-separated fields:",
    "# id, name, bounding box \"lon_min lat_min lon_max lat_max\" (\"inf inf -inf -inf\" for a",
    "# null geometry), then one field per ring: O (outer ring) or H (hole), then the",
    "# ring's closed lon lat pairs in degrees, space-separated, numbers as in the GeoJSON.",
  ];
  let nrings = 0, npoints = 0;
  for (const f of features) {
    const id = String(f.properties[idProp]), nm = String(f.properties.name);
    if (bad.test(id) || bad.test(nm) || id === "") throw new Error(`${name}: bad id or name ${JSON.stringify(id)}`);
    const g = f.geometry;
    const polys = !g ? [] : g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const rings = [];
    for (const p of polys) p.forEach((r, i) => {
      for (const [x, y] of r) {
        box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
      }
      rings.push((i === 0 ? "O " : "H ") + r.map(([x, y]) => `${x} ${y}`).join(" "));
      nrings++;
      npoints += r.length;
    });
    const bbox = polys.length ? box.join(" ") : "inf inf -inf -inf";
    lines.push([id, nm, bbox, ...rings].join("\t"));
  }
  const text = lines.join("\n") + "\n";
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${features.length} features, ${nrings} rings, ${npoints} points, ` +
    `${Buffer.byteLength(text)} bytes`);
}

const feature = (properties, geometry) => ({ type: "Feature", properties, geometry });

// ---------------------------------------------------------------- US counties

{
  const topo = JSON.parse(readFileSync(join(modules, "us-atlas/counties-10m.json"), "utf8"));
  for (const s of topo.objects.states.geometries) {
    if (LEFT_OUT.has(s.id)) continue;
    const row = FIPS[s.id];
    if (!row) throw new Error(`unknown state FIPS ${s.id} (${s.properties.name})`);
    if (row[1] !== s.properties.name)
      throw new Error(`FIPS ${s.id}: table says ${row[1]}, data says ${s.properties.name}`);
  }
  const states = new Set();
  const nulls = [];
  const counties = topo.objects.counties.geometries
    .filter((g) => {
      if (!/^\d{5}$/.test(g.id)) throw new Error(`bad county id ${g.id}`);
      return !LEFT_OUT.has(g.id.slice(0, 2));
    })
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((g) => {
      const st = g.id.slice(0, 2);
      const row = FIPS[st];
      if (!row) throw new Error(`county ${g.id}: unknown state FIPS ${st}`);
      if (!g.properties || !g.properties.name) throw new Error(`county ${g.id}: no name`);
      states.add(st);
      const geom = cleanGeometry(topojson.feature(topo, g).geometry);
      // us-atlas's simplification leaves a few tiny counties without area
      // (Falls Church city, VA, 51610, is a ring of 2 distinct points). They
      // keep their feature, with geometry null, so the FIPS list stays whole;
      // their land lies in the neighbouring counties' polygons.
      if (geom) checkGeometry(`county ${g.id}`, geom);
      else nulls.push(`${g.id} ${g.properties.name}`);
      return feature({ fips: g.id, name: g.properties.name, state: row[0], state_name: row[1] }, geom);
    });
  if (new Set(counties.map((f) => f.properties.fips)).size !== counties.length)
    throw new Error("duplicate county FIPS");
  if (states.size !== Object.keys(FIPS).length)
    throw new Error(`counties cover ${states.size} states, table has ${Object.keys(FIPS).length}`);
  write("us-counties.geojson", counties);
  writeText("us-counties.txt", counties, "fips", "us-counties.geojson");
  if (nulls.length) console.log(`  null geometry (no area at 1:10m): ${nulls.join(", ")}`);
}

// ---------------------------------------------------------------- AVERT regions

{
  const names = new Map(AVERT);
  const found = new Map();
  const src = await shapefile.open(INPUTS.avert_shp[0], INPUTS.avert_dbf[0], { encoding: "utf-8" });
  for (let r = await src.read(); !r.done; r = await src.read()) {
    const raw = r.value.properties.AVERT;
    if (typeof raw !== "string") throw new Error(`record without AVERT code: ${JSON.stringify(r.value.properties)}`);
    const code = raw.trim();
    if (!names.has(code)) throw new Error(`unknown AVERT code "${raw}"`);
    if (found.has(code)) throw new Error(`AVERT code ${code} twice`);
    const geom = cleanGeometry(r.value.geometry);
    checkGeometry(`AVERT ${code}`, geom);
    found.set(code, feature({ avert: code, name: names.get(code) }, geom));
  }
  const missing = AVERT.filter(([c]) => !found.has(c)).map(([c]) => c);
  if (missing.length) throw new Error(`AVERT regions missing from the shapefile: ${missing}`);
  const regions = AVERT.map(([c]) => found.get(c));
  write("avert-regions.geojson", regions);
  writeText("avert-regions.txt", regions, "avert", "avert-regions.geojson");
}

// ---------------------------------------------------------------- Cambium crosswalk

{
  const src = INPUTS.crosswalk[0];
  const lines = readFileSync(src, "utf8").split("\n").filter((l) => l !== "");
  const header = "State FIPS,County FIPS,County,State Abbr,State,ReEDS BA,Cambium GEA";
  if (lines[0].replace(/\r$/, "") !== header) throw new Error(`${src}: unexpected header ${lines[0]}`);
  writeFileSync(join(outDir, "county-gea.csv"), readFileSync(src)); // unchanged, byte for byte
  console.log(`county-gea.csv: ${lines.length - 1} rows, ${readFileSync(src).length} bytes (copied unchanged)`);
}
