//! Reading the attendance reports admins download from the meeting service
//! after a séance, so presence can be marked from them instead of by hand.
//!
//! Three layouts are understood:
//! - Google Meet's attendance report (one row per participant: first name,
//!   last name, e-mail, a duration such as "1 hr 20 min", time joined, time
//!   exited);
//! - Microsoft Teams' current report, in numbered sections ("1. Summary",
//!   "2. Participants", "3. In-Meeting Activities"), of which only the
//!   Participants table counts: the activities below repeat each person once
//!   per connection and would count them twice;
//! - Teams' older flat list ("Full Name", "User Action", "Timestamp"), one
//!   line per join or leave, from which the minutes are summed.
//!
//! The services write these files in the organiser's language and in
//! whatever encoding the export picked (Teams: UTF-16 with tabs; a
//! spreadsheet re-save: UTF-8, maybe with a BOM, `;` in French), so headers
//! are matched by meaning, case and accents aside, and the separator is the
//! one that makes a known header appear first. Nothing is matched to
//! learners here: the entries carry what the report says, and the matching
//! (by e-mail, else by name) happens where the enrollments are.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// Which service and layout a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    GoogleMeet,
    TeamsSummary,
    TeamsFlat,
}

/// One participant of the report, all their rows summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub name: String,
    /// Lower-cased and trimmed; None when the report has none for this person.
    pub email: Option<String>,
    /// Whole minutes present (rounded down), summed over the person's rows.
    pub minutes: i64,
    /// The 1-based line of the file where this person first appears.
    pub line: usize,
}

/// What a report says: its layout and its participants, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub kind: ReportKind,
    pub entries: Vec<ReportEntry>,
}

/// What is wrong with a report. The strings carry the offending text or the
/// missing column (as the English export names it), for the page to show;
/// the sentence around them is the page's to write, in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportErrorKind {
    /// Nothing in the file, or a known header with no participant under it.
    Empty,
    /// Neither UTF-8 nor UTF-16.
    Encoding,
    /// No header of a known report anywhere.
    UnknownLayout,
    MissingColumn(String),
    BadDuration(String),
    BadTime(String),
    /// A row without a name nor an e-mail, or with an action that is
    /// neither a join nor a leave.
    BadRow,
}

/// Why a report cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportError {
    /// 1-based line of the file
    pub line: usize,
    pub kind: ReportErrorKind,
}

fn error(line: usize, kind: ReportErrorKind) -> ReportError {
    ReportError { line, kind }
}

/// Reads any of the three layouts; entries grouped by email when present,
/// else by exact name; in file order.
pub fn parse(bytes: &[u8]) -> Result<Report, ReportError> {
    let text = decode(bytes)?;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(error(1, ReportErrorKind::Empty));
    }
    let (rows, at, header) = find_header(&text)?;
    let body = &rows[at + 1..];
    let entries = match header.kind {
        ReportKind::GoogleMeet | ReportKind::TeamsSummary => tabled(&header, body)?,
        ReportKind::TeamsFlat => flat(&header, body)?,
    };
    if entries.is_empty() {
        // Marking every learner absent from a report that lists nobody is
        // never what the admin meant: a wrong export, or the wrong séance.
        return Err(error(header.line, ReportErrorKind::Empty));
    }
    Ok(Report {
        kind: header.kind,
        entries,
    })
}

/// Whole minutes of a duration as the reports write it ("1 hr 20 min",
/// "1h 20m 5s", "45 min", "01:20:00", "1 h 20 min 5 s"…); None if
/// unreadable.
pub fn parse_duration(text: &str) -> Option<i64> {
    duration_seconds(text).map(|seconds| seconds / 60)
}

// ---------------------------------------------------------------- encoding

/// The text of the file. Teams writes UTF-16 LE with a BOM; spreadsheets
/// write UTF-8, with a BOM when they want Excel to see the accents. UTF-16
/// without a BOM is recognised by its first character's zero byte (every
/// header starts with an ASCII letter or digit), so a BOM lost on the way
/// does not turn the file into letters separated by NULs.
fn decode(bytes: &[u8]) -> Result<String, ReportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match bytes {
        [first, 0, ..] if *first != 0 => utf16(bytes, u16::from_le_bytes),
        [0, second, ..] if *second != 0 => utf16(bytes, u16::from_be_bytes),
        _ => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, ReportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            Err(encoding_error(lines_in(
                before.iter().filter(|b| **b == b'\n').count(),
            )))
        }
    }
}

/// `char::decode_utf16` rather than `String::from_utf16`: the same decoding,
/// but it says where it failed, so the error can name the line.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ReportError> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(encoding_error(lines_in(text.matches('\n').count()))),
        }
    }
    if !bytes.len().is_multiple_of(2) {
        return Err(encoding_error(lines_in(text.matches('\n').count())));
    }
    Ok(text)
}

fn lines_in(newlines: usize) -> usize {
    newlines.saturating_add(1)
}

fn encoding_error(line: usize) -> ReportError {
    error(line, ReportErrorKind::Encoding)
}

// ---------------------------------------------------------------- rows

/// One record of the file, its cells trimmed.
#[derive(Debug)]
struct Row {
    line: usize,
    cells: Vec<String>,
}

