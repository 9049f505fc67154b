import { useState, type FormEvent } from "react";
import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/Field";
import { Brand } from "../../../components/Brand";
import { LanguageSelect } from "../../../components/LanguageSelect";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { problemToFieldErrors, ApiError } from "../../../lib/api/problem";
import { useLogin, useSession } from "../../../lib/auth/useAuth";

export default function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const from = (location.state as { from?: string } | null)?.from ?? "/";
  if (session.status === "authenticated") return <Navigate to={from} replace />;

  const fieldErrors = login.error instanceof ApiError ? problemToFieldErrors(login.error.problem) : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LanguageSelect />
      </div>
      <main id="main" className="login-card card">
        <Brand large />
        <PageTitle>{t("auth.title")}</PageTitle>
        <p className="muted">{t("auth.intro")}</p>
        {session.ended === "expired" && !login.isError && (
          <p className="alert alert-info" role="status">
            {t("auth.expired")}
          </p>
        )}
        {login.isError && <ProblemAlert error={login.error} />}
        <form onSubmit={submit} noValidate>
          <TextField
            label={t("auth.email")}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={fieldErrors.email}
          />
          <TextField
            label={t("auth.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={fieldErrors.password}
          />
          <button type="submit" className="button-primary" disabled={login.isPending}>
            {login.isPending ? t("auth.submitting") : t("auth.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
