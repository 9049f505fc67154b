import { afterEach, describe, expect, it } from "vitest";
import { act, screen } from "@testing-library/react";
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import { jsonResponse, mockFetch, renderWithProviders } from "../../test/render";
import { useCountryNames } from "./countries";

const country = (code: string, es: string, pt: string, en: string) => ({
  code,
  name: { es, pt, en },
  mercosur_status: "state_party",
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

function Names({ codes }: { codes: string[] }) {
  const { i18n: current } = useTranslation();
  const names = useCountryNames(current.language);
  return (
    <>
      <p data-testid="list">{names.list(codes)}</p>
      <p data-testid="options">{names.options.map((o) => `${o.value}:${o.label}`).join(" ")}</p>
    </>
  );
}

describe("useCountryNames", () => {
  const fetchMock = mockFetch();
  afterEach(async () => {
    await act(() => i18n.changeLanguage("es"));
  });

  it("names countries in the UI's language, keeps an unknown code, and offers them in alphabetical order", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        items: [country("AR", "Argentina", "Argentina", "Argentina"), country("BR", "Brasil", "Brasil", "Brazil"), country("UY", "Uruguay", "Uruguai", "Uruguay")],
        page: 1,
        per_page: 200,
        total: 3,
      }),
    );
    renderWithProviders(<Names codes={["UY", "br", "XX"]} />);
    expect(await screen.findByText("Uruguay, Brasil, XX")).toBeInTheDocument();
    expect(screen.getByTestId("options")).toHaveTextContent("AR:Argentina BR:Brasil UY:Uruguay");
    await act(() => i18n.changeLanguage("pt"));
    expect(screen.getByTestId("list")).toHaveTextContent("Uruguai, Brasil, XX");
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByTestId("options")).toHaveTextContent("AR:Argentina BR:Brazil UY:Uruguay");
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("shows the codes while the list is not read", () => {
    fetchMock.mockReturnValue(new Promise(() => {}));
    renderWithProviders(<Names codes={["UY", "AR"]} />);
    expect(screen.getByTestId("list")).toHaveTextContent("UY, AR");
  });
});