impl Row {
    fn cell(&self, column: Option<usize>) -> &str {
        column
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// The records of `text` cut at `delimiter`. Records may differ in length
/// (the Teams summary has two cells a line, its tables seven), and a quoted
/// cell may hold the separator or a line break.
fn rows(text: &str, delimiter: u8) -> Vec<Row> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // The text is valid UTF-8 and held in memory: reading cannot fail, and
    // would end the table if it somehow did.
    while let Ok(true) = reader.read_record(&mut record) {
        let start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let cells = record.iter().map(|c| c.trim().to_string()).collect();
        let line = line_at(text, &newlines, start);
        rows.push(Row { line, cells });
    }
    rows
}

/// The line of the record starting at byte `start`. The reader's own line
/// count skips blank lines and miscounts CRLF, and its record starts before
/// the blank lines it skipped, so the line is counted here, from the
/// record's first byte that is not a line break.
fn line_at(text: &str, newlines: &[usize], start: usize) -> usize {
    let skipped = text
        .as_bytes()
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let first = start.saturating_add(skipped);
    lines_in(newlines.partition_point(|&at| at < first))
}

/// The separators the three layouts are seen with, in the order a tie
/// between them is settled: a tab is never inside a name, a `;` sometimes,
/// a `,` often.
const DELIMITERS: [u8; 3] = [b'\t', b';', b','];

/// The rows of the file, cut at the separator under which a known header
/// appears first, with that header's index and meaning. Trying each
/// separator over the whole file, rather than counting them on its first
/// line, copes with the Teams report, whose first line ("1. Summary") has
/// none and whose next lines are a title that may hold any of them.
fn find_header(text: &str) -> Result<(Vec<Row>, usize, Header), ReportError> {
    let mut best: Option<(Vec<Row>, usize, Header)> = None;
    for delimiter in DELIMITERS {
        let rows = rows(text, delimiter);
        let found = rows
            .iter()
            .enumerate()
            .find_map(|(i, row)| recognise(row).map(|header| (i, header)));
        if let Some((i, header)) = found {
            if best.as_ref().is_none_or(|(_, _, b)| header.line < b.line) {
                best = Some((rows, i, header));
            }
        }
    }
    let (rows, at, header) = best.ok_or_else(|| error(1, ReportErrorKind::UnknownLayout))?;
    header.check()?;
    Ok((rows, at, header))
}

// ---------------------------------------------------------------- headers

/// What a column of a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    FirstName,
    LastName,
    Name,
    Email,
    Upn,
    Duration,
    Joined,
    Left,
    Role,
    Action,
    Timestamp,
}

/// A layout: the names its columns go by (folded: lower case, no accents),
/// the column only it has, and the columns it cannot be read without, with
/// the English name the error reports.
struct Layout {
    kind: ReportKind,
    columns: &'static [(Column, &'static [&'static str])],
    /// Columns of which one must be present for a row to be this layout's
    /// header, so "Nom" or "Email" alone never decides.
    signature: &'static [Column],
    required: &'static [(Column, &'static str)],
}

const EMAIL: &[&str] = &[
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "adresse e-mail",
    "adresse email",
    "adresse de messagerie",
    "courriel",
];

/// Checked in this order: the flat list's "Full Name" and the sectioned
/// report's "Name" are both names, and Meet's French "Nom" (last name) is
/// Teams' "Name"; the signatures tell them apart.
const LAYOUTS: [Layout; 3] = [
    Layout {
        kind: ReportKind::TeamsFlat,
        columns: &[
            (Column::Name, &["full name", "nom complet", "name", "nom"]),
            (
                Column::Action,
                &["user action", "action de l'utilisateur", "action"],
            ),
            (Column::Timestamp, &["timestamp", "horodatage"]),
        ],
        signature: &[Column::Action],
        required: &[
            (Column::Name, "Full Name"),
            (Column::Timestamp, "Timestamp"),
        ],
    },
    Layout {
        kind: ReportKind::GoogleMeet,
        columns: &[
            (Column::FirstName, &["first name", "prenom"]),
            (Column::LastName, &["last name", "nom", "nom de famille"]),
            (Column::Email, EMAIL),
            (Column::Duration, &["duration", "duree"]),
            (Column::Joined, &["time joined", "heure d'arrivee"]),
            (Column::Left, &["time exited", "heure de depart"]),
        ],
        signature: &[Column::FirstName],
        required: &[(Column::Duration, "Duration")],
    },
    Layout {
        kind: ReportKind::TeamsSummary,
        columns: &[
            (Column::Name, &["name", "full name", "nom", "nom complet"]),
            (
                Column::Joined,
                &["first join", "join time", "premiere participation"],
            ),
            (
                Column::Left,
                &["last leave", "leave time", "dernier depart"],
            ),
            (
                Column::Duration,
                &[
                    "in-meeting duration",
                    "in meeting duration",
                    "duree de la reunion",
                    "duration",
                    "duree",
                ],
            ),
            (Column::Email, EMAIL),
            (
                Column::Upn,
                &["participant id (upn)", "id du participant (upn)", "upn"],
            ),
            (Column::Role, &["role"]),
        ],
        signature: &[Column::Joined, Column::Left, Column::Upn, Column::Role],
        required: &[
            (Column::Name, "Name"),
            (Column::Duration, "In-Meeting Duration"),
        ],
    },
];

/// A header row: its layout, its line, and where each known column is.
#[derive(Debug)]
struct Header {
    kind: ReportKind,
    line: usize,
    columns: Vec<(Column, usize)>,
    missing: Option<&'static str>,
}

impl Header {
    fn column(&self, wanted: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, _)| *c == wanted)
            .map(|(_, i)| *i)
    }

    fn check(&self) -> Result<(), ReportError> {
        match self.missing {
            Some(name) => Err(error(
                self.line,
                ReportErrorKind::MissingColumn(name.to_string()),
            )),
            None => Ok(()),
        }
    }
}

