//! The certificate as a PDF: A4 landscape, drawn with krilla from the
//! frozen row on every download (nothing is stored), real text in an
//! embedded open-licence font (DejaVu Sans, subset by krilla, so
//! `pdftotext` and screen readers read it), and a QR code of the
//! verification URL drawn as vector squares (sharp at any size).

use std::sync::{Arc, LazyLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use crate::domain::certificate::CertificateRecord;
use crate::domain::format::date as long_date;
use crate::domain::language::Lang;
use crate::error::AppError;
use crate::i18n::dates::hours_words;
use crate::i18n::{tr, Arg};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 landscape, in points.
const WIDTH: f32 = 841.89;
const HEIGHT: f32 = 595.28;
/// One millimetre in points.
const MM: f32 = 72.0 / 25.4;
/// The QR code's side with its quiet zone: 36 mm, so that the code itself
/// is at least 25 mm wide whatever the URL's length (a phone reads it from
/// paper).
pub const QR_SIDE_MM: f32 = 36.0;

/// A font for krilla and the same font's metrics for measuring text.
struct Face {
    font: Font,
    data: &'static [u8],
}

static FACES: LazyLock<(Face, Face)> = LazyLock::new(|| {
    let load = |data: &'static [u8]| Face {
        font: Font::new(Arc::new(data.to_vec()).into(), 0).expect("the shipped font parses"),
        data,
    };
    (load(REGULAR), load(BOLD))
});

impl Face {
    /// The width of `text` at `size`, from the glyph advances (no
    /// kerning: close enough to centre a line).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(self.data, 0) else {
            return 0.0;
        };
        let units = f32::from(face.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(f32::from)
                    .unwrap_or(units / 2.0)
            })
            .sum();
        advance * size / units
    }
}

/// What the PDF says, besides the frozen row: the organisation and the
/// verification URL (absolute).
pub struct PdfContext<'a> {
    pub org_name: &'a str,
    pub verification_url: &'a str,
    pub lang: Lang,
}

const INK: (u8, u8, u8) = (31, 41, 51);
const ACCENT: (u8, u8, u8) = (29, 78, 216);
const MUTED: (u8, u8, u8) = (82, 96, 109);

fn fill(color: (u8, u8, u8)) -> Option<Fill> {
    Some(Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    })
}

