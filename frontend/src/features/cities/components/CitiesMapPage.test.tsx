import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useParams } from "react-router";
import type { City, Country } from "../api/cities";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import CitiesMapPage from "./CitiesMapPage";

const city = (id: string, name: string, country: string, membership_status: City["membership_status"], location: City["location"]): City => ({
  id,
  name,
  country,
  membership_status,
  location,
  contact: {},
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const CITIES = [
  city("c1", "Montevideo", "UY", "active", { latitude: -34.9011, longitude: -56.1645 }),
  city("c2", "Rosario", "AR", "suspended", { latitude: -32.9442, longitude: -60.6505 }),
  city("c3", "Recife", "BR", "withdrawn", { latitude: -8.0476, longitude: -34.877 }),
  city("c4", "Tandil", "AR", "active", null),
];

const country = (code: string, es: string): Country => ({ code, name: { es }, mercosur_status: "state_party", version: 1, created_at: "", updated_at: "" });

function CityStub() {
  const { id } = useParams();
  return <h1>city {id}</h1>;
}

function renderMap(route = "/map") {
  return renderWithProviders(
    <Routes>
      <Route path="/map" element={<CitiesMapPage />} />
      <Route path="/cities/:id" element={<CityStub />} />
    </Routes>,
    { route },
  );
}

describe("the map of the member cities", () => {
  const fetchMock = mockFetch();
  const answer = () =>
    fetchMock.mockImplementation(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/cities") return jsonResponse(200, { items: CITIES, page: 1, per_page: 200, total: CITIES.length });
      if (url.pathname === "/api/v1/countries") {
        return jsonResponse(200, { items: [country("AR", "Argentina"), country("BR", "Brasil"), country("UY", "Uruguay")], page: 1, per_page: 200, total: 3 });
      }
      return jsonResponse(404, { title: "Not found", status: 404 });
    });

  it("draws a dot per city with a location, named and coloured by its status, with the legend's counts", async () => {
    answer();
    renderMap();
    const map = await screen.findByTestId("city-map");
    const dots = [...map.querySelectorAll("a.map-city")];
    expect(dots.map((a) => a.getAttribute("href"))).toEqual(["/cities/c1", "/cities/c2", "/cities/c3"]);
    expect(await within(map).findByRole("link", { name: "Montevideo, Uruguay: Activa" })).toBeInTheDocument();
    expect(map.querySelector('a[data-city="c2"]')).toHaveAttribute("data-status", "suspended");
    const legend = screen.getByTestId("map-legend");
    expect([...legend.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Activa1", "Suspendida1", "Retirada1"]);
    expect(screen.getByText("3 ciudades en el mapa")).toBeInTheDocument();
    expect(screen.getByText("1 ciudad no tiene ubicación y no se muestra.")).toBeInTheDocument();
    // Countries are offered by name, those with member cities only.
    expect([...(screen.getByLabelText("País") as HTMLSelectElement).options].map((o) => o.text)).toEqual(["Todos", "Argentina", "Brasil", "Uruguay"]);
  });

  it("filters by country and status from the pickers, and opens a city's page from its dot", async () => {
    answer();
    renderMap("/map?status=suspended");
    const map = await screen.findByTestId("city-map");
    expect([...map.querySelectorAll("a.map-city")].map((a) => a.getAttribute("data-city"))).toEqual(["c2"]);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Situación"), "");
    await user.selectOptions(screen.getByLabelText("País"), "AR");
    expect([...screen.getByTestId("city-map").querySelectorAll("a.map-city")].map((a) => a.getAttribute("data-city"))).toEqual(["c2"]);
    expect(screen.getByText("1 ciudad en el mapa")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Situación"), "withdrawn");
    expect(screen.getByText("Ninguna ciudad con ubicación responde a estos filtros.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("País"), "");
    await user.click(screen.getByRole("link", { name: "Recife, Brasil: Retirada" }));
    expect(await screen.findByRole("heading", { name: "city c3" })).toBeInTheDocument();
  });
});
