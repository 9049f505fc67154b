import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import type { Column } from "../../../components/list/DataTable";
import { FilterSelect } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { usePaging } from "../../../components/list/useListParams";
import { can, tokenScopeCities } from "../../../lib/auth/permissions";
import { useHeld } from "../../../lib/auth/useAuth";
import { formatDateTime } from "../../../lib/i18n/format";
import { useScopes } from "../../../lib/auth/scopes";
import { useRevokeToken, useTokens, type ApiToken, type NewApiToken } from "../api/tokens";
import { TokenForm } from "./TokenForm";
import { Notice } from "../../../components/Notice";

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
  const held = useHeld();
  const anyScope = can(held, "token:manage");
  const ownCities = tokenScopeCities(held);
  const scopes = useScopes(lang);
  const [cityFilter, setCityFilter] = useState(anyScope ? "" : (ownCities[0] ?? ""));
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const tokens = useTokens(cityFilter || undefined, paging.page, paging.perPage, anyScope || !!cityFilter);
  const revoke = useRevokeToken();

  const columns: Column<ApiToken>[] = [
    { id: "name", header: t("tokens.name"), cell: (tk) => tk.name },
    { id: "prefix", header: t("tokens.prefix"), cell: (tk) => <code>{tk.prefix}…</code> },
    { id: "scope", header: t("tokens.scope"), cell: (tk) => scopes.roleLabel(t, tk.scope) },
    { id: "permissions", header: t("tokens.permissions"), cell: (tk) => <span className="small">{tk.permissions.join(", ")}</span> },
    { id: "expires", header: t("tokens.expiresAt"), cell: (tk) => formatDateTime(tk.expires_at, lang) },
    { id: "used", header: t("tokens.lastUsed"), cell: (tk) => (tk.last_used_at ? formatDateTime(tk.last_used_at, lang) : t("tokens.neverUsed")) },
    {
      id: "state",
      header: t("tokens.state"),
      cell: (tk) => {
        const state = tokenState(tk);
        return (
          <>
            <span className={`badge badge-token-${state}`} data-state={state}>
              {t(`tokens.states.${state}`)}
            </span>
            {tk.revoked_at && <span className="muted small"> {formatDateTime(tk.revoked_at, lang)}</span>}
          </>
        );
      },
    },
    {
      id: "actions",
      header: t("tokens.actions"),
      hiddenHeader: true,
      cell: (tk) =>
        tokenState(tk) === "revoked" ? null : confirming === tk.id ? (
          <ConfirmInline
            question={t("tokens.confirmRevoke", { name: tk.name })}
            confirmLabel={t("tokens.revokeConfirm")}
            busy={revoke.isPending}
            onConfirm={() =>
              revoke.mutate(tk.id, {
                onSuccess: () => {
                  setConfirming(null);
                  setRevokedName(tk.name);
                },
              })
            }
            onCancel={() => setConfirming(null)}
          />
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
        ),
    },
  ];
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
          <FilterSelect
            id="token-city"
            label={t("tokens.cityFilter")}
            value={cityFilter}
            onChange={(v) => {
              setCityFilter(v);
              paging.setPage(1);
            }}
            options={pickableCities.map((c) => ({ value: c.id, label: c.name }))}
            all={anyScope}
          />
        </div>
      )}
      {revokedName && <Notice>{t("tokens.revoked", { name: revokedName })}</Notice>}
      {revoke.error && <ProblemAlert error={revoke.error} />}
      <ListView
        query={tokens}
        columns={columns}
        rowKey={(tk) => tk.id}
        rowProps={(tk) => ({ "data-token": tk.name })}
        caption={t("tokens.title")}
        testId="tokens-table"
        empty={t("tokens.none")}
        onPage={paging.setPage}
        onPerPage={paging.setPerPage}
      />
    </>
  );
}
