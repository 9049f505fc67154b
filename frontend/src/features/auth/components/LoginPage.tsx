import { useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router";
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
  // What the form itself refuses (an empty field), before anything is sent.
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const from = (location.state as { from?: string } | null)?.from ?? "/";
  if (session.status === "authenticated") return <Navigate to={from} replace />;

  const fieldErrors = login.error instanceof ApiError ? problemToFieldErrors(login.error.problem) : {};
  const emailErrors = missing.email ? [t("auth.emailRequired")] : fieldErrors.email;
  const passwordErrors = missing.password ? [t("auth.passwordRequired")] : fieldErrors.password;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty e-mail or password is refused here, in the user's language, without asking the server.
    const empty = { email: email.trim() === "", password: password === "" };
    setMissing(empty);
    if (empty.email || empty.password) {
      login.reset();
      (empty.email ? emailInput : passwordInput).current?.focus();
      return;
    }
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
            ref={emailInput}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={emailErrors}
          />
          <TextField
            label={t("auth.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            ref={passwordInput}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={passwordErrors}
          />
          <button type="submit" className="button-primary" disabled={login.isPending}>
            {login.isPending ? t("auth.submitting") : t("auth.submit")}
          </button>
        </form>
        <p className="login-public">
          <Link to="/public">{t("auth.publicLink")}</Link>
        </p>
      </main>
    </div>
  );
}