/// The header `row` is, if any: two known columns of a layout at least,
/// one of them its signature (a summary line such as "Durée de la réunion,
/// 1 h 32 min" has one known cell, never two). A header lacking a column
/// the layout needs is still its header, so the error can say which column
/// is missing rather than that the file is unknown.
fn recognise(row: &Row) -> Option<Header> {
    let folded: Vec<String> = row.cells.iter().map(|c| fold(c)).collect();
    LAYOUTS.iter().find_map(|layout| {
        let mut columns: Vec<(Column, usize)> = Vec::new();
        for (i, cell) in folded.iter().enumerate() {
            let role = layout
                .columns
                .iter()
                .find(|(_, names)| names.contains(&cell.as_str()))
                .map(|(role, _)| *role);
            // The first column of a name wins: a report repeating one keeps
            // the leftmost, as a reader would.
            if let Some(role) = role.filter(|r| columns.iter().all(|(c, _)| c != r)) {
                columns.push((role, i));
            }
        }
        let signed = columns.iter().any(|(r, _)| layout.signature.contains(r));
        (signed && columns.len() >= 2).then(|| Header {
            kind: layout.kind,
            line: row.line,
            missing: layout
                .required
                .iter()
                .find(|(role, _)| columns.iter().all(|(r, _)| r != role))
                .map(|(_, name)| *name),
            columns,
        })
    })
}

/// A Teams section title ("2. Participants", "3. In-Meeting Activities"):
/// a numbered cell alone on its line. It ends the table above it.
fn is_section_title(row: &Row) -> bool {
    let mut filled = row.cells.iter().filter(|c| !c.is_empty());
    let (Some(first), None) = (filled.next(), filled.next()) else {
        return false;
    };
    if row.cells.first() != Some(first) {
        return false;
    }
    let digits = first.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(first.chars().nth(digits), Some('.' | ')'))
}

/// A header cell as compared: lower case, accents and doubled spaces gone,
/// typographic apostrophes made plain.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' | 'ý' => 'y',
            'ñ' => 'n',
            '’' | '‘' | 'ʼ' => '\'',
            '\u{feff}' => continue,
            c => c,
        };
        if plain.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if plain == 'œ' {
            out.push_str("oe");
        } else {
            out.push(plain);
        }
    }
    out
}

// ---------------------------------------------------------------- entries

/// Entries in file order, merged by e-mail when the row has one, else by
/// the exact name (a guest without an account has nothing else).
#[derive(Default)]
struct Entries {
    entries: Vec<ReportEntry>,
    /// Seconds per entry: minutes are rounded once, on the total, so two
    /// connections of 25 min 12 s and 27 min 50 s make 53 minutes, not 52.
    seconds: Vec<i64>,
    index: HashMap<Key, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Email(String),
    Name(String),
}

impl Entries {
    /// The entry of this person, created at `line` if new.
    fn entry(&mut self, name: &str, email: Option<String>, line: usize) -> usize {
        let key = match &email {
            Some(email) => Key::Email(email.clone()),
            None => Key::Name(name.to_string()),
        };
        *self.index.entry(key).or_insert_with(|| {
            self.entries.push(ReportEntry {
                name: name.to_string(),
                email,
                minutes: 0,
                line,
            });
            self.seconds.push(0);
            self.entries.len() - 1
        })
    }

    fn add(&mut self, entry: usize, seconds: i64) {
        if let Some(total) = self.seconds.get_mut(entry) {
            *total = total.saturating_add(seconds.max(0));
        }
    }

    fn finish(mut self) -> Vec<ReportEntry> {
        for (entry, seconds) in self.entries.iter_mut().zip(&self.seconds) {
            entry.minutes = seconds / 60;
        }
        self.entries
    }
}

fn email(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_lowercase())
}

/// The reports with one duration per row: Meet's and the Teams
/// Participants table. The table ends at the next section title or header
/// (the Teams activities below it must not be counted again).
fn tabled(header: &Header, body: &[Row]) -> Result<Vec<ReportEntry>, ReportError> {
    let first = header.column(Column::FirstName);
    let last = header.column(Column::LastName);
    let name = header.column(Column::Name);
    let mail = header.column(Column::Email);
    let upn = header.column(Column::Upn);
    let duration = header.column(Column::Duration);
    let mut entries = Entries::default();
    for row in body {
        if header.kind == ReportKind::TeamsSummary
            && (is_section_title(row) || recognise(row).is_some())
        {
            break;
        }
        if row.is_blank() {
            continue;
        }
        let person = match header.kind {
            ReportKind::GoogleMeet => [row.cell(first), row.cell(last)]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            _ => row.cell(name).to_string(),
        };
        // The UPN stands in for a missing e-mail only when it is one: a
        // guest's UPN ("x_domain#EXT#@tenant…") is nobody's address.
        let address = email(row.cell(mail)).or_else(|| {
            let upn = row.cell(upn);
            (upn.contains('@') && !upn.contains('#'))
                .then(|| email(upn))
                .flatten()
        });
        if person.is_empty() && address.is_none() {
            return Err(error(row.line, ReportErrorKind::BadRow));
        }
        let text = row.cell(duration);
        let seconds = duration_seconds(text)
            .ok_or_else(|| error(row.line, ReportErrorKind::BadDuration(text.to_string())))?;
        let person = if person.is_empty() {
            address.clone().unwrap_or_default()
        } else {
            person
        };
        let entry = entries.entry(&person, address, row.line);
        entries.add(entry, seconds);
    }
    Ok(entries.finish())
}

/// Whether a flat-list action opens or closes a presence.
fn action(text: &str) -> Option<bool> {
    let text = fold(text);
    if ["joined", "a rejoint", "rejoint"]
        .iter()
        .any(|a| text.starts_with(a))
    {
        // "Joined before": present when the list began.
        Some(true)
    } else if ["left", "a quitte", "quitte"]
        .iter()
        .any(|a| text.starts_with(a))
    {
        Some(false)
    } else {
        None
    }
}

