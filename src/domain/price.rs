//! A formation's price: an amount in cents and its currency, or free. Read
//! from what an admin types ("450", "450,50", "1 200.5"), written in the
//! reader's language ("450,50 €", "€450.50").

use serde::{Deserialize, Serialize};

use crate::domain::language::Lang;

/// The currencies the admin form offers (ISO 4217).
pub const CURRENCIES: [&str; 5] = ["EUR", "CHF", "CAD", "USD", "GBP"];

/// The most a price may be: ten million, in cents.
pub const MAX_CENTS: i64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub cents: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceError {
    Amount,
    Currency,
}

/// An amount as typed: digits with an optional `,` or `.` and at most two
/// decimals; spaces (thousands) are ignored. Empty is free (`None`).
pub fn parse_amount(typed: &str) -> Result<Option<i64>, PriceError> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let (units, decimals) = match compact.split_once([',', '.']) {
        Some((u, d)) => (u, d),
        None => (compact.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(units) || (!decimals.is_empty() && !digits(decimals)) || decimals.len() > 2 {
        return Err(PriceError::Amount);
    }
    let units: i64 = units.parse().map_err(|_| PriceError::Amount)?;
    let cents = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<i64>().map_err(|_| PriceError::Amount)? * 10,
        _ => decimals.parse::<i64>().map_err(|_| PriceError::Amount)?,
    };
    let total = units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .filter(|t| *t <= MAX_CENTS)
        .ok_or(PriceError::Amount)?;
    Ok(Some(total))
}

/// A price from the form's two fields; a currency must be one offered.
pub fn parse(amount: &str, currency: &str) -> Result<Option<Price>, PriceError> {
    let Some(cents) = parse_amount(amount)? else {
        return Ok(None);
    };
    let currency = currency.trim().to_ascii_uppercase();
    let currency = if currency.is_empty() {
        "EUR".to_string()
    } else {
        currency
    };
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(PriceError::Currency);
    }
    Ok(Some(Price { cents, currency }))
}

fn symbol(currency: &str) -> &str {
    match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "CAD" => "$ CA",
        other => other,
    }
}

impl Price {
    /// The amount as the admin form shows it back ("450,50" / "450.50",
    /// "450" when whole).
    pub fn amount_text(&self, lang: Lang) -> String {
        let (units, cents) = (self.cents / 100, self.cents % 100);
        let sep = if lang == Lang::Fr { ',' } else { '.' };
        if cents == 0 {
            units.to_string()
        } else {
            format!("{units}{sep}{cents:02}")
        }
    }

    /// "1 200,50 €" in French (narrow no-break spaces), "€1,200.50" in
    /// English; whole amounts without decimals.
    pub fn display(&self, lang: Lang) -> String {
        let (units, cents) = (self.cents / 100, self.cents % 100);
        let digits = units.to_string();
        let group = if lang == Lang::Fr { "\u{202f}" } else { "," };
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        let number = match (cents, lang) {
            (0, _) => grouped,
            (c, Lang::Fr) => format!("{grouped},{c:02}"),
            (c, _) => format!("{grouped}.{c:02}"),
        };
        let symbol = symbol(&self.currency);
        match lang {
            Lang::Fr => format!("{number}\u{a0}{symbol}"),
            _ if symbol.chars().count() == 1 => format!("{symbol}{number}"),
            _ => format!("{number} {symbol}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_typed_in_either_language() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount(" 450 "), Ok(Some(45_000)));
        assert_eq!(parse_amount("450,5"), Ok(Some(45_050)));
        assert_eq!(parse_amount("1 200.05"), Ok(Some(120_005)));
        assert_eq!(parse_amount("0"), Ok(Some(0)));
        for bad in ["abc", "1,234,5", "12.345", "-5", ",5", "1e3", "99999999999"] {
            assert_eq!(parse_amount(bad), Err(PriceError::Amount), "{bad}");
        }
        assert_eq!(parse("10", "xyz"), Err(PriceError::Currency));
        assert_eq!(parse("", "xyz"), Ok(None));
        assert_eq!(
            parse("10", ""),
            Ok(Some(Price {
                cents: 1000,
                currency: "EUR".into()
            }))
        );
    }

    #[test]
    fn prices_read_the_readers_way() {
        let p = Price {
            cents: 120_050,
            currency: "EUR".into(),
        };
        assert_eq!(p.display(Lang::Fr), "1\u{202f}200,50\u{a0}€");
        assert_eq!(p.display(Lang::En), "€1,200.50");
        assert_eq!(p.amount_text(Lang::Fr), "1200,50");
        let whole = Price {
            cents: 45_000,
            currency: "CHF".into(),
        };
        assert_eq!(whole.display(Lang::Fr), "450\u{a0}CHF");
        assert_eq!(whole.display(Lang::En), "450 CHF");
        assert_eq!(whole.amount_text(Lang::En), "450");
    }
}
