//! Minimal ISO 8601 / RFC 3339 handling: parse to epoch milliseconds, format
//! back, and split an instant into calendar fields. Enough for `now`
//! timestamps and the `datetime-format` template helper, without a date crate
//! in the wasm.

/// Calendar fields of an instant (proleptic Gregorian, already shifted to the
/// wanted offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// Full year, e.g. 2026.
    pub year: i64,
    /// Month 1..=12.
    pub month: u32,
    /// Day of month 1..=31.
    pub day: u32,
    /// Hour 0..=23.
    pub hour: u32,
    /// Minute 0..=59.
    pub minute: u32,
    /// Second 0..=59.
    pub second: u32,
    /// Millisecond 0..=999.
    pub millis: u32,
    /// Day of week, 0 = Sunday .. 6 = Saturday.
    pub weekday: u32,
}

const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date of a count of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Split epoch milliseconds (already shifted by any offset) into fields.
pub fn civil_from_ms(ms: i64) -> Civil {
    let days = ms.div_euclid(MS_PER_DAY);
    let rem = ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: (rem / 3_600_000) as u32,
        minute: (rem / 60_000 % 60) as u32,
        second: (rem / 1000 % 60) as u32,
        millis: (rem % 1000) as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parse the ECMAScript date-time string format (what `new Date(s)` accepts
/// as ISO 8601): `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a six-digit signed year
/// `±YYYYYY-MM-DD`, optionally followed by `THH:MM[:SS[.f…]]` (`T`, `t` or a
/// space; any number of fraction digits, truncated to milliseconds like V8;
/// `24:00:00` is the next midnight) and `Z` or `±HH:MM` / `±HHMM` / `±HH`
/// (none = UTC). Returns epoch milliseconds, or `None` if the text is not
/// such a date.
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        if s.is_empty() || s.len() > 6 || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    // Year: four digits, or a sign and six digits (`-000000` is not a year).
    let (year, mut rest) = match b {
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let y = num(tail.get(0..6)?)? as i64;
            if *sign == b'-' && y == 0 {
                return None;
            }
            (if *sign == b'-' { -y } else { y }, tail.get(6..)?)
        }
        _ => (num(b.get(0..4)?)? as i64, b.get(4..)?),
    };
    let mut month = 1;
    let mut day = 1;
    if let [b'-', m1, m2, tail @ ..] = rest {
        month = num(&[*m1, *m2])?;
        rest = tail;
        if let [b'-', d1, d2, tail @ ..] = rest {
            day = num(&[*d1, *d2])?;
            rest = tail;
        }
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * MS_PER_DAY;
    if rest.is_empty() {
        return Some(ms);
    }
    let (hour, minute) = match rest {
        [b'T' | b't' | b' ', h1, h2, b':', m1, m2, tail @ ..] => {
            rest = tail;
            (num(&[*h1, *h2])?, num(&[*m1, *m2])?)
        }
        _ => return None,
    };
    let mut second = 0;
    let mut millis = 0;
    if let [b':', s1, s2, tail @ ..] = rest {
        second = num(&[*s1, *s2])?;
        rest = tail;
        if let [b'.' | b',', frac @ ..] = rest {
            // Only the digits belong to the fraction; the first three are
            // the milliseconds, padded on the right (`.5` is 500 ms).
            let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            millis = (0..3).fold(0, |m, i| m * 10 + frac.get(i).filter(|_| i < digits).map_or(0, |d| u32::from(d - b'0')));
            rest = frac.get(digits..)?;
        }
    }
    let midnight_24 = hour == 24 && minute == 0 && second == 0 && millis == 0;
    if (hour > 23 && !midnight_24) || minute > 59 || second > 60 {
        return None;
    }
    ms += (hour as i64 * 3600 + minute as i64 * 60 + second.min(59) as i64) * 1000 + millis as i64;
    match rest {
        [] | [b'Z'] | [b'z'] => Some(ms),
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let (h, m) = match tail {
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => {
                    (num(&[*h1, *h2])?, num(&[*m1, *m2])?)
                }
                [h1, h2] => (num(&[*h1, *h2])?, 0),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let off = (h as i64 * 60 + m as i64) * 60_000;
            Some(if *sign == b'+' { ms - off } else { ms + off })
        }
        _ => None,
    }
}

/// Format epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.sssZ` (what
/// `Date.prototype.toISOString` prints).
pub fn format_iso8601(ms: i64) -> String {
    let c = civil_from_ms(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// The current instant as ISO 8601 (from the host clock).
pub fn now_iso8601() -> String {
    format_iso8601(crate::host::now_ms() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let ms = parse_iso8601("2026-11-22T18:48:04.123Z").unwrap();
        assert_eq!(format_iso8601(ms), "2026-11-22T18:48:04.123Z");
        assert_eq!(parse_iso8601("1970-01-01"), Some(0));
        assert_eq!(parse_iso8601("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_iso8601("1970-01-01T00:00:00-0130"), Some(5_400_000));
        assert_eq!(parse_iso8601("2024-02-30"), None);
        assert_eq!(parse_iso8601("2024-02-29"), Some(days_from_civil(2024, 2, 29) * MS_PER_DAY));
        assert_eq!(parse_iso8601("yesterday"), None);
        assert_eq!(parse_iso8601("2024-01-01T25:00"), None);
        assert_eq!(civil_from_ms(0).weekday, 4); // Thursday
        assert_eq!(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
    }

    /// Each row: input, what V8's `new Date(s).toISOString()` prints
    /// (checked with Node 20, TZ=UTC), or None where V8's ISO parser rejects it.
    #[test]
    fn matches_v8_iso_parser() {
        let rows: &[(&str, Option<&str>)] = &[
            ("2026-01-01T00:00:00.5Z", Some("2026-01-01T00:00:00.500Z")),
            ("2026-01-01T00:00:00.56+01:00", Some("2025-12-31T23:00:00.560Z")),
            ("2026-01-01T10:00:00.5-01:30", Some("2026-01-01T11:30:00.500Z")),
            ("2026-01-01T10:00:00.12z", Some("2026-01-01T10:00:00.120Z")),
            ("2026-01-01T00:00:00.5", Some("2026-01-01T00:00:00.500Z")),
            ("2026-01-01T00:00:00.1234567Z", Some("2026-01-01T00:00:00.123Z")),
            ("2026-01-01T00:00:00.Z", None),
            ("2026", Some("2026-01-01T00:00:00.000Z")),
            ("2026-01", Some("2026-01-01T00:00:00.000Z")),
            ("2026T10:00Z", Some("2026-01-01T10:00:00.000Z")),
            ("2026-01T10:00Z", Some("2026-01-01T10:00:00.000Z")),
            ("+002026-01-01T00:00:00Z", Some("2026-01-01T00:00:00.000Z")),
            ("0000-01-01", Some("0000-01-01T00:00:00.000Z")),
            ("2026-01-01T24:00", Some("2026-01-02T00:00:00.000Z")),
            ("2026-01-01T24:00:00.001Z", None),
            ("2026-01-01T24:01Z", None),
            ("2026-13", None),
            ("2026-00", None),
            ("-000000-01-01", None),
            ("2026-01-01T1:00Z", None),
        ];
        for (text, want) in rows {
            assert_eq!(parse_iso8601(text).map(format_iso8601).as_deref(), *want, "{text}");
        }
    }
}