/// The older Teams list: each person's minutes are the sum of their
/// join → leave spans. A join never followed by a leave (still there when
/// the list was downloaded, or a leave lost) is closed at the file's last
/// moment, the latest the report knows anyone was there.
fn flat(header: &Header, body: &[Row]) -> Result<Vec<ReportEntry>, ReportError> {
    let name = header.column(Column::Name);
    let act = header.column(Column::Action);
    let stamp = header.column(Column::Timestamp);
    let mut events: Vec<(usize, String, bool, Stamp, &str)> = Vec::new();
    for row in body {
        if row.is_blank() {
            continue;
        }
        let person = row.cell(name);
        let joins = action(row.cell(act)).filter(|_| !person.is_empty());
        let Some(joins) = joins else {
            return Err(error(row.line, ReportErrorKind::BadRow));
        };
        let text = row.cell(stamp);
        let at = Stamp::split(text)
            .ok_or_else(|| error(row.line, ReportErrorKind::BadTime(text.to_string())))?;
        events.push((row.line, person.to_string(), joins, at, text));
    }
    let order = DateOrder::of(&events.iter().map(|e| &e.3).collect::<Vec<_>>());
    let mut timed = Vec::with_capacity(events.len());
    for (line, person, joins, at, text) in events {
        let at = at
            .resolve(order)
            .ok_or_else(|| error(line, ReportErrorKind::BadTime(text.to_string())))?;
        timed.push((line, person, joins, at));
    }
    let Some(end) = timed.iter().map(|e| e.3).max() else {
        return Ok(Vec::new());
    };
    let mut entries = Entries::default();
    // Each person's moments, at their entry's index.
    let mut people: Vec<Vec<(NaiveDateTime, bool)>> = Vec::new();
    for (line, person, joins, at) in timed {
        let entry = entries.entry(&person, None, line);
        if entry == people.len() {
            people.push(Vec::new());
        }
        if let Some(moments) = people.get_mut(entry) {
            moments.push((at, joins));
        }
    }
    for (entry, mut list) in people.into_iter().enumerate() {
        // A list sorted by name rather than by time is paired alike; at one
        // moment the leave comes first, so a leave-and-rejoin counts no gap.
        list.sort_by_key(|(at, joins)| (*at, *joins));
        let mut open: Option<NaiveDateTime> = None;
        for (at, joins) in list {
            match (joins, open) {
                (true, None) => open = Some(at),
                (false, Some(since)) => {
                    entries.add(entry, (at - since).num_seconds());
                    open = None;
                }
                // A join while present (a second device) keeps the first
                // join; a leave while absent has nothing to close.
                _ => {}
            }
        }
        if let Some(since) = open {
            entries.add(entry, (end - since).num_seconds());
        }
    }
    Ok(entries.finish())
}

// ---------------------------------------------------------------- durations

/// Seconds of a written duration. Units in decreasing order, each once:
/// "1 hr 20 min" (Meet), "1h 20m 5s" (Teams), "1 h 20 min 5 s" (Teams in
/// French), or a clock "01:20:00". A bare number or a two-part clock is
/// refused: minutes or seconds, hours or minutes, the file does not say.
fn duration_seconds(text: &str) -> Option<i64> {
    let text = fold(text);
    if text.contains(':') {
        return clock(&text);
    }
    let mut chars = text.chars().peekable();
    let mut total: i64 = 0;
    let mut rank_before: Option<u8> = None;
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut digits = String::new();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        let amount = number(&digits)?;
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| c.is_alphabetic()) {
            word.push(c);
        }
        let (rank, scale) = unit(&word)?;
        if rank_before.is_some_and(|before| before >= rank) {
            return None;
        }
        rank_before = Some(rank);
        total = total.checked_add(amount.checked_mul(scale)?)?;
    }
    rank_before.map(|_| total)
}

/// A unit's rank (hours before minutes before seconds) and its seconds.
fn unit(word: &str) -> Option<(u8, i64)> {
    match word {
        "h" | "hr" | "hrs" | "hour" | "hours" | "heure" | "heures" => Some((0, 3600)),
        "m" | "mn" | "min" | "mins" | "minute" | "minutes" => Some((1, 60)),
        "s" | "sec" | "secs" | "second" | "seconds" | "seconde" | "secondes" => Some((2, 1)),
        _ => None,
    }
}

/// "01:20:00" or "1:20:00": hours, then two-digit minutes and seconds.
fn clock(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split(':').collect();
    let [hours, minutes, seconds] = parts.as_slice() else {
        return None;
    };
    if minutes.len() != 2 || seconds.len() != 2 {
        return None;
    }
    let (hours, minutes, seconds) = (number(hours)?, number(minutes)?, number(seconds)?);
    if minutes >= 60 || seconds >= 60 {
        return None;
    }
    hours.checked_mul(3600)?.checked_add(minutes * 60 + seconds)
}

/// A count of ASCII digits, short enough never to overflow once scaled.
fn number(digits: &str) -> Option<i64> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

// ---------------------------------------------------------------- timestamps

