import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { EventForm } from "./EventForm";

/** A new event; its page follows. */
export default function NewEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/events">← {t("events.back")}</Link>
      </p>
      <PageTitle>{t("events.new")}</PageTitle>
      <EventForm onSaved={(e) => navigate(`/events/${e.id}`, { state: { created: true } })} onCancel={() => navigate("/events")} />
    </>
  );
}
