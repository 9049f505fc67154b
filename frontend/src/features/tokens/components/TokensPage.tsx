import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { can as canDo, tokenScopeCities } from "../../../lib/auth/permissions";
import { useUser } from "../../../lib/auth/useAuth";
import { formatDateTime } from "../../../lib/i18n/format";
import { useScopes } from "../../../lib/auth/scopes";
import { useRevokeToken, useTokens, type ApiToken, type NewApiToken } from "../api/tokens";
import { TokenForm } from "./TokenForm";

/** The new token's secret, shown once with a copy button; it is gone when the panel is closed. */
function SecretOnce({ token, onClose }: { token: NewApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section className="card secret-once" aria-labelledby="secret-title" data-testid="token-secret">
      <h2 id="secret-title">{t("tokens.secretTitle", { name: token.name })}</h2>
      <div className="alert alert-warning" role="alert">
        <p className="alert-title">{t("tokens.secretWarningTitle")}</p>
        <p>{t("tokens.secretWarning")}</p>
      </div>
      <label htmlFor="token-secret-value">{t("tokens.secret")}</label>
      <div className="secret-row">
        <input id="token-secret-value" readOnly value={token.secret} className="secret-value" onFocus={(e) => e.target.select()} />
        <button type="button" className="button-primary" onClick={() => void copy()}>
          {t("tokens.copy")}
        </button>
      </div>
      <p role="status" className="small">
        {copied === "yes" ? t("tokens.copied") : copied === "no" ? t("tokens.copyFailed") : ""}
      </p>
      <p className="hint">{t("tokens.usage")}</p>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t("tokens.secretDone")}
      </button>
    </section>
  );
}

function tokenState(token: ApiToken): "revoked" | "expired" | "active" {
  if (token.revoked_at) return "revoked";
  if (new Date(token.expires_at).getTime() < Date.now()) return "expired";
  return "active";
}

/** API tokens: every token for secretariat admins, their city's for a focal point. */
export default function TokensPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const anyScope = canDo(user.roles, "token:manage");
  const ownCities = tokenScopeCities(user.roles).filter((id) => canDo(user.roles, "token:manage", { kind: "city", id }));
  const scopes = useScopes(lang);
  const [cityFilter, setCityFilter] = useState(anyScope ? "" : (ownCities[0] ?? ""));
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(25);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const tokens = useTokens(cityFilter || undefined, page, perPage, anyScope || !!cityFilter);
  const revoke = useRevokeToken();

  const scopeLabel = (tk: ApiToken) => scopes.roleLabel(t, tk.scope);
  const pickableCities = anyScope ? scopes.cities : scopes.cities.filter((c) => ownCities.includes(c.id));

  return (
    <>
      <div className="section-head">
        <PageTitle>{t("tokens.title")}</PageTitle>
        {!creating && !created && (anyScope || ownCities.length > 0) && (
          <button type="button" className="button-primary" onClick={() => setCreating(true)}>
            {t("tokens.new")}
          </button>
        )}
      </div>
      <p className="lead">{anyScope ? t("tokens.introAdmin") : t("tokens.introFocal")}</p>
      {created && (
        <SecretOnce
          token={created}
          onClose={() => {
            setCreated(null);
          }}
        />
      )}
      {creating && scopes.ready && (
        <TokenForm
          anyScope={anyScope}
          cities={pickableCities}
          bodies={scopes.bodies}
          onCreated={(tk) => {
            setCreating(false);
            setCreated(tk);
            setRevokedName(null);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {(anyScope || ownCities.length > 1) && (
        <div className="filters card">
          <div className="field">
            <label htmlFor="token-city">{t("tokens.cityFilter")}</label>
            <select
              id="token-city"
              value={cityFilter}
              onChange={(e) => {
                setCityFilter(e.target.value);
                setPage(1);
              }}
            >
              {anyScope && <option value="">{t("common.all")}</option>}
              {pickableCities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {revokedName && (
        <div className="alert alert-success" role="status">
          <p>{t("tokens.revoked", { name: revokedName })}</p>
        </div>
      )}
      {revoke.error && <ProblemAlert error={revoke.error} />}
      {tokens.isError && <ProblemAlert error={tokens.error} />}
      {tokens.isPending && tokens.fetchStatus !== "idle" && <Loading />}
      {tokens.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table" data-testid="tokens-table" aria-busy={tokens.isFetching}>
              <caption className="visually-hidden">{t("tokens.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tokens.name")}</th>
                  <th scope="col">{t("tokens.prefix")}</th>
                  <th scope="col">{t("tokens.scope")}</th>
                  <th scope="col">{t("tokens.permissions")}</th>
                  <th scope="col">{t("tokens.expiresAt")}</th>
                  <th scope="col">{t("tokens.lastUsed")}</th>
                  <th scope="col">{t("tokens.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("tokens.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.length === 0 && (
                  <tr>
                    <td colSpan={8} className="muted">
                      {t("tokens.none")}
                    </td>
                  </tr>
                )}
                {tokens.data.items.map((tk) => {
                  const state = tokenState(tk);
                  return (
                    <tr key={tk.id} data-token={tk.name}>
                      <td>{tk.name}</td>
                      <td>
                        <code>{tk.prefix}…</code>
                      </td>
                      <td>{scopeLabel(tk)}</td>
                      <td className="small">{tk.permissions.join(", ")}</td>
                      <td>{formatDateTime(tk.expires_at, lang)}</td>
                      <td>{tk.last_used_at ? formatDateTime(tk.last_used_at, lang) : t("tokens.neverUsed")}</td>
                      <td>
                        <span className={`badge badge-token-${state}`} data-state={state}>
                          {t(`tokens.states.${state}`)}
                        </span>
                        {tk.revoked_at && <span className="muted small"> {formatDateTime(tk.revoked_at, lang)}</span>}
                      </td>
                      <td>
                        {state !== "revoked" &&
                          (confirming === tk.id ? (
                            <div className="confirm" role="group" aria-label={t("tokens.confirmRevoke", { name: tk.name })}>
                              <p className="small">{t("tokens.confirmRevoke", { name: tk.name })}</p>
                              <div className="form-actions">
                                <button
                                  type="button"
                                  className="button-danger"
                                  disabled={revoke.isPending}
                                  onClick={() =>
                                    revoke.mutate(tk.id, {
                                      onSuccess: () => {
                                        setConfirming(null);
                                        setRevokedName(tk.name);
                                      },
                                    })
                                  }
                                >
                                  {t("tokens.revokeConfirm")}
                                </button>
                                <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
                                  {t("common.cancel")}
                                </button>
                              </div>
                            </div>
                          ) : (
                            <button
                              type="button"
                              className="button-secondary"
                              aria-label={t("tokens.revokeNamed", { name: tk.name })}
                              onClick={() => {
                                setConfirming(tk.id);
                                revoke.reset();
                              }}
                            >
                              {t("tokens.revoke")}
                            </button>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination
            page={tokens.data.page}
            perPage={tokens.data.per_page}
            total={tokens.data.total}
            onPage={setPage}
            onPerPage={(n) => {
              setPerPage(n);
              setPage(1);
            }}
          />
        </div>
      )}
    </>
  );
}
