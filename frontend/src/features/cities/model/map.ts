/**
 * The map of the member cities: which cities it shows (those with a location, filtered by country
 * and status), the part of the world it frames, and the projection that draws that part at a
 * given width. Pure functions over the cities; the screen draws what they return.
 */
import { geoMercator, geoPath, type GeoProjection } from "d3-geo";
import type { MultiPoint } from "geojson";
import type { City } from "../api/cities";

export type Location = NonNullable<City["location"]>;
export type LocatedCity<C extends Pick<City, "location"> = City> = C & { location: Location };

/** The cities that have a location (the others cannot stand on a map). */
export function located<C extends Pick<City, "location">>(cities: readonly C[]): LocatedCity<C>[] {
  return cities.filter((c): c is LocatedCity<C> => !!c.location);
}

export interface MapFilters {
  /** ISO 3166-1 alpha-2; empty: every country. */
  country?: string;
  /** A membership status; empty: every status. */
  status?: string;
}

/** The cities of the chosen country and status (an empty filter keeps them all). */
export function filterCities<C extends Pick<City, "country" | "membership_status">>(cities: readonly C[], f: MapFilters): C[] {
  return cities.filter(
    (c) => (!f.country || c.country.toUpperCase() === f.country.toUpperCase()) && (!f.status || c.membership_status === f.status),
  );
}

/** How many of the cities stand in each status. */
export function countByStatus(cities: readonly Pick<City, "membership_status">[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cities) counts[c.membership_status] = (counts[c.membership_status] ?? 0) + 1;
  return counts;
}

/** A part of the world: [[west, south], [east, north]], in degrees. */
export type Extent = [[number, number], [number, number]];

/** South America, the map's frame when there is no city to frame. */
export const SOUTH_AMERICA: Extent = [
  [-82, -56],
  [-34, 13],
];

/**
 * The part of the world around `points`: their bounding box with `margin` degrees on each side,
 * at least `minSpan` degrees wide and high (a single city, or cities in a row, still get a
 * country's worth of land around them), and within the latitudes Mercator can draw.
 */
export function extentOf(points: readonly Location[], { margin = 2, minSpan = 8 } = {}): Extent {
  if (points.length === 0) return SOUTH_AMERICA;
  const lons = points.map((p) => p.longitude);
  const lats = points.map((p) => p.latitude);
  const span = (lo: number, hi: number): [number, number] => {
    const a = lo - margin;
    const b = hi + margin;
    const grow = Math.max(0, minSpan - (b - a)) / 2;
    return [a - grow, b + grow];
  };
  const [west, east] = span(Math.min(...lons), Math.max(...lons));
  const [south, north] = span(Math.min(...lats), Math.max(...lats));
  return [
    [Math.max(-180, west), Math.max(-80, south)],
    [Math.min(180, east), Math.min(80, north)],
  ];
}

/** The corners and edges of an extent, for a projection to fit. */
function outline([[west, south], [east, north]]: Extent): MultiPoint {
  const midLon = (west + east) / 2;
  const midLat = (south + north) / 2;
  return {
    type: "MultiPoint",
    coordinates: [
      [west, south],
      [west, north],
      [east, south],
      [east, north],
      [midLon, south],
      [midLon, north],
      [west, midLat],
      [east, midLat],
    ],
  };
}

/**
 * A Mercator projection that draws `extent` across `width` pixels, and the height that takes:
 * at most `maxHeight` (a tall extent is then drawn narrower, centred), at least a third of the
 * width. Whatever lies outside the drawing is clipped away.
 */
export function fitProjection(extent: Extent, width: number, maxHeight: number): { projection: GeoProjection; height: number } {
  const box = outline(extent);
  const projection = geoMercator().fitWidth(width, box);
  const [[, y0], [, y1]] = geoPath(projection).bounds(box);
  const natural = Math.ceil(y1 - y0);
  const height = Math.round(Math.min(maxHeight, Math.max(width / 3, natural)));
  if (height !== natural) projection.fitExtent([[0, 0], [width, height]], box);
  projection.clipExtent([[0, 0], [width, height]]);
  return { projection, height };
}

/**
 * ISO 3166-1 numeric codes (world-atlas names its countries by them) of the alpha-2 codes the
 * registry uses, for the countries of South America.
 */
export const NUMERIC_OF: Record<string, string> = {
  AR: "032",
  BO: "068",
  BR: "076",
  CL: "152",
  CO: "170",
  EC: "218",
  GF: "254",
  GY: "328",
  PE: "604",
  PY: "600",
  SR: "740",
  UY: "858",
  VE: "862",
};
