import { describe, expect, it } from "vitest";
import { SOUTH_AMERICA, countByStatus, extentOf, filterCities, fitProjection, located, type Location } from "./map";

const city = (name: string, country: string, membership_status: "active" | "suspended" | "withdrawn", location: Location | null) => ({
  name,
  country,
  membership_status,
  location,
});

const MONTEVIDEO = { latitude: -34.9011, longitude: -56.1645 };
const BUENOS_AIRES = { latitude: -34.6037, longitude: -58.3816 };
const ROSARIO = { latitude: -32.9442, longitude: -60.6505 };
const RECIFE = { latitude: -8.0476, longitude: -34.877 };

const cities = [
  city("Montevideo", "UY", "active", MONTEVIDEO),
  city("Buenos Aires", "AR", "active", BUENOS_AIRES),
  city("Rosario", "AR", "suspended", ROSARIO),
  city("Recife", "BR", "withdrawn", RECIFE),
  city("Sin lugar", "AR", "active", null),
];

describe("the cities on the map", () => {
  it("are those with a location", () => {
    expect(located(cities).map((c) => c.name)).toEqual(["Montevideo", "Buenos Aires", "Rosario", "Recife"]);
  });

  it("are filtered by country and status, an empty filter keeping them all", () => {
    expect(filterCities(cities, {}).length).toBe(5);
    expect(filterCities(cities, { country: "AR" }).map((c) => c.name)).toEqual(["Buenos Aires", "Rosario", "Sin lugar"]);
    expect(filterCities(cities, { country: "ar", status: "active" }).map((c) => c.name)).toEqual(["Buenos Aires", "Sin lugar"]);
    expect(filterCities(cities, { status: "withdrawn" }).map((c) => c.name)).toEqual(["Recife"]);
    expect(filterCities(cities, { country: "PY" })).toEqual([]);
  });

  it("are counted by status", () => {
    expect(countByStatus(located(cities))).toEqual({ active: 2, suspended: 1, withdrawn: 1 });
  });
});

describe("extentOf", () => {
  it("frames the cities with a margin", () => {
    const [[west, south], [east, north]] = extentOf([MONTEVIDEO, ROSARIO, RECIFE], { margin: 2, minSpan: 0 });
    expect(west).toBeCloseTo(-62.6505);
    expect(east).toBeCloseTo(-32.877);
    expect(south).toBeCloseTo(-36.9011);
    expect(north).toBeCloseTo(-6.0476);
  });

  it("gives a single city a country's worth of land around it, centred on it", () => {
    const [[west, south], [east, north]] = extentOf([MONTEVIDEO], { margin: 1, minSpan: 8 });
    expect(east - west).toBeCloseTo(8);
    expect(north - south).toBeCloseTo(8);
    expect((west + east) / 2).toBeCloseTo(MONTEVIDEO.longitude);
    expect((south + north) / 2).toBeCloseTo(MONTEVIDEO.latitude);
  });

  it("frames South America when there is no city", () => {
    expect(extentOf([])).toEqual(SOUTH_AMERICA);
  });

  it("stays within the latitudes Mercator draws", () => {
    const [[, south], [, north]] = extentOf([{ latitude: -89, longitude: 0 }, { latitude: 89, longitude: 10 }]);
    expect(south).toBe(-80);
    expect(north).toBe(80);
  });
});

describe("fitProjection", () => {
  const inside = (p: [number, number] | null, width: number, height: number) =>
    !!p && p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height;

  it("draws the extent across the width, north up and east to the right", () => {
    const extent = extentOf([MONTEVIDEO, BUENOS_AIRES, ROSARIO, RECIFE]);
    const { projection, height } = fitProjection(extent, 600, 2000);
    expect(height).toBeGreaterThan(600); // a tall extent, drawn at its natural height
    for (const c of [MONTEVIDEO, BUENOS_AIRES, ROSARIO, RECIFE]) {
      expect(inside(projection([c.longitude, c.latitude]), 600, height)).toBe(true);
    }
    const [mx, my] = projection([MONTEVIDEO.longitude, MONTEVIDEO.latitude])!;
    const [bx] = projection([BUENOS_AIRES.longitude, BUENOS_AIRES.latitude])!;
    const [, ry] = projection([RECIFE.longitude, RECIFE.latitude])!;
    expect(mx).toBeGreaterThan(bx);
    expect(ry).toBeLessThan(my);
    // The extent's corners land on the drawing's edges.
    const [[west], [east]] = extent;
    expect(projection([west, extent[0][1]])![0]).toBeCloseTo(0, 0);
    expect(projection([east, extent[0][1]])![0]).toBeCloseTo(600, 0);
  });

  it("keeps a tall extent within the height allowed, narrower and centred", () => {
    const extent = extentOf([MONTEVIDEO, RECIFE]);
    const { projection, height } = fitProjection(extent, 400, 300);
    expect(height).toBe(300);
    const [[west, south], [east, north]] = extent;
    const [x0, y0] = projection([west, north])!;
    const [x1, y1] = projection([east, south])!;
    expect(y0).toBeCloseTo(0, 0);
    expect(y1).toBeCloseTo(300, 0);
    expect(x0).toBeGreaterThan(0);
    expect(x0 + x1).toBeCloseTo(400, 0);
  });

  it("gives a wide, flat extent at least a third of the width in height", () => {
    const { height } = fitProjection([[-80, -35], [-40, -34]], 900, 800);
    expect(height).toBe(300);
  });
});
