//! Math helpers. Arguments are numbers or numeric strings; anything else,
//! a non-finite result and division by zero are errors.

use super::{num, num_out, Args};
use crate::json::Value;

/// `add a b ...`: the sum.
pub fn add(a: &Args<'_>) -> Result<Value, String> {
    num_out(a.vals.iter().try_fold(0.0, |acc, v| Ok::<f64, String>(acc + num(v, a.name)?))?)
}

/// `multiply a b ...` (Courier also `product`).
pub fn multiply(a: &Args<'_>) -> Result<Value, String> {
    num_out(a.vals.iter().try_fold(1.0, |acc, v| Ok::<f64, String>(acc * num(v, a.name)?))?)
}

/// `subtract a b` (Courier also `sub`).
pub fn subtract(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)? - num(a.get(1), a.name)?)
}

fn divisor(a: &Args<'_>) -> Result<(f64, f64), String> {
    let (x, y) = (num(a.get(0), a.name)?, num(a.get(1), a.name)?);
    if y == 0.0 {
        return Err(format!("{}: division by zero", a.name));
    }
    Ok((x, y))
}

/// `divide a b`.
pub fn divide(a: &Args<'_>) -> Result<Value, String> {
    let (x, y) = divisor(a)?;
    num_out(x / y)
}

/// `mod a b`: the remainder, with the sign of the dividend.
pub fn modulo(a: &Args<'_>) -> Result<Value, String> {
    let (x, y) = divisor(a)?;
    num_out(x % y)
}

/// `round x [digits]`: half up, like `Math.round`.
pub fn round(a: &Args<'_>) -> Result<Value, String> {
    let x = num(a.get(0), a.name)?;
    let d = match a.get(1) {
        Value::Null => 0,
        v => num(v, a.name)?.clamp(0.0, 15.0) as i32,
    };
    let p = 10f64.powi(d);
    num_out((x * p + 0.5).floor() / p)
}

/// Courier's `round x`: half away from zero, as its page shows
/// (`{{round -1.5}}` is `-2`, where JavaScript's `Math.round` gives `-1`).
pub fn round_half_away(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)?.round())
}

/// `floor x`.
pub fn floor(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)?.floor())
}

/// `ceil x`.
pub fn ceil(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)?.ceil())
}

/// `abs x`.
pub fn abs(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)?.abs())
}

/// Courier's `inc x`: `x + 1`.
pub fn inc(a: &Args<'_>) -> Result<Value, String> {
    num_out(num(a.get(0), a.name)? + 1.0)
}