/// Draws `text` centred on the page at baseline `y`, shrunk to fit
/// `max_width` if needed.
fn centred(surface: &mut Surface, face: &Face, size: f32, y: f32, text: &str, color: (u8, u8, u8)) {
    let max_width = WIDTH - 160.0;
    let mut size = size;
    let mut width = face.width(text, size);
    if width > max_width {
        size *= max_width / width;
        width = face.width(text, size);
    }
    surface.set_fill(fill(color));
    surface.draw_text(
        Point::from_xy((WIDTH - width) / 2.0, y),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn left(
    surface: &mut Surface,
    face: &Face,
    size: f32,
    (x, y): (f32, f32),
    max_width: f32,
    text: &str,
    color: (u8, u8, u8),
) {
    let mut size = size;
    let width = face.width(text, size);
    if width > max_width {
        size *= max_width / width;
    }
    surface.set_fill(fill(color));
    surface.draw_text(
        Point::from_xy(x, y),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn frame(surface: &mut Surface, inset: f32, width: f32, color: (u8, u8, u8)) {
    let mut pb = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(inset, inset, WIDTH - 2.0 * inset, HEIGHT - 2.0 * inset) {
        pb.push_rect(rect);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            width,
            ..Default::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn qr_of(url: &str) -> Result<qrcode::QrCode, AppError> {
    qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).map_err(|err| {
        tracing::error!(%err, "QR code not made");
        AppError::Internal
    })
}

/// The printed width of the QR code's modules (the quiet zone aside), in
/// millimetres.
pub fn qr_code_mm(url: &str) -> Result<f32, AppError> {
    let modules = qr_of(url)?.width() as f32;
    Ok(QR_SIDE_MM * modules / (modules + 8.0))
}

/// The QR code of `url`, `side` points wide, its top-left corner at
/// (x, y), with the quiet zone the standard asks (4 modules) inside `side`.
fn qr_code(
    surface: &mut Surface,
    url: &str,
    (x, y): (f32, f32),
    side: f32,
) -> Result<(), AppError> {
    let code = qr_of(url)?;
    let modules = code.width();
    let colors = code.to_colors();
    let total = modules as f32 + 8.0;
    let cell = side / total;
    let mut pb = PathBuilder::new();
    for row in 0..modules {
        for col in 0..modules {
            if colors[row * modules + col] == qrcode::Color::Dark {
                let cx = x + (col as f32 + 4.0) * cell;
                let cy = y + (row as f32 + 4.0) * cell;
                // A hair wider than the cell, so neighbours leave no seam.
                if let Some(rect) = Rect::from_xywh(cx, cy, cell + 0.05, cell + 0.05) {
                    pb.push_rect(rect);
                }
            }
        }
    }
    surface.set_fill(fill((0, 0, 0)));
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
    Ok(())
}

/// The PDF of a certificate, in `ctx.lang`.
pub fn render(c: &CertificateRecord, ctx: &PdfContext<'_>) -> Result<Vec<u8>, AppError> {
    let lang = ctx.lang;
    let w = |id: &str, args: &[(&str, Arg)]| tr(lang, id, args);
    let (regular, bold) = (&FACES.0, &FACES.1);
    let code = c.code.display();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(w("certificates-pdf-title", &[]))
            .language(lang.code().to_string())
            .creator(ctx.org_name.to_string()),
    );
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or(AppError::Internal)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    frame(&mut surface, 24.0, 3.0, ACCENT);
    frame(&mut surface, 32.0, 0.8, ACCENT);

    centred(&mut surface, bold, 16.0, 84.0, ctx.org_name, ACCENT);
    centred(
        &mut surface,
        bold,
        34.0,
        142.0,
        &w("certificates-pdf-title", &[]),
        INK,
    );
    centred(
        &mut surface,
        regular,
        14.0,
        186.0,
        &w("certificates-pdf-awarded", &[]),
        MUTED,
    );
    centred(&mut surface, bold, 30.0, 228.0, &c.learner_name, INK);
    centred(
        &mut surface,
        regular,
        14.0,
        266.0,
        &w("certificates-pdf-for", &[]),
        MUTED,
    );
    centred(&mut surface, bold, 22.0, 300.0, &c.formation_name, INK);
    let level = w(c.level.label_id(), &[]);
    centred(
        &mut surface,
        regular,
        13.0,
        326.0,
        &w("certificates-pdf-level", &[("level", (&level).into())]),
        INK,
    );
    let period = w(
        "certificates-pdf-period",
        &[
            ("start", (&long_date(lang, c.start_date)).into()),
            ("end", (&long_date(lang, c.end_date)).into()),
        ],
    );
    centred(&mut surface, regular, 13.0, 352.0, &period, INK);
    let attendance = w(
        "certificates-pdf-attendance",
        &[
            ("attended", c.attended_sessions.into()),
            ("total", c.total_sessions.into()),
            ("hours", (&hours_words(lang, c.attended_minutes)).into()),
        ],
    );
    centred(&mut surface, regular, 13.0, 378.0, &attendance, INK);
    let instructor = w(
        "certificates-pdf-instructor",
        &[("name", (&c.instructor_name).into())],
    );
    centred(&mut surface, regular, 13.0, 404.0, &instructor, INK);

    let side = QR_SIDE_MM * MM;
    let qr_x = WIDTH - 56.0 - side;
    let qr_y = HEIGHT - 56.0 - side;
    let text_width = qr_x - 80.0;
    let issued = w(
        "certificates-pdf-issued",
        &[("date", (&long_date(lang, c.issued_at.date_naive())).into())],
    );
    left(
        &mut surface,
        regular,
        12.0,
        (64.0, 470.0),
        text_width,
        &issued,
        INK,
    );
    let code_line = w("certificates-pdf-code", &[("code", (&code).into())]);
    left(
        &mut surface,
        bold,
        12.0,
        (64.0, 492.0),
        text_width,
        &code_line,
        INK,
    );
    left(
        &mut surface,
        regular,
        10.0,
        (64.0, 514.0),
        text_width,
        &w("certificates-pdf-verify", &[]),
        MUTED,
    );
    left(
        &mut surface,
        regular,
        10.0,
        (64.0, 530.0),
        text_width,
        ctx.verification_url,
        ACCENT,
    );
    qr_code(&mut surface, ctx.verification_url, (qr_x, qr_y), side)?;

    surface.finish();
    page.finish();
    document.finish().map_err(|err| {
        tracing::error!(?err, "certificate PDF not made");
        AppError::Internal
    })
}

/// `certificat-FMT-….pdf`.
pub fn filename(c: &CertificateRecord) -> String {
    format!("certificat-{}.pdf", c.code.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificate::CertificateCode;
    use crate::domain::formation::Level;

    fn record() -> CertificateRecord {
        CertificateRecord {
            id: 1,
            code: CertificateCode::from_bytes([42; 10]),
            enrollment_id: 2,
            user_id: 3,
            formation_id: 4,
            learner_name: "Zoé Lefèvre-Ørsted".into(),
            formation_name: "Gestion de portefeuille".into(),
            level: Level::Advanced,
            instructor_name: "Marc Petit".into(),
            start_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
            end_date: chrono::NaiveDate::from_ymd_opt(2024, 2, 15).unwrap(),
            attended_sessions: 8,
            total_sessions: 10,
            attended_minutes: 990,
            issued_at: chrono::DateTime::parse_from_rfc3339("2024-02-16T08:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
            by_exception: false,
            revoked_at: None,
            revoked_reason: None,
            replaced_by: None,
        }
    }

    #[test]
    fn a_certificate_renders_as_a_pdf_with_its_fonts_embedded() {
        let pdf = render(
            &record(),
            &PdfContext {
                org_name: "Formations",
                verification_url: "http://localhost/certificats/FMT-0000-0000-0000-0000",
                lang: Lang::Fr,
            },
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("FontFile2"), "the font is embedded");
        // Subset: far smaller than the two fonts it draws from.
        assert!(pdf.len() < 300_000, "{} bytes", pdf.len());
    }

    #[test]
    fn the_qr_code_is_at_least_25_mm_wide_for_short_and_long_urls() {
        for url in [
            "http://h/certificats/FMT-0000-0000-0000-0000",
            "https://formations.un-organisme-de-formation-au-nom-long.example.org/certificats/FMT-0000-0000-0000-0000",
        ] {
            let mm = qr_code_mm(url).unwrap();
            assert!((25.0..=QR_SIDE_MM).contains(&mm), "{mm} mm for {url}");
        }
    }
}
