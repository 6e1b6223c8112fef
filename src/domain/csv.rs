//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the
//! accents), `;` between fields (French Excel's separator), CRLF line ends,
//! quotes around fields that need them, and a leading apostrophe on cells a
//! spreadsheet would otherwise run as a formula.

pub const BOM: &str = "\u{feff}";

/// One field, escaped.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One line, CRLF included.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(";");
    out.push_str("\r\n");
    out
}

/// A whole document: BOM, header, rows.
pub fn document<S: AsRef<str>>(header: &[S], rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&line(header));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_left_alone() {
        assert_eq!(field("Camille Martin"), "Camille Martin");
        assert_eq!(field("Débutant"), "Débutant");
    }

    #[test]
    fn separators_quotes_and_newlines_are_quoted_and_quotes_doubled() {
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("dit \"bonjour\""), "\"dit \"\"bonjour\"\"\"");
        assert_eq!(field("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    }

    #[test]
    fn a_cell_that_looks_like_a_formula_is_neutralised() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn a_document_starts_with_a_bom_and_ends_lines_with_crlf() {
        let doc = document(&["Nom", "E-mail"], &[vec!["A;B".into(), "a@b.fr".into()]]);
        assert_eq!(doc, "\u{feff}Nom;E-mail\r\n\"A;B\";a@b.fr\r\n");
    }
}
