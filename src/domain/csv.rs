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
    fn plain_fields_are_left_alone_and_others_quoted_or_neutralised() {
        for (cell, written) in [
            ("Camille Martin", "Camille Martin"),
            ("Débutant", "Débutant"),
            // Separators, quotes and newlines: quoted, quotes doubled.
            ("a;b", "\"a;b\""),
            ("dit \"bonjour\"", "\"dit \"\"bonjour\"\"\""),
            ("ligne 1\nligne 2", "\"ligne 1\nligne 2\""),
            // A cell that looks like a formula is neutralised.
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("@SUM(A1)", "'@SUM(A1)"),
        ] {
            assert_eq!(field(cell), written, "{cell}");
        }
    }

    #[test]
    fn a_document_starts_with_a_bom_and_ends_lines_with_crlf() {
        let doc = document(&["Nom", "E-mail"], &[vec!["A;B".into(), "a@b.fr".into()]]);
        assert_eq!(doc, "\u{feff}Nom;E-mail\r\n\"A;B\";a@b.fr\r\n");
    }
}
