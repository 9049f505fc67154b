//! The table of problem codes: every code the API answers, with its HTTP status, its title in
//! Spanish, Portuguese and English, and what the OpenAPI document says of it. A code that is
//! not in the table cannot be named.

use mercociudades_domain::text::Lang;

macro_rules! problem_codes {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $code:literal, $status:literal, $summary:literal,
            es: $es:literal, pt: $pt:literal, en: $en:literal;
    )*) => {
        /// A machine-readable problem code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemCode { $($(#[$meta])* $variant),* }

        impl ProblemCode {
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant),*];

            /// The code as sent in `code` and in the problem type's URN.
            pub fn as_str(self) -> &'static str {
                match self { $(ProblemCode::$variant => $code),* }
            }

            /// The HTTP status it is answered with.
            pub fn status(self) -> u16 {
                match self { $(ProblemCode::$variant => $status),* }
            }

            /// What the OpenAPI document says of its status.
            pub fn summary(self) -> &'static str {
                match self { $(ProblemCode::$variant => $summary),* }
            }

            /// Its title, in the reader's language.
            pub fn title(self, lang: Lang) -> &'static str {
                let (es, pt, en) = match self { $(ProblemCode::$variant => ($es, $pt, $en)),* };
                match lang {
                    Lang::Es => es,
                    Lang::Pt => pt,
                    Lang::En => en,
                }
            }
        }
    };
}

problem_codes! {
    MalformedBody = "malformed_body", 400, "Malformed body or query",
        es: "Cuerpo de la solicitud mal formado", pt: "Corpo da requisição malformado",
        en: "Malformed request body";
    MalformedQuery = "malformed_query", 400, "Malformed body or query",
        es: "Parámetros de consulta mal formados", pt: "Parâmetros de consulta malformados",
        en: "Malformed query parameters";
    Unauthenticated = "unauthenticated", 401, "No valid token",
        es: "Autenticación requerida", pt: "Autenticação necessária",
        en: "Authentication required";
    Forbidden = "forbidden", 403, "The caller's role may not do this",
        es: "Acción no permitida", pt: "Ação não permitida", en: "Action not allowed";
    NotFound = "not_found", 404, "No such record",
        es: "No encontrado", pt: "Não encontrado", en: "Not found";
    MethodNotAllowed = "method_not_allowed", 405, "Method not allowed",
        es: "Método no permitido", pt: "Método não permitido", en: "Method not allowed";
    NotAcceptable = "not_acceptable", 406, "The requested format is not available",
        es: "Formato no disponible", pt: "Formato não disponível", en: "Format not available";
    Duplicate = "duplicate", 409, "Conflict with stored data",
        es: "Ya existe", pt: "Já existe", en: "Already exists";
    InUse = "in_use", 409, "Conflict with stored data",
        es: "El registro está en uso", pt: "O registro está em uso",
        en: "The record is in use";
    PlanFrozen = "plan_frozen", 409, "Conflict with stored data",
        es: "El plan está {status}: su estructura no cambia. Un administrador de la secretaría abre una nueva revisión (POST /api/v1/plans/{id}/revisions), se edita y se aprueba de nuevo.",
        pt: "O plano está {status}: sua estrutura não muda. Um administrador da secretaria abre uma nova revisão (POST /api/v1/plans/{id}/revisions), edita-se e aprova-se de novo.",
        en: "The plan is {status}: its structure does not change. A secretariat admin opens a new revision (POST /api/v1/plans/{id}/revisions); it is edited and approved again.";
    PlanNotApproved = "plan_not_approved", 409, "Conflict with stored data",
        es: "El plan no está aprobado", pt: "O plano não está aprovado",
        en: "The plan is not approved";
    OwnAccount = "own_account", 409, "Conflict with stored data",
        es: "Es su propia cuenta", pt: "É a sua própria conta", en: "It is your own account";
    IllegalTransition = "illegal_transition", 409, "Conflict with stored data",
        es: "Cambio de estado no permitido", pt: "Mudança de estado não permitida",
        en: "Status change not allowed";
    EventCancelled = "event_cancelled", 409, "Conflict with stored data",
        es: "Evento cancelado", pt: "Evento cancelado", en: "Event cancelled";
    PreconditionFailed = "precondition_failed", 412,
        "`If-Match` does not match the current version",
        es: "El registro cambió", pt: "O registro mudou", en: "The record has changed";
    PayloadTooLarge = "payload_too_large", 413, "Body over the limit",
        es: "Solicitud demasiado grande", pt: "Requisição grande demais",
        en: "Request too large";
    UnsupportedMediaType = "unsupported_media_type", 415,
        "Body in a format not accepted here",
        es: "Tipo de contenido no admitido", pt: "Tipo de conteúdo não suportado",
        en: "Unsupported content type";
    ValidationFailed = "validation_failed", 422, "Invalid fields, listed in `errors`",
        es: "Datos no válidos", pt: "Dados inválidos", en: "Invalid data";
    PreconditionRequired = "precondition_required", 428, "`If-Match` missing",
        es: "Falta If-Match", pt: "Falta If-Match", en: "If-Match required";
    TooManyRequests = "too_many_requests", 429,
        "Too many requests, or too many failed sign-ins; see `Retry-After` and `RateLimit`",
        es: "Demasiadas solicitudes", pt: "Requisições demais", en: "Too many requests";
    Internal = "internal", 500, "Internal error",
        es: "Error interno", pt: "Erro interno", en: "Internal error";
    Unavailable = "unavailable", 503, "The database is not answering",
        es: "Servicio no disponible", pt: "Serviço indisponível", en: "Service unavailable";
}

impl ProblemCode {
    /// The OpenAPI description of an error status: what it means and the codes answered with it.
    pub fn describe_status(status: u16) -> String {
        let codes: Vec<ProblemCode> = Self::ALL
            .iter()
            .copied()
            .filter(|c| c.status() == status)
            .collect();
        match codes.first() {
            None => "Problem".to_owned(),
            Some(first) => {
                let names: Vec<String> =
                    codes.iter().map(|c| format!("`{}`", c.as_str())).collect();
                format!("{} ({})", first.summary(), names.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_statuses_are_errors() {
        let mut seen = HashSet::new();
        for code in ProblemCode::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert!((400..600).contains(&code.status()), "{:?}", code);
            for lang in [Lang::Es, Lang::Pt, Lang::En] {
                assert!(!code.title(lang).is_empty());
            }
        }
    }

    #[test]
    fn a_status_is_described_with_its_codes() {
        assert_eq!(
            ProblemCode::describe_status(409),
            "Conflict with stored data (`duplicate`, `in_use`, `plan_frozen`, `plan_not_approved`, `own_account`, `illegal_transition`, `event_cancelled`)"
        );
        assert_eq!(
            ProblemCode::describe_status(401),
            "No valid token (`unauthenticated`)"
        );
    }
}
