import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../components/list/DataTable";
import { counted } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import type { Report } from "../api/reports";

export function ReportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-report-${status}`} data-status={status}>
      {t(`monitoring.status.${status}`, { defaultValue: status })}
    </span>
  );
}

export function ExecutionBadge({ execution }: { execution: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-execution-${execution}`} data-execution={execution}>
      {t(`monitoring.execution.${execution}`, { defaultValue: execution })}
    </span>
  );
}

/** A band of the number of countries in plain words: "3 países", "5 países o más". */
export function bandLabel(t: TFunction, band: string, lang: string): string {
  return band === "5+" ? t("monitoring.fiveOrMoreCountries") : t("monitoring.countryCount", counted(Number(band), lang));
}

/** The countries of a report, by name, and their band (`Argentina, Brasil, Uruguay · 3 países`). */
export function CountriesCell({ countries, band }: { countries: string[]; band?: string | null }) {
  const { t, i18n } = useTranslation();
  const names = useCountryNames(i18n.language);
  if (countries.length === 0) return <span className="muted">{t("common.none")}</span>;
  return (
    <span>
      {names.list(countries)}{" "}
      {band && (
        <span className="badge badge-band" title={t("monitoring.band")}>
          {bandLabel(t, band, i18n.language)}
        </span>
      )}
    </span>
  );
}

/** The columns every list of reports shows: status, execution and the countries that took part. */
export function reportColumns(t: TFunction): Column<Report>[] {
  return [
    { id: "status", header: t("monitoring.statusLabel"), cell: (r) => <ReportStatusBadge status={r.status} /> },
    { id: "execution", header: t("monitoring.execution.label"), cell: (r) => <ExecutionBadge execution={r.execution} /> },
    { id: "countries", header: t("monitoring.countries"), cell: (r) => <CountriesCell countries={r.countries} band={r.country_band} /> },
  ];
}
