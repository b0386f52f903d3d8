//! Numbers as JavaScript prints and reads them, without pulling Rust's own
//! float formatting and parsing (about 25 KB of wasm) into the binary: the
//! shortest round-trip digits come from `serde_json`'s float writer, which
//! is linked in anyway, and parsing goes through `serde_json`'s reader.

use serde_json::Number;

/// Append `n` the way JavaScript's `String(n)` prints it (`1`, `1.5`,
/// `1e+21`, `1.5e-7`, `NaN`, `Infinity`).
pub fn write_f64(out: &mut String, f: f64) {
    if f.is_nan() {
        out.push_str("NaN");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f > 0.0 { "Infinity" } else { "-Infinity" });
        return;
    }
    if f == 0.0 {
        out.push('0');
        return;
    }
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        write_i64(out, f as i64);
        return;
    }
    // serde_json writes the shortest digits that round-trip, as
    // `[-]d[.ddd][e[-]x]`; re-lay them out per ECMAScript Number::toString.
    let text = serde_json::to_string(&f).unwrap_or_default();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    // Position of the decimal point relative to the digit string.
    let mut point = int_part.len() as i32 + exp;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    point -= leading as i32;
    let trimmed = digits.trim_end_matches('0').len();
    digits.truncate(trimmed.max(1));
    if negative {
        out.push('-');
    }
    let k = digits.len() as i32;
    let n = point;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (a, b) = digits.split_at(n as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let e = n - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        write_i64(out, i64::from(e.abs()));
    }
}

/// Append an integer in decimal.
pub fn write_i64(out: &mut String, i: i64) {
    if i < 0 {
        out.push('-');
    }
    write_u64(out, i.unsigned_abs());
}

/// Append an unsigned integer in decimal. A digit loop: `write!` goes
/// through `core::fmt`, several times slower for the small numbers
/// templates print (`@index`, quantities).
pub fn write_u64(out: &mut String, mut u: u64) {
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    loop {
        k -= 1;
        if let Some(d) = buf.get_mut(k) {
            *d = b'0' + (u % 10) as u8;
        }
        u /= 10;
        if u == 0 || k == 0 {
            break;
        }
    }
    // ASCII digits: valid UTF-8, copied in one go.
    super::write::append(out, std::str::from_utf8(buf.get(k..).unwrap_or(&[])).unwrap_or(""));
}

/// Append a JSON number the way JavaScript prints it.
pub fn write_number(out: &mut String, n: &Number) {
    if let Some(i) = n.as_i64() {
        write_i64(out, i);
    } else if let Some(u) = n.as_u64() {
        write_u64(out, u);
    } else if let Some(f) = n.as_f64() {
        write_f64(out, f);
    }
}

/// Read a decimal number like JavaScript's `Number(text)` does for the
/// usual forms: surrounding whitespace, a leading `+`, `.5`, `5.`, leading
/// zeros and exponents are accepted; `Infinity`, hex and empty text are not
/// (`None`).
pub fn parse_f64(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, t) = match t.as_bytes().first() {
        Some(b'-') => ("-", t.get(1..)?),
        Some(b'+') => ("", t.get(1..)?),
        _ => ("", t),
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (t.get(..i)?, t.get(i..)?),
        None => (t, ""),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int_part) || !frac_part.is_none_or(digits) || (int_part.is_empty() && frac_part.is_none_or(str::is_empty)) {
        return None;
    }
    let int_part = int_part.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    json.push_str(sign);
    json.push_str(if int_part.is_empty() { "0" } else { int_part });
    if let Some(frac) = frac_part.filter(|f| !f.is_empty()) {
        json.push('.');
        json.push_str(frac);
    }
    json.push_str(exponent);
    // `Number::from_str` is serde_json's bare number reader: no Value or
    // typed-f64 deserializer (whose error paths format floats with core::fmt).
    json.parse::<Number>().ok()?.as_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(f: f64) -> String {
        let mut s = String::new();
        write_f64(&mut s, f);
        s
    }

    #[test]
    fn prints_like_javascript() {
        let cases = [
            (1.0, "1"), (-2.0, "-2"), (1.5, "1.5"), (0.1, "0.1"), (0.000001, "0.000001"),
            (1.5e-7, "1.5e-7"), (1e21, "1e+21"), (123456789012345680000.0, "123456789012345680000"),
            (1.2345e22, "1.2345e+22"), (-0.00012, "-0.00012"), (3.14159, "3.14159"), (1e16, "10000000000000000"),
            (0.1 + 0.2, "0.30000000000000004"), (f64::NAN, "NaN"), (f64::INFINITY, "Infinity"), (-0.0, "0"),
            (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (f, want) in cases {
            assert_eq!(js(f), want, "{f:e}");
        }
    }

    #[test]
    fn reads_like_javascript() {
        let cases = [("1", Some(1.0)), (" 2.5 ", Some(2.5)), ("+3", Some(3.0)), ("-.5", Some(-0.5)), ("5.", Some(5.0)),
            ("007", Some(7.0)), ("1e3", Some(1000.0)), ("1.5E-2", Some(0.015)), ("", None), ("abc", None),
            ("1,5", None), (".", None), ("Infinity", None), ("0x10", None), ("1e", None), ("--1", None)];
        for (text, want) in cases {
            assert_eq!(parse_f64(text), want, "{text:?}");
        }
    }
}
