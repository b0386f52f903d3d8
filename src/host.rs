//! What the crate needs from its host: the current time and the IANA time
//! zone database.
//!
//! Natively these come from `std` and the `chrono-tz` database. In wasm
//! they come from JavaScript (`Date.now()` and `Intl.DateTimeFormat`), which
//! keeps the zone database out of the wasm binary; the JS side lives in
//! `wasm.rs`, the only file that touches `JsValue`.

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> f64 {
    imp::now_ms()
}

/// Whether `name` is an IANA time zone the host knows (e.g. `Europe/Paris`,
/// `America/Argentina/Buenos_Aires`, `UTC`).
pub fn is_iana_timezone(name: &str) -> bool {
    has_iana_shape(name) && imp::is_iana_timezone(name)
}

/// IANA names start with a letter and use only [A-Za-z0-9/_+-]. Checking
/// the shape before asking the host matters in browsers: recent Intl also
/// accepts offset zones like "+05:30", which are not IANA names (and Node's
/// does not).
fn has_iana_shape(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'+' | b'-'))
}

/// Offset of zone `tz` from UTC, in minutes, at the instant `epoch_ms`
/// (positive east of Greenwich). `None` when the zone is unknown.
pub fn utc_offset_minutes(tz: &str, epoch_ms: f64) -> Option<i32> {
    // Only the shape is checked here: the host lookup itself answers None
    // for an unknown zone, so asking is_iana_timezone first would look the
    // zone up twice.
    if !has_iana_shape(tz) {
        return None;
    }
    imp::utc_offset_minutes(tz, epoch_ms)
}

/// Unicode lower case of `s` (full case mapping, like JS `toLowerCase`).
/// ASCII takes a fast path; other text goes to the host in wasm, which
/// keeps Unicode case tables (~18 KB) out of the binary.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        imp::lowercase(s)
    }
}

/// Unicode upper case of `s` (full case mapping, like JS `toUpperCase`).
pub fn uppercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        imp::uppercase(s)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn lowercase(s: &str) -> String {
        s.to_lowercase()
    }

    pub fn uppercase(s: &str) -> String {
        s.to_uppercase()
    }

    use chrono::{DateTime, Offset, TimeZone};
    use chrono_tz::Tz;

    pub fn now_ms() -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0)
    }

    pub fn is_iana_timezone(name: &str) -> bool {
        name.parse::<Tz>().is_ok()
    }

    pub fn utc_offset_minutes(tz: &str, epoch_ms: f64) -> Option<i32> {
        let zone: Tz = tz.parse().ok()?;
        let instant = DateTime::from_timestamp_millis(epoch_ms as i64)?;
        let offset = zone.offset_from_utc_datetime(&instant.naive_utc()).fix();
        Some(offset.local_minus_utc() / 60)
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn lowercase(s: &str) -> String {
        crate::wasm::host_lowercase(s)
    }

    pub fn uppercase(s: &str) -> String {
        crate::wasm::host_uppercase(s)
    }

    pub fn now_ms() -> f64 {
        crate::wasm::host_now_ms()
    }

    pub fn is_iana_timezone(name: &str) -> bool {
        crate::wasm::host_is_timezone(name)
    }

    pub fn utc_offset_minutes(tz: &str, epoch_ms: f64) -> Option<i32> {
        crate::wasm::host_utc_offset_minutes(tz, epoch_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        assert!(is_iana_timezone("Europe/Paris"));
        assert!(is_iana_timezone("UTC"));
        assert!(!is_iana_timezone("Mars/Olympus"));
        assert!(!is_iana_timezone(""));
        assert!(!is_iana_timezone("+05:30"));
        assert!(is_iana_timezone("Etc/GMT+5"));
        assert!(is_iana_timezone("America/Argentina/Buenos_Aires"));
        // 2024-07-01T00:00:00Z: Paris is on summer time (+2h).
        assert_eq!(utc_offset_minutes("Europe/Paris", 1_719_792_000_000.0), Some(120));
        assert_eq!(utc_offset_minutes("Asia/Kolkata", 0.0), Some(330));
        assert_eq!(utc_offset_minutes("Nope/Nope", 0.0), None);
        assert_eq!(lowercase("ÉCOLE Ada"), "école ada");
        assert_eq!(uppercase("straße"), "STRASSE");
    }
}
