//! The representations the API speaks besides JSON: CSV and XLSX for spreadsheets, and YAML for
//! plan documents. What a request sends (`Content-Type`) and asks for (`Accept`) is read here,
//! and CSV, XLSX and YAML answers are written here.

use crate::error::{ApiError, ApiResult};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;

/// The formats a body may come in or an answer go out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
    Yaml,
}

/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Format {
    /// The format a media type names (parameters and case aside), if it is one of ours.
    pub fn of_media_type(value: &str) -> Option<Format> {
        let essence = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Some(Format::Json),
            "text/csv" => Some(Format::Csv),
            XLSX => Some(Format::Xlsx),
            "application/yaml" | "application/x-yaml" | "text/yaml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// The format of the request's body, from its `Content-Type`.
pub fn sent(req: &HttpRequest) -> Option<Format> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(Format::of_media_type)
}

/// Whether the request's `Accept` names `format` among the media types it takes.
pub fn accepts(req: &HttpRequest, format: Format) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            accept
                .split(',')
                .any(|media| Format::of_media_type(media) == Some(format))
        })
}

/// One cell of a table: typed, so that a spreadsheet gets numbers as numbers and dates as dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as CSV writes it.
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(n) => format!("{n:.1}"),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

macro_rules! integer_cells {
    ($($t:ty),*) => {$(
        impl From<$t> for Cell {
            fn from(n: $t) -> Self {
                Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
integer_cells!(i32, i64, u32, u64, usize);

/// A table: its header row (column names, as the CSV and the sheet show them) and its rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }
}

/// The UTF-8 byte-order mark, which spreadsheet programs need to read a CSV's accents.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV answer: the byte-order mark, the header row, then the rows.
pub fn csv(table: &Table, file: &str) -> ApiResult<HttpResponse> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer
        .write_record(&table.header)
        .map_err(ApiError::internal)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(Cell::text))
            .map_err(ApiError::internal)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(attachment(&format!("{file}.csv")))
        .body(bytes))
}

/// An XLSX answer: one sheet, its header row in bold and frozen, numbers and dates typed.
pub fn xlsx(table: &Table, file: &str) -> ApiResult<HttpResponse> {
    let bytes = workbook(table, file).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(attachment(&format!("{file}.xlsx")))
        .body(bytes))
}

fn workbook(table: &Table, name: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as Style, Workbook};
    let mut workbook = Workbook::new();
    let bold = Style::new().set_bold();
    let date = Style::new().set_num_format("yyyy-mm-dd");
    let share = Style::new().set_num_format("0.0");
    let sheet = workbook.add_worksheet();
    // A sheet's name holds at most 31 characters.
    sheet.set_name(name.chars().take(31).collect::<String>())?;
    for (col, title) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, column(col), title, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let col = column(col);
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, col, s)?;
                }
                // Integers up to 2^53 are exact as spreadsheet numbers.
                #[allow(clippy::cast_precision_loss)]
                Cell::Integer(n) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Cell::Number(n) => {
                    sheet.write_number_with_format(r, col, *n, &share)?;
                }
                Cell::Date(d) => {
                    sheet.write_date_with_format(r, col, d, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn attachment(file: &str) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{file}\""),
    )
}

/// The deepest nesting a document may have: far more than any plan needs (a plan is six levels
/// deep), and little enough that a refused document costs next to nothing to read.
pub const MAX_DEPTH: usize = 64;