/// A flat-list timestamp cut into its parts, before knowing whether its
/// date is day or month first: "3/15/2026, 6:58:12 PM" (United States),
/// "15/03/2026 18:58:12" (France), or "2026-03-15 18:58:12".
#[derive(Debug, Clone, Copy)]
struct Stamp {
    /// The two leading numbers of a slashed date, or month and day of an
    /// ISO one.
    first: u32,
    second: u32,
    year: i32,
    iso: bool,
    hour: u32,
    minute: u32,
    sec: u32,
    /// Some(true) after "PM".
    pm: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateOrder {
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    /// One order for the whole file, as its locale wrote it: a first number
    /// above 12 proves day-first, a second one month-first; failing proof,
    /// a 12-hour clock means the United States' month-first, a 24-hour one
    /// the day-first of nearly everywhere else.
    fn of(stamps: &[&Stamp]) -> DateOrder {
        let slashed = || stamps.iter().filter(|s| !s.iso);
        for s in slashed() {
            if s.first > 12 {
                return DateOrder::DayFirst;
            }
            if s.second > 12 {
                return DateOrder::MonthFirst;
            }
        }
        if slashed().any(|s| s.pm.is_some()) {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

impl Stamp {
    fn split(text: &str) -> Option<Stamp> {
        let text = text.to_ascii_lowercase().replace(',', " ");
        let mut words: Vec<&str> = text.split_whitespace().collect();
        // "2026-03-15t18:58:12z": ISO in one word.
        if let &[one] = words.as_slice() {
            words = one.trim_end_matches('z').splitn(2, 't').collect();
        }
        let (date, time, meridiem) = match words.as_slice() {
            [date, time] => (*date, *time, None),
            [date, time, meridiem] => (*date, *time, Some(*meridiem)),
            _ => return None,
        };
        let (time, meridiem) = match meridiem {
            Some(m) => (time, Some(m)),
            None => match time.strip_suffix("am").or_else(|| time.strip_suffix("pm")) {
                Some(bare) => (bare, Some(&time[bare.len()..])),
                None => (time, None),
            },
        };
        let pm = match meridiem.map(|m| m.replace('.', "")) {
            None => None,
            Some(m) if m == "am" => Some(false),
            Some(m) if m == "pm" => Some(true),
            Some(_) => return None,
        };
        let separator = ['-', '/', '.'].into_iter().find(|s| date.contains(*s))?;
        let [a, b, c] = parts3(date, separator)?;
        let (first, second, year, iso) = match (a.len(), c.len()) {
            // Year first ("2026-03-15", "2026/03/15"): month, then day.
            (4, _) => (number(b)?, number(c)?, number(a)?, true),
            (_, 4) if separator != '-' => (number(a)?, number(b)?, number(c)?, false),
            // "3/15/26": this century.
            (_, 2) if separator != '-' => (number(a)?, number(b)?, number(c)? + 2000, false),
            _ => return None,
        };
        let clock: Vec<&str> = time.split(':').collect();
        let (hour, minute, sec) = match clock.as_slice() {
            [h, m] => (small(h)?, small(m)?, 0),
            [h, m, s] => (small(h)?, small(m)?, small(s)?),
            _ => return None,
        };
        Some(Stamp {
            first: u32::try_from(first).ok()?,
            second: u32::try_from(second).ok()?,
            year: i32::try_from(year).ok()?,
            iso,
            hour: u32::try_from(hour).ok()?,
            minute: u32::try_from(minute).ok()?,
            sec: u32::try_from(sec).ok()?,
            pm,
        })
    }

    fn resolve(self, order: DateOrder) -> Option<NaiveDateTime> {
        let (month, day) = match (self.iso, order) {
            (true, _) | (false, DateOrder::MonthFirst) => (self.first, self.second),
            (false, DateOrder::DayFirst) => (self.second, self.first),
        };
        let hour = match self.pm {
            None => self.hour,
            Some(_) if !(1..=12).contains(&self.hour) => return None,
            Some(false) => self.hour % 12,
            Some(true) => self.hour % 12 + 12,
        };
        let date = NaiveDate::from_ymd_opt(self.year, month, day)?;
        let time = NaiveTime::from_hms_opt(hour, self.minute, self.sec)?;
        Some(date.and_time(time))
    }
}

/// Exactly three parts separated by `separator`.
fn parts3(text: &str, separator: char) -> Option<[&str; 3]> {
    let mut parts = text.split(separator);
    let three = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(three)
}

/// A date or clock part: one to four digits.
fn small(text: &str) -> Option<i64> {
    (text.len() <= 4).then(|| number(text)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MEET: &[u8] = include_bytes!("../../tests/fixtures/attendance/meet.csv");
    const MEET_FR: &[u8] = include_bytes!("../../tests/fixtures/attendance/meet-fr.csv");
    const TEAMS_UTF16: &[u8] =
        include_bytes!("../../tests/fixtures/attendance/teams-summary-utf16.csv");
    const TEAMS_FR: &[u8] = include_bytes!("../../tests/fixtures/attendance/teams-summary-fr.csv");
    const TEAMS_FLAT: &[u8] = include_bytes!("../../tests/fixtures/attendance/teams-flat.csv");
    const BAD_DURATION: &[u8] = include_bytes!("../../tests/fixtures/attendance/bad-duration.csv");
    const BAD_LAYOUT: &[u8] = include_bytes!("../../tests/fixtures/attendance/bad-layout.csv");
    const TRUNCATED_TEAMS: &[u8] =
        include_bytes!("../../tests/fixtures/attendance/truncated-teams.csv");

    const FIXTURES: [&[u8]; 8] = [
        MEET,
        MEET_FR,
        TEAMS_UTF16,
        TEAMS_FR,
        TEAMS_FLAT,
        BAD_DURATION,
        BAD_LAYOUT,
        TRUNCATED_TEAMS,
    ];

    fn entry(name: &str, email: Option<&str>, minutes: i64, line: usize) -> ReportEntry {
        ReportEntry {
            name: name.to_string(),
            email: email.map(str::to_string),
            minutes,
            line,
        }
    }

    fn err(line: usize, kind: ReportErrorKind) -> Result<Report, ReportError> {
        Err(ReportError { line, kind })
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    // ------------------------------------------------------------ fixtures

    #[test]
    fn meet_in_english_sums_a_reconnection_and_rounds_seconds_down() {
        let report = parse(MEET).unwrap();
        assert_eq!(report.kind, ReportKind::GoogleMeet);
        assert_eq!(
            report.entries,
            vec![
                entry("Camille Martin", Some("camille.martin@example.org"), 88, 2),
                // The address is lower-cased; the name keeps its accents.
                entry("Léa Dupré", Some("lea.dupre@example.fr"), 80, 3),
                // Lines 4 and 6: 45 + 38 minutes.
                entry("Thomas Nguyen", Some("thomas.nguyen@example.com"), 83, 4),
                // A guest without an account: no address.
                entry("Marc Lefèvre", None, 32, 5),
                entry("Sofia Benali", Some("sofia.benali@example.org"), 91, 7),
                // "58 sec": present, for no whole minute.
                entry("Julien Roux", Some("julien.roux@example.com"), 0, 8),
            ]
        );
    }

    #[test]
    fn meet_in_french_with_a_bom_semicolons_and_a_quoted_separator() {
        let report = parse(MEET_FR).unwrap();
        assert_eq!(report.kind, ReportKind::GoogleMeet);
        assert_eq!(
            report.entries,
            vec![
                entry("Camille Martin", Some("camille.martin@example.org"), 88, 2),
                // "1 h 20 min" (no-break spaces) on line 3, then "9 min"
                // under the same address in capitals on line 6.
                entry("Léa Dupré", Some("lea.dupre@example.fr"), 89, 3),
                // A clock duration, "01:02:30", and a `;` inside quotes.
                entry(
                    "Anne-Sophie Le Gall; ép. Morel",
                    Some("anne-sophie.legall@example.org"),
                    62,
                    4
                ),
                entry("Marc Lefèvre", None, 32, 5),
                entry("Sofia Benali", Some("sofia.benali@example.org"), 60, 7),
            ]
        );
    }

    #[test]
    fn teams_sections_in_utf16_read_only_the_participants_table() {
        let report = parse(TEAMS_UTF16).unwrap();
        assert_eq!(report.kind, ReportKind::TeamsSummary);
        assert_eq!(
            report.entries,
            vec![
                // The organiser and the presenter are entries like others.
                entry("Camille Martin", Some("camille.martin@example.org"), 92, 11),
                entry("Sofia Benali", Some("sofia.benali@example.org"), 45, 12),
                // 87 minutes from the Participants table; the two
                // connections of the activities below are not added again.
                entry("Thomas Nguyen", Some("thomas.nguyen@example.com"), 87, 13),
                entry("Léa Dupré", Some("lea.dupre@example.fr"), 89, 14),
                // An anonymous guest listed once per connection, merged by
                // name: 25 min 12 s + 27 min 50 s is 53 minutes (rounding
                // each row first would say 52).
                entry("Marc Lefèvre (Guest)", None, 53, 15),
                entry("Julien Roux", Some("julien.roux@example.com"), 5, 16),
            ]
        );
    }

    #[test]
    fn teams_sections_in_french_and_the_upn_standing_in_for_an_address() {
        let report = parse(TEAMS_FR).unwrap();
        assert_eq!(report.kind, ReportKind::TeamsSummary);
        assert_eq!(
            report.entries,
            vec![
                entry("Camille Martin", Some("camille.martin@example.org"), 92, 11),
                // Her UPN is a guest's (#EXT#): the E-mail column is used.
                entry("Léa Dupré", Some("lea.dupre@example.fr"), 89, 12),
                entry("Marc Lefèvre (Invité)", None, 53, 13),
                entry("Thomas Nguyen", Some("thomas.nguyen@example.com"), 87, 14),
                // No E-mail, but a UPN that is an address.
                entry("Julien Roux", Some("julien.roux@example.com"), 5, 15),
            ]
        );
    }

    #[test]
    fn teams_flat_list_sums_join_leave_pairs_by_name() {
        let report = parse(TEAMS_FLAT).unwrap();
        assert_eq!(report.kind, ReportKind::TeamsFlat);
        assert_eq!(
            report.entries,
            vec![
                // 6:58:12 PM → 8:31:02 PM.
                entry("Camille Martin", None, 92, 2),
                // "Joined before" 6:58:12 PM → 7:44:30 PM.
                entry("Sofia Benali", None, 46, 3),
                // 7:00:05 → 7:31:10 (31 min 5 s), then 7:35:00 with no
                // leave, closed at the file's last moment, 8:31:02
                // (56 min 2 s).
                entry("Thomas Nguyen", None, 87, 4),
                entry("Léa Dupré", None, 89, 5),
                entry("Marc Lefèvre (Guest)", None, 25, 6),
                entry("Julien Roux", None, 5, 7),
            ]
        );
    }

    #[test]
    fn a_meet_row_with_an_unreadable_duration_names_its_line() {
        assert_eq!(
            parse(BAD_DURATION),
            err(4, ReportErrorKind::BadDuration("abc".into()))
        );
    }

    #[test]
    fn unrelated_headers_are_an_unknown_layout_at_line_1() {
        assert_eq!(parse(BAD_LAYOUT), err(1, ReportErrorKind::UnknownLayout));
    }

    #[test]
    fn a_participants_header_without_duration_names_the_column() {
        assert_eq!(
            parse(TRUNCATED_TEAMS),
            err(
                9,
                ReportErrorKind::MissingColumn("In-Meeting Duration".into())
            )
        );
    }

    // ------------------------------------------------------------ durations

    #[test]
    fn durations_as_each_service_writes_them() {
        for (text, minutes) in [
            // Meet.
            ("1 hr 20 min", Some(80)),
            ("45 min", Some(45)),
            ("2 hrs", Some(120)),
            ("58 sec", Some(0)),
            ("1 h 20 min", Some(80)),
            ("1\u{a0}h 20\u{202f}min", Some(80)),
            // Teams, English then French.
            ("1h 20m 5s", Some(80)),
            ("45m 12s", Some(45)),
            ("1h20m59s", Some(80)),
            ("5s", Some(0)),
            ("1 h 20 min 5 s", Some(80)),
            ("2 heures 3 minutes", Some(123)),
            ("1 HR 5 MIN", Some(65)),
            // A spreadsheet's clock.
            ("01:20:00", Some(80)),
            ("1:20:59", Some(80)),
            ("100:00:00", Some(6000)),
            ("0 min", Some(0)),
            // Refused rather than guessed.
            ("", None),
            ("abc", None),
            ("80", None),
            ("20:00", None),
            ("1:2:3", None),
            ("01:60:00", None),
            ("20 min 1 h", None),
            ("1 h 1 h", None),
            ("h", None),
            ("1 h 20", None),
            ("1 day", None),
            ("-5 min", None),
            ("1.5 h", None),
            ("٣ min", None),
            ("3/15/26, 7:02:11 PM", None),
            ("9999999999 h", None),
        ] {
            assert_eq!(parse_duration(text), minutes, "{text:?}");
        }
    }

    // ------------------------------------------------------------ encodings

    #[test]
    fn every_encoding_reads_the_same_report() {
        let text = "First name,Last name,Email,Duration\r\nLéa,Dupré,lea@example.fr,45 min\r\n";
        let expected = vec![entry("Léa Dupré", Some("lea@example.fr"), 45, 2)];
        let le = utf16le(text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        for bytes in [
            text.as_bytes().to_vec(),
            bom,
            le.clone(),
            be,
            le[2..].to_vec(),
        ] {
            assert_eq!(parse(&bytes).unwrap().entries, expected);
        }
    }

    #[test]
    fn bytes_that_are_no_text_name_their_line() {
        // Latin-1 "é" on line 2.
        assert_eq!(
            parse(b"First name,Last name,Email,Duration\nL\xe9a,D,,45 min\n"),
            err(2, ReportErrorKind::Encoding)
        );
        // A lone surrogate on line 2, then an odd byte at the end of line 3.
        let mut bytes = utf16le("Name\tRole\r\nx");
        bytes.extend([0x00, 0xD8, b'y', 0]);
        assert_eq!(parse(&bytes), err(2, ReportErrorKind::Encoding));
        let mut bytes = utf16le("a\nb\nc");
        bytes.push(b'd');
        assert_eq!(parse(&bytes), err(3, ReportErrorKind::Encoding));
    }

    #[test]
    fn nothing_to_read_is_empty() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b" \r\n\t\n"] {
            assert_eq!(parse(bytes), err(1, ReportErrorKind::Empty), "{bytes:?}");
        }
        // A header and no participant: the wrong export, not an empty
        // séance.
        assert_eq!(
            parse(b"\n\nFirst name,Last name,Email,Duration\n,,,\n"),
            err(3, ReportErrorKind::Empty)
        );
    }

    // ------------------------------------------------------------ layouts

    #[test]
    fn headers_match_whatever_their_case_accents_and_spacing() {
        let text = "PRÉNOM;  nom ;ADRESSE E-MAIL;durée\nLéa;Dupré;;1 h\n";
        let report = parse(text.as_bytes()).unwrap();
        assert_eq!(report.kind, ReportKind::GoogleMeet);
        assert_eq!(report.entries, vec![entry("Léa Dupré", None, 60, 2)]);
    }

    #[test]
    fn the_separator_is_the_one_that_reveals_a_header_first() {
        // A title holding commas and semicolons before a tabbed table.
        let text = "1. Summary\nMeeting title\tRust, module 2; part 1\n2. Participants\n\
                    Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n\
                    Dupré, Léa\t7:01 PM\t8:30 PM\t1h 29m\t\tAttendee\n";
        let report = parse(text.as_bytes()).unwrap();
        assert_eq!(report.entries, vec![entry("Dupré, Léa", None, 89, 5)]);
    }

    #[test]
    fn a_summary_line_that_names_a_column_is_not_a_header() {
        // "Durée de la réunion" is both a summary key and the French
        // duration column.
        let text = "1. Résumé\nDurée de la réunion,1 h 32 min 50 s\n\n2. Participants\n\
                    Nom,Première participation,Durée de la réunion,E-mail,Rôle\n\
                    Léa Dupré,x,1 h 2 min,lea@example.fr,Participant\n";
        assert_eq!(
            parse(text.as_bytes()).unwrap().entries,
            vec![entry("Léa Dupré", Some("lea@example.fr"), 62, 6)]
        );
    }

    #[test]
    fn a_teams_table_ends_at_the_next_header_even_without_a_title() {
        let text = "Name,Join Time,Leave Time,Duration,Email,Role\n\
                    Léa,x,y,20m,lea@example.fr,Attendee\n\
                    Name,First Join,Last Leave,In-Meeting Duration,Email,Role\n\
                    Léa,x,y,20m,lea@example.fr,Attendee\n";
        assert_eq!(
            parse(text.as_bytes()).unwrap().entries,
            vec![entry("Léa", Some("lea@example.fr"), 20, 2)]
        );
    }

    #[test]
    fn missing_columns_are_named_per_layout() {
        for (text, line, column) in [
            ("\nFirst name,Last name,Email\nLéa,Dupré,x\n", 2, "Duration"),
            (
                "Name,First Join,Role\nLéa,x,Attendee\n",
                1,
                "In-Meeting Duration",
            ),
            (
                "First Join,In-Meeting Duration,Role\nx,1h,Attendee\n",
                1,
                "Name",
            ),
            ("Full Name,User Action\nLéa,Joined\n", 1, "Timestamp"),
            ("User Action,Timestamp\nJoined,x\n", 1, "Full Name"),
        ] {
            assert_eq!(
                parse(text.as_bytes()),
                err(line, ReportErrorKind::MissingColumn(column.into())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_row_without_name_nor_address_is_bad() {
        assert_eq!(
            parse(b"First name,Last name,Email,Duration\nL,D,,1 min\n,,,2 min\n"),
            err(3, ReportErrorKind::BadRow)
        );
        // An address alone names the entry.
        assert_eq!(
            parse(b"First name,Last name,Email,Duration\n,,Lea@Example.fr,2 min\n")
                .unwrap()
                .entries,
            vec![entry("lea@example.fr", Some("lea@example.fr"), 2, 2)]
        );
    }

    #[test]
    fn a_quoted_line_break_keeps_the_line_where_the_row_starts() {
        let text = "First name,Last name,Email,Duration\n\"Léa\nMarie\",D,,1 min\nT,N,,zz\n";
        assert_eq!(
            parse(text.as_bytes()),
            err(4, ReportErrorKind::BadDuration("zz".into()))
        );
    }

    // ------------------------------------------------------------ flat list

    #[test]
    fn flat_list_in_french_with_day_first_dates_and_midnight() {
        let text = "Nom complet;Action de l’utilisateur;Horodatage\n\
                    Léa Dupré;A rejoint;15/03/2026 23:50:00\n\
                    Léa Dupré;A quitté;16/03/2026 00:20:30\n";
        let report = parse(text.as_bytes()).unwrap();
        assert_eq!(report.kind, ReportKind::TeamsFlat);
        assert_eq!(report.entries, vec![entry("Léa Dupré", None, 30, 2)]);
    }

    #[test]
    fn flat_list_date_order_is_one_per_file() {
        // 24-hour clock and nothing above 12: day first (4 March).
        let text = "Full Name,User Action,Timestamp\n\
                    A,Joined,04/03/2026 10:00:00\nA,Left,05/03/2026 10:00:00\n";
        assert_eq!(parse(text.as_bytes()).unwrap().entries[0].minutes, 24 * 60);
        // "3/31" on a later line proves month first for the whole file, so
        // "3/4" is 4 March, the day before 3/5 — not 3 April.
        let text = "Full Name,User Action,Timestamp\n\
                    A,Joined,\"3/4/2026, 10:00\"\nA,Left,\"3/5/2026, 10:00\"\n\
                    B,Joined,\"3/31/2026, 10:00\"\nB,Left,\"3/31/2026, 10:01\"\n";
        let entries = parse(text.as_bytes()).unwrap().entries;
        assert_eq!((entries[0].minutes, entries[1].minutes), (24 * 60, 1));
        // Proof of both orders: the later date cannot be read.
        let text = "Full Name,User Action,Timestamp\n\
                    A,Joined,13/03/2026 10:00\nA,Left,03/13/2026 10:00\n";
        assert_eq!(
            parse(text.as_bytes()),
            err(3, ReportErrorKind::BadTime("03/13/2026 10:00".into()))
        );
    }

    #[test]
    fn flat_list_timestamps_in_other_shapes() {
        for stamp in [
            "2026-03-15 19:00:00",
            "2026-03-15T19:00:00Z",
            "\"3/15/26, 7:00:00 PM\"",
            "\"3/15/2026, 7:00 p.m.\"",
            "3/15/2026 7:00:00PM",
        ] {
            let text = format!(
                "Full Name,User Action,Timestamp\nA,Joined,{stamp}\nA,Left,2026-03-15 19:42:10\n"
            );
            assert_eq!(
                parse(text.as_bytes()).unwrap().entries,
                vec![entry("A", None, 42, 2)],
                "{stamp}"
            );
        }
        for stamp in [
            "yesterday",
            "3/15/2026",
            "13/13/2026 10:00",
            "3/15/2026 13:00 PM",
        ] {
            let text = format!("Full Name,User Action,Timestamp\nA,Joined,{stamp}\n");
            assert_eq!(
                parse(text.as_bytes()),
                err(2, ReportErrorKind::BadTime(stamp.into())),
                "{stamp}"
            );
        }
    }

    #[test]
    fn flat_list_pairs_out_of_order_rows_and_ignores_unpaired_leaves() {
        // Sorted by name, a stray leave first, a second device's join.
        let text = "Full Name\tUser Action\tTimestamp\n\
                    A\tLeft\t2026-03-15 18:00:00\n\
                    A\tLeft\t2026-03-15 19:30:00\n\
                    A\tJoined\t2026-03-15 19:00:00\n\
                    A\tJoined\t2026-03-15 19:10:00\n\
                    B\tJoined\t2026-03-15 19:00:00\n\
                    B\tLeft\t2026-03-15 19:45:00\n";
        assert_eq!(
            parse(text.as_bytes()).unwrap().entries,
            vec![entry("A", None, 30, 2), entry("B", None, 45, 6)]
        );
    }

    #[test]
    fn flat_list_rows_with_an_unknown_action_or_no_name_are_bad() {
        for row in [
            "A\tRaised hand\t2026-03-15 19:00",
            "\tJoined\t2026-03-15 19:00",
        ] {
            let text = format!("Full Name\tUser Action\tTimestamp\n{row}\n");
            assert_eq!(
                parse(text.as_bytes()),
                err(2, ReportErrorKind::BadRow),
                "{row}"
            );
        }
    }

    // ------------------------------------------------------------ never panic

    proptest! {
        #[test]
        fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn parse_never_panics_on_mangled_reports(
            which in 0..FIXTURES.len(),
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        ) {
            let mut bytes = FIXTURES[which].to_vec();
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            bytes.truncate(cut.index(bytes.len() + 1));
            let _ = parse(&bytes);
        }

        #[test]
        fn parse_never_panics_on_report_like_text(text in "[A-Za-zé0-9 :/,;\t\n\"#@.-]{0,400}") {
            let with_header = format!("Full Name\tUser Action\tTimestamp\n{text}");
            let _ = parse(with_header.as_bytes());
            let with_header = format!("First name,Last name,Email,Duration\n{text}");
            let _ = parse(with_header.as_bytes());
            let _ = parse(text.as_bytes());
        }

        #[test]
        fn parse_duration_never_panics(text in any::<String>()) {
            let _ = parse_duration(&text);
        }

        #[test]
        fn parse_duration_never_panics_on_duration_like_text(text in "[0-9hmsinre :]{0,40}") {
            if let Some(minutes) = parse_duration(&text) {
                prop_assert!(minutes >= 0);
            }
        }
    }
}
