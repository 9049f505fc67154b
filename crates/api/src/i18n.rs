//! What the API says to people, in Spanish, Portuguese and English.
//!
//! The language comes from `Accept-Language`; English when none of the three is asked for.
//! Codes stay the same in every language: clients act on codes, people read the messages.

use mercociudades_domain::text::Lang;

/// The best of es/pt/en for an `Accept-Language` header, by quality.
pub fn negotiate(header: Option<&str>) -> Lang {
    let Some(header) = header else {
        return Lang::En;
    };
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or_default();
        if let Ok(lang) = primary.parse::<Lang>()
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or(Lang::En)
}

/// Detail of a problem, by detail key, with `{name}` parameters filled in.
pub fn detail(key: &str, params: &[(&'static str, String)], lang: Lang) -> String {
    let (es, pt, en) = match key {
        "malformed_json" => (
            "El cuerpo no es JSON válido: {reason}",
            "O corpo não é JSON válido: {reason}",
            "The body is not valid JSON: {reason}",
        ),
        "malformed_query" => (
            "Los parámetros de consulta no se pueden leer: {reason}",
            "Os parâmetros de consulta não podem ser lidos: {reason}",
            "The query parameters cannot be read: {reason}",
        ),
        "validation_failed" => (
            "Corrija los campos indicados en errors.",
            "Corrija os campos indicados em errors.",
            "Correct the fields listed in errors.",
        ),
        "missing_token" => (
            "Envíe un token de acceso en la cabecera Authorization: Bearer.",
            "Envie um token de acesso no cabeçalho Authorization: Bearer.",
            "Send an access token in the Authorization: Bearer header.",
        ),
        "invalid_token" => (
            "El token no es válido o expiró. Inicie sesión de nuevo.",
            "O token é inválido ou expirou. Entre novamente.",
            "The token is invalid or has expired. Sign in again.",
        ),
        "invalid_credentials" => (
            "Correo o contraseña incorrectos.",
            "E-mail ou senha incorretos.",
            "Wrong email or password.",
        ),
        "invalid_refresh" => (
            "La sesión terminó. Inicie sesión de nuevo.",
            "A sessão terminou. Entre novamente.",
            "The session has ended. Sign in again.",
        ),
        "wrong_password" => (
            "La contraseña actual no es correcta.",
            "A senha atual não está correta.",
            "The current password is not correct.",
        ),
        "forbidden" => (
            "Su rol no permite esta acción sobre este registro.",
            "Seu papel não permite esta ação sobre este registro.",
            "Your role does not allow this action on this record.",
        ),
        "forbidden_fields" => (
            "Su rol no permite cambiar los campos indicados en errors; envíe en ellos los valores actuales.",
            "Seu papel não permite mudar os campos indicados em errors; envie neles os valores atuais.",
            "Your role does not allow changing the fields listed in errors; send their current values.",
        ),
        "not_found" => (
            "El recurso no existe.",
            "O recurso não existe.",
            "The resource does not exist.",
        ),
        "route_not_found" => (
            "No hay ninguna operación en esta dirección; vea /api/docs.",
            "Não há nenhuma operação neste endereço; veja /api/docs.",
            "There is no operation at this address; see /api/docs.",
        ),
        "method_not_allowed" => (
            "Esta dirección no admite el método usado; vea /api/docs.",
            "Este endereço não aceita o método usado; veja /api/docs.",
            "This address does not accept the method used; see /api/docs.",
        ),
        "duplicate" => (
            "Ya existe un registro con el mismo valor en {field}.",
            "Já existe um registro com o mesmo valor em {field}.",
            "A record with the same {field} exists already.",
        ),
        "duplicate_of" => (
            "Ya existe {existing_name} con el mismo valor en {field}, sin distinguir mayúsculas, acentos ni caracteres de aspecto idéntico (id {existing_id}).",
            "Já existe {existing_name} com o mesmo valor em {field}, sem distinguir maiúsculas, acentos nem caracteres de aparência idêntica (id {existing_id}).",
            "{existing_name} has the same {field} already, regardless of case, accents and look-alike characters (id {existing_id}).",
        ),
        "event_transition" => (
            "El evento está {from} y no puede pasar a {to}: un evento planificado se realiza (held) o se cancela (cancelled), y así queda.",
            "O evento está {from} e não pode passar a {to}: um evento planejado é realizado (held) ou cancelado (cancelled), e assim fica.",
            "The event is {from} and cannot become {to}: a planned event is held or cancelled, and stays so.",
        ),
        "body_organizes_events" => (
            "La instancia organiza eventos; quítela de ellos o elimínelos primero.",
            "A instância organiza eventos; retire-a deles ou exclua-os primeiro.",
            "The body organises events; remove it from them or delete them first.",
        ),
        "city_hosts_events" => (
            "La ciudad es sede de eventos; cambie su sede o elimínelos primero.",
            "A cidade é sede de eventos; mude a sede deles ou exclua-os primeiro.",
            "The city hosts events; change their host or delete them first.",
        ),
        "node_has_reports" => (
            "La actividad (o una de sus subactividades) tiene informes de avance o indicadores; no se elimina.",
            "A atividade (ou uma de suas subatividades) tem relatórios de andamento ou indicadores; não é excluída.",
            "The activity (or one of its sub-activities) has progress reports or indicators; it is not deleted.",
        ),
        "node_has_events" => (
            "Hay eventos que llevan a cabo este nodo o uno de sus descendientes; quítelo de esos eventos primero.",
            "Há eventos que realizam este nó ou um de seus descendentes; retire-o desses eventos primeiro.",
            "Events carry out this node or one below it; remove it from those events first.",
        ),
        "plan_has_revisions" => (
            "El plan ya fue aprobado, o tiene informes o indicadores; no se elimina.",
            "O plano já foi aprovado, ou tem relatórios ou indicadores; não é excluído.",
            "The plan was approved before, or has reports or indicators; it is not deleted.",
        ),
        "plan_has_events" => (
            "Hay eventos que llevan a cabo actividades del plan; quítelas de esos eventos primero.",
            "Há eventos que realizam atividades do plano; retire-as desses eventos primeiro.",
            "Events carry out activities of the plan; remove them from those events first.",
        ),
        "city_has_delegations" => (
            "La ciudad fue invitada a eventos; retire sus delegaciones primero.",
            "A cidade foi convidada para eventos; retire suas delegações primeiro.",
            "The city was invited to events; withdraw its delegations first.",
        ),
        "delegation_transition" => (
            "La delegación está {from} y no puede pasar a {to}: una delegación invitada registra sus delegados (registered), la ciudad la confirma (confirmed) y la asistencia registrada la deja en attended o no_show.",
            "A delegação está {from} e não pode passar a {to}: uma delegação convidada registra seus delegados (registered), a cidade a confirma (confirmed) e a presença registrada a deixa em attended ou no_show.",
            "The delegation is {from} and cannot become {to}: an invited delegation registers its delegates (registered), the city confirms it (confirmed), and recorded attendance makes it attended or no_show.",
        ),
        "delegation_attended" => (
            "La asistencia de esta delegación ya está registrada; corrija la asistencia del evento en lugar de retirarla.",
            "A presença desta delegação já está registrada; corrija a presença do evento em vez de retirá-la.",
            "This delegation's attendance is recorded; correct the event's attendance instead of withdrawing it.",
        ),
        "session_attended" => (
            "Hay asistencia registrada en una sesión que falta; envíe la sesión con su id o corrija primero la asistencia.",
            "Há presença registrada numa sessão que falta; envie a sessão com seu id ou corrija primeiro a presença.",
            "Attendance is recorded for a session left out; send the session with its id, or correct the attendance first.",
        ),
        "event_cancelled" => (
            "El evento está cancelado: ya no se registran delegaciones ni asistencia.",
            "O evento está cancelado: não se registram mais delegações nem presença.",
            "The event is cancelled: no delegations or attendance are recorded for it any more.",
        ),
        "country_has_cities" => (
            "El país tiene ciudades miembro; elimínelas o muévalas primero.",
            "O país tem cidades membro; exclua-as ou mova-as primeiro.",
            "The country has member cities; delete or move them first.",
        ),
        "city_holds_posts" => (
            "La ciudad ocupa o ocupó cargos en la red (mandatos); elimine esos mandatos primero.",
            "A cidade ocupa ou ocupou cargos na rede (mandatos); exclua esses mandatos primeiro.",
            "The city holds or held posts in the network (terms); delete those terms first.",
        ),
        "city_in_bodies" => (
            "La ciudad es miembro de instancias de la red; quítela de ellas primero.",
            "A cidade é membro de instâncias da rede; retire-a delas primeiro.",
            "The city is a member of bodies of the network; remove it from them first.",
        ),
        "city_has_accounts" => (
            "Hay usuarios o tokens de API vinculados a la ciudad; quite esos roles primero.",
            "Há usuários ou tokens de API vinculados à cidade; retire esses papéis primeiro.",
            "Users or API tokens are bound to the city; remove those roles first.",
        ),
        "body_has_members" => (
            "La instancia tiene ciudades miembro; quítelas primero.",
            "A instância tem cidades membro; retire-as primeiro.",
            "The body has member cities; remove them first.",
        ),
        "body_has_terms" => (
            "La instancia tiene mandatos registrados; elimínelos primero.",
            "A instância tem mandatos registrados; exclua-os primeiro.",
            "The body has terms on record; delete them first.",
        ),
        "body_has_accounts" => (
            "Hay usuarios o tokens de API vinculados a la instancia; quite esos roles primero.",
            "Há usuários ou tokens de API vinculados à instância; retire esses papéis primeiro.",
            "Users or API tokens are bound to the body; remove those roles first.",
        ),
        "plan_frozen" => (
            "El plan está {status}: su estructura no cambia. Un administrador de la secretaría abre una nueva revisión (POST /api/v1/plans/{id}/revisions), se edita y se aprueba de nuevo.",
            "O plano está {status}: sua estrutura não muda. Um administrador da secretaria abre uma nova revisão (POST /api/v1/plans/{id}/revisions), edita-se e aprova-se de novo.",
            "The plan is {status}: its structure does not change. A secretariat admin opens a new revision (POST /api/v1/plans/{id}/revisions); it is edited and approved again.",
        ),
        "own_password" => (
            "Su propia contraseña se cambia desde su perfil, con la actual (POST /api/v1/auth/me/password).",
            "A sua própria senha é alterada a partir do seu perfil, com a atual (POST /api/v1/auth/me/password).",
            "Your own password is changed from your profile, with the current one (POST /api/v1/auth/me/password).",
        ),
        "own_access" => (
            "Nadie se desactiva ni cambia sus propios roles: lo hace otro administrador, para que la red nunca quede sin quien la administre.",
            "Ninguém se desativa nem muda os próprios papéis: outro administrador o faz, para que a rede nunca fique sem quem a administre.",
            "Nobody deactivates themselves or changes their own roles: another administrator does, so that the network is never left without anyone to run it.",
        ),
        "plan_not_approved" => (
            "Los informes de avance se escriben sobre planes aprobados o en ejecución, y este plan es un borrador. Un administrador de la secretaría lo aprueba (POST /api/v1/plans/{id}/approve); después se informa sobre sus actividades.",
            "Os relatórios de andamento são escritos sobre planos aprovados ou em execução, e este plano é um rascunho. Um administrador da secretaria o aprova (POST /api/v1/plans/{id}/approve); depois se informa sobre suas atividades.",
            "Progress reports are written on approved plans and plans in execution, and this plan is a draft. A secretariat admin approves it (POST /api/v1/plans/{id}/approve); then its activities are reported on.",
        ),
        "precondition_failed" => (
            "Otra persona cambió el registro (versión actual {current_version}). Recárguelo y vuelva a aplicar su cambio.",
            "Outra pessoa mudou o registro (versão atual {current_version}). Recarregue-o e aplique sua mudança de novo.",
            "Someone else changed the record (now at version {current_version}). Reload it and apply your change again.",
        ),
        "if_match_malformed" => (
            "If-Match debe ser la ETag recibida, por ejemplo \"3\".",
            "If-Match deve ser a ETag recebida, por exemplo \"3\".",
            "If-Match must be the ETag you received, for example \"3\".",
        ),
        "precondition_required" => (
            "Envíe la cabecera If-Match con la ETag de la versión que modifica.",
            "Envie o cabeçalho If-Match com a ETag da versão que modifica.",
            "Send the If-Match header with the ETag of the version you are changing.",
        ),
        "payload_too_large" => (
            "El cuerpo supera el límite de {limit} bytes.",
            "O corpo excede o limite de {limit} bytes.",
            "The body exceeds the limit of {limit} bytes.",
        ),
        "unsupported_media_type" => (
            "Envíe el cuerpo como application/json.",
            "Envie o corpo como application/json.",
            "Send the body as application/json.",
        ),
        "unsupported_media_type_csv" => (
            "Envíe el archivo como text/csv.",
            "Envie o arquivo como text/csv.",
            "Send the file as text/csv.",
        ),
        "unsupported_media_type_document" => (
            "Envíe el documento como application/json o application/yaml.",
            "Envie o documento como application/json ou application/yaml.",
            "Send the document as application/json or application/yaml.",
        ),
        "malformed_document" => (
            "El archivo no se puede leer como {format}: {reason}",
            "O arquivo não pode ser lido como {format}: {reason}",
            "The file cannot be read as {format}: {reason}",
        ),
        "not_acceptable" => (
            "Este recurso se entrega como {formats}.",
            "Este recurso é entregue como {formats}.",
            "This resource is available as {formats}.",
        ),
        "too_many_attempts" => (
            "Demasiados intentos fallidos. Espere {retry_after} segundos.",
            "Tentativas falhas demais. Aguarde {retry_after} segundos.",
            "Too many failed attempts. Wait {retry_after} seconds.",
        ),
        "rate_limited" => (
            "Demasiadas solicitudes. Espere {retry_after} segundos.",
            "Requisições demais. Aguarde {retry_after} segundos.",
            "Too many requests. Wait {retry_after} seconds.",
        ),
        "unavailable" => (
            "La base de datos no responde. Intente de nuevo en unos momentos.",
            "O banco de dados não responde. Tente novamente em alguns instantes.",
            "The database is not answering. Try again in a few moments.",
        ),
        _ => (
            "Ocurrió un error inesperado; el equipo técnico puede encontrarlo por el request_id.",
            "Ocorreu um erro inesperado; a equipe técnica pode encontrá-lo pelo request_id.",
            "An unexpected error happened; the technical team can find it by its request_id.",
        ),
    };
    fill(pick(lang, es, pt, en), params)
}

/// Where an online event is held, in `lang`.
pub fn online(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "En línea",
        Lang::Pt => "On-line",
        Lang::En => "Online",
    }
}

/// Message of a field validation code.
pub fn field_message(code: &str, params: &[(&'static str, String)], lang: Lang) -> String {
    let (es, pt, en) = match code {
        "required" => (
            "Este campo es obligatorio.",
            "Este campo é obrigatório.",
            "This field is required.",
        ),
        "empty" => (
            "No puede estar vacío.",
            "Não pode estar vazio.",
            "Must not be empty.",
        ),
        "too_long" => (
            "Admite como máximo {max} caracteres.",
            "Aceita no máximo {max} caracteres.",
            "At most {max} characters.",
        ),
        "too_short" => (
            "Requiere al menos {min} caracteres.",
            "Requer pelo menos {min} caracteres.",
            "At least {min} characters.",
        ),
        "invalid_format" => (
            "Formato no válido; se espera {format}.",
            "Formato inválido; espera-se {format}.",
            "Invalid format; expected {format}.",
        ),
        "out_of_range" => (
            "Debe estar entre {min} y {max}.",
            "Deve estar entre {min} e {max}.",
            "Must be between {min} and {max}.",
        ),
        "unknown_value" => (
            "Valor desconocido; valores admitidos: {allowed}.",
            "Valor desconhecido; valores aceitos: {allowed}.",
            "Unknown value; allowed: {allowed}.",
        ),
        "invalid_type" => (
            "Tipo no válido; se espera {expected}.",
            "Tipo inválido; espera-se {expected}.",
            "Wrong type; expected {expected}.",
        ),
        "unknown_field" => (
            "Campo desconocido.",
            "Campo desconhecido.",
            "Unknown field.",
        ),
        "not_found" => (
            "No existe: {value}.",
            "Não existe: {value}.",
            "Does not exist: {value}.",
        ),
        "not_invited" => (
            "La ciudad {value} no está invitada a este evento.",
            "A cidade {value} não está convidada para este evento.",
            "The city {value} is not invited to this event.",
        ),
        "date_order" => (
            "No puede ser anterior a {starts_on}.",
            "Não pode ser anterior a {starts_on}.",
            "Must not be before {starts_on}.",
        ),
        "duplicate" => (
            "Ya está registrado.",
            "Já está registrado.",
            "Already registered.",
        ),
        "key_reused" => (
            "Esta clave ya se usó con otra solicitud (otro cuerpo u otra actividad); use una clave nueva para cada solicitud distinta.",
            "Esta chave já foi usada com outra requisição (outro corpo ou outra atividade); use uma chave nova para cada requisição diferente.",
            "This key was already used with another request (another body or another activity); use a new key for every different request.",
        ),
        "reserved" => (
            "Solo la secretaría de la red lo cambia; envíe el valor actual.",
            "Só a secretaria da rede o muda; envie o valor atual.",
            "Only the network's secretariat changes this; send the current value.",
        ),
        "no_such_time" => (
            "Esta hora no existe o se repite en {zone} por un cambio de hora; elija otra.",
            "Este horário não existe ou se repete em {zone} por uma mudança de horário; escolha outro.",
            "This time does not exist or happens twice in {zone} because the clocks change; choose another.",
        ),
        "not_allowed" => (
            "No está permitido aquí.",
            "Não é permitido aqui.",
            "Not allowed here.",
        ),
        "overlap" => (
            "Se superpone con otro mandato de {role} en la misma instancia.",
            "Sobrepõe-se a outro mandato de {role} na mesma instância.",
            "Overlaps another {role} term in the same body.",
        ),
        "common_password" => (
            "Es una contraseña demasiado común; elija otra.",
            "É uma senha comum demais; escolha outra.",
            "This password is too common; choose another.",
        ),
        "changed_since" => (
            "Cambió desde que se exportó este archivo (ahora versión {current}); expórtelo de nuevo.",
            "Mudou desde que este arquivo foi exportado (agora versão {current}); exporte-o de novo.",
            "Changed since this file was exported (now version {current}); export it again.",
        ),
        "invisible_character" => (
            "Contiene un carácter invisible o de control ({char}), que no se admite aquí; bórrelo y escriba el texto de nuevo.",
            "Contém um caractere invisível ou de controle ({char}), que não é aceito aqui; apague-o e escreva o texto de novo.",
            "Contains an invisible or control character ({char}), which is not allowed here; delete it and type the text again.",
        ),
        "malformed" => (
            "No se puede leer: {reason}",
            "Não pode ser lido: {reason}",
            "Cannot be read: {reason}",
        ),
        _ => ("Valor no válido.", "Valor inválido.", "Invalid value."),
    };
    let params: Vec<(&'static str, String)> = params
        .iter()
        .map(|(name, value)| match *name {
            "format" => (*name, format_name(value, lang)),
            "expected" => (*name, expected_name(value, lang)),
            _ => (*name, value.clone()),
        })
        .collect();
    fill(pick(lang, es, pt, en), &params)
}

/// The longest value a problem's message repeats as sent.
const QUOTED_MAX: usize = 100;

/// A value sent, as a message repeats it (the `value` parameter): cut to its first
/// [`QUOTED_MAX`] characters, so that a message stays readable and bounded however long the
/// value sent. The server's own parameters (the values allowed, a bound) stay whole.
fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED_MAX) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// The name of a format a field expects, in the reader's language; the problem's `params`
/// keep the format's token (`code`, `url`, …) for programs.
fn format_name(token: &str, lang: Lang) -> String {
    let (es, pt, en) = match token {
        "code" => (
            "letras, dígitos y puntos (1.2.a.1)",
            "letras, dígitos e pontos (1.2.a.1)",
            "letters, digits and dots (1.2.a.1)",
        ),
        "key" => (
            "de 1 a 200 caracteres visibles",
            "de 1 a 200 caracteres visíveis",
            "1 to 200 visible characters",
        ),
        "city_reference" => ("Nombre (CC)", "Nome (CC)", "Name (CC)"),
        "url" => ("una URL http(s)", "uma URL http(s)", "an http(s) URL"),
        "email" => (
            "una dirección de correo electrónico",
            "um endereço de e-mail",
            "an email address",
        ),
        other => return other.to_owned(),
    };
    pick(lang, es, pt, en).to_owned()
}

/// The kind of value a field expects, as the JSON reader names it (`f64`, `i64`), in words of
/// the reader's language; any other name as it is.
fn expected_name(token: &str, lang: Lang) -> String {
    let (es, pt, en) = match token {
        "f64" | "f32" => ("un número", "um número", "a number"),
        "a JSON object" => ("un objeto JSON", "um objeto JSON", "a JSON object"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" => {
            ("un número entero", "um número inteiro", "an integer")
        }
        other => return other.to_owned(),
    };
    pick(lang, es, pt, en).to_owned()
}

fn pick(lang: Lang, es: &'static str, pt: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Es => es,
        Lang::Pt => pt,
        Lang::En => en,
    }
}

/// `template` with each `{name}` replaced by its value; a `value` (one sent) is [`quoted`].
pub fn fill(template: &str, params: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        let value = match *name {
            "value" => quoted(value),
            _ => value.clone(),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

/// The subject and text of a notification's e-mail in `lang`, with `{code}`, `{title}`,
/// `{reason}` and `{report}` to fill.
pub fn notification(
    kind: mercociudades_domain::notification::NotificationKind,
    lang: Lang,
) -> (&'static str, &'static str) {
    use mercociudades_domain::notification::NotificationKind as K;
    let texts = match kind {
        K::ReportReturned => [
            (
                "Su informe de {code} fue devuelto",
                "La secretaría devolvió su informe de avance de la actividad {code} ({title}).\n\nMotivo: {reason}\n\nCorríjalo y envíelo de nuevo desde la plataforma (informe {report}).",
            ),
            (
                "Seu relatório de {code} foi devolvido",
                "A secretaria devolveu seu relatório de andamento da atividade {code} ({title}).\n\nMotivo: {reason}\n\nCorrija-o e envie-o de novo pela plataforma (relatório {report}).",
            ),
            (
                "Your report on {code} was returned",
                "The secretariat returned your progress report on activity {code} ({title}).\n\nReason: {reason}\n\nCorrect it and submit it again on the platform (report {report}).",
            ),
        ],
        K::ReportApproved => [
            (
                "Su informe de {code} fue aprobado",
                "La secretaría aprobó su informe de avance de la actividad {code} ({title}). Ya cuenta en los informes del plan.",
            ),
            (
                "Seu relatório de {code} foi aprovado",
                "A secretaria aprovou seu relatório de andamento da atividade {code} ({title}). Ele já conta nos relatórios do plano.",
            ),
            (
                "Your report on {code} was approved",
                "The secretariat approved your progress report on activity {code} ({title}). It now counts in the plan's reports.",
            ),
        ],
    };
    match lang {
        Lang::Es => texts[0],
        Lang::Pt => texts[1],
        Lang::En => texts[2],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_in_the_message_that_repeats_it() {
        let long = "é".repeat(5_000);
        let message = field_message("not_found", &[("value", long)], Lang::En);
        assert!(message.chars().count() < 200, "{message}");
        assert!(message.contains('…'), "{message}");
        let short = field_message("not_found", &[("value", "UT-XX".to_owned())], Lang::En);
        assert!(short.contains("UT-XX") && !short.contains('…'), "{short}");
    }

    #[test]
    fn formats_are_named_in_the_readers_language() {
        let params = [("format", "code".to_owned())];
        assert!(
            field_message("invalid_format", &params, Lang::Es).contains("letras, dígitos y puntos")
        );
        assert!(
            field_message("invalid_format", &params, Lang::Pt).contains("letras, dígitos e pontos")
        );
        assert!(
            field_message("invalid_format", &params, Lang::En).contains("letters, digits and dots")
        );
        let params = [("format", "UUID".to_owned())];
        assert!(field_message("invalid_format", &params, Lang::Pt).contains("UUID"));
    }

    #[test]
    fn expected_numbers_are_named_in_the_readers_language() {
        let number = [("expected", "f64".to_owned())];
        assert_eq!(
            field_message("invalid_type", &number, Lang::Es),
            "Tipo no válido; se espera un número."
        );
        assert_eq!(
            field_message("invalid_type", &number, Lang::Pt),
            "Tipo inválido; espera-se um número."
        );
        assert_eq!(
            field_message("invalid_type", &number, Lang::En),
            "Wrong type; expected a number."
        );
        let integer = [("expected", "i64".to_owned())];
        assert!(field_message("invalid_type", &integer, Lang::Pt).contains("um número inteiro"));
        let object = [("expected", "a JSON object".to_owned())];
        assert!(field_message("invalid_type", &object, Lang::Es).contains("un objeto JSON"));
        let other = [("expected", "true or false".to_owned())];
        assert!(field_message("invalid_type", &other, Lang::Es).contains("true or false"));
    }

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(negotiate(None), Lang::En);
        assert_eq!(negotiate(Some("pt-BR,pt;q=0.9,en;q=0.8")), Lang::Pt);
        assert_eq!(negotiate(Some("fr, en;q=0.3, es;q=0.7")), Lang::Es);
        assert_eq!(negotiate(Some("de")), Lang::En);
        assert_eq!(negotiate(Some("es;q=0")), Lang::En);
    }

    #[test]
    fn an_invisible_character_is_named_in_every_language() {
        let params = [("char", "U+0000".to_owned())];
        let messages: Vec<String> = Lang::ALL
            .iter()
            .map(|&lang| field_message("invisible_character", &params, lang))
            .collect();
        for m in &messages {
            assert!(m.contains("U+0000") && !m.contains('{'), "{m}");
        }
        assert_ne!(messages[0], messages[2]);
        assert_ne!(messages[1], messages[2]);
    }

    #[test]
    fn every_language_fills_parameters() {
        for lang in Lang::ALL {
            let m = field_message("too_long", &[("max", "200".to_owned())], lang);
            assert!(m.contains("200") && !m.contains('{'), "{m}");
        }
    }
}