/// How deeply a YAML or JSON text nests, read in one pass without parsing it: flow levels by
/// brackets and braces (quoted text and comments aside), plus, in YAML (`blocks`), block levels
/// by indentation. Stops counting past `limit`.
pub fn nesting_depth(text: &str, limit: usize, blocks: bool) -> usize {
    let mut deepest = 0;
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for line in text.lines() {
        let content = line.trim_start_matches([' ', '-']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if blocks && flow == 0 {
            let indent = line.len() - content.len();
            while indents.last().is_some_and(|top| *top > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|top| *top < indent) {
                indents.push(indent);
            }
        }
        let mut quote: Option<char> = None;
        for c in content.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    deepest = deepest.max(indents.len() + flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if deepest > limit {
                return deepest;
            }
        }
        deepest = deepest.max(indents.len() + flow);
        if deepest > limit {
            return deepest;
        }
    }
    deepest
}

/// What is answered as JSON, or as a table to whoever asks for CSV or XLSX.
pub trait Tabular: Serialize {
    /// The value as a table.
    fn table(&self) -> Table;
}

/// `value` as JSON, or as CSV or XLSX when the request's `Accept` names one of them; `file`
/// names the download (without its extension).
pub fn tabular<T: Tabular>(req: &HttpRequest, value: &T, file: &str) -> ApiResult<HttpResponse> {
    if accepts(req, Format::Xlsx) {
        xlsx(&value.table(), file)
    } else if accepts(req, Format::Csv) {
        csv(&value.table(), file)
    } else {
        Ok(HttpResponse::Ok().json(value))
    }
}

/// A YAML answer.
pub fn yaml<T: Serialize>(value: &T) -> ApiResult<HttpResponse> {
    let body = serde_norway::to_string(value).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/yaml; charset=utf-8")
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_name_their_format() {
        assert_eq!(
            Format::of_media_type("text/csv; charset=utf-8"),
            Some(Format::Csv)
        );
        assert_eq!(
            Format::of_media_type(" Application/X-YAML"),
            Some(Format::Yaml)
        );
        assert_eq!(
            Format::of_media_type("application/json"),
            Some(Format::Json)
        );
        assert_eq!(Format::of_media_type("text/plain"), None);
    }

    #[test]
    fn nesting_is_counted_without_parsing() {
        assert_eq!(nesting_depth("a: 1\nb:\n  c: 2\n", 64, true), 2);
        assert_eq!(nesting_depth("a: [1, [2, {b: 3}]]\n", 64, true), 4);
        assert_eq!(nesting_depth("a: \"[[[[\"  # [[[\n", 64, true), 1);
        assert_eq!(
            nesting_depth("{\n  \"a\": {\n    \"b\": [1]\n  }\n}\n", 64, false),
            3
        );
        let deep = format!("format: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(nesting_depth(&deep, MAX_DEPTH, true) > MAX_DEPTH);
        let indented: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(nesting_depth(&indented, MAX_DEPTH, true) > MAX_DEPTH);
    }

    #[test]
    fn accept_lists_are_read_whole() {
        let req = actix_web::test::TestRequest::default()
            .insert_header((header::ACCEPT, "application/json, text/yaml;q=0.5"))
            .to_http_request();
        assert!(accepts(&req, Format::Yaml));
        assert!(!accepts(&req, Format::Csv));
    }

    #[test]
    fn csv_writes_the_header_then_the_rows() {
        let mut table = Table::new(["a", "b"]);
        table.rows.push(vec![Cell::Integer(1), "x,y".into()]);
        let res = csv(&table, "t").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            res.headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("text/csv; charset=utf-8")
        );
        assert_eq!(
            res.headers()
                .get(header::CONTENT_DISPOSITION)
                .and_then(|v| v.to_str().ok()),
            Some("attachment; filename=\"t.csv\"")
        );
    }

    #[test]
    fn cells_are_written_as_csv_text() {
        let date = NaiveDate::from_ymd_opt(2012, 6, 30).unwrap_or_default();
        let cells = [
            Cell::Integer(-3),
            Cell::Number(12.34),
            Cell::Date(date),
            Cell::Empty,
            Cell::from(Some("Río")),
            Cell::from(None::<String>),
        ];
        let text: Vec<String> = cells.iter().map(Cell::text).collect();
        assert_eq!(text, ["-3", "12.3", "2012-06-30", "", "Río", ""]);
    }
}
