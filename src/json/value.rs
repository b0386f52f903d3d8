//! The crate's JSON value: [`Value`] and its object type [`Map`].
//!
//! It has the shape and method names of `serde_json::Value` with
//! `preserve_order` (members keep insertion order; `remove` is
//! `swap_remove`; equality ignores member order), so the platform code
//! reads the same, but a [`Map`] is a plain vector of members: no hasher is
//! seeded and no key is hashed while a document is read, copied or written.
//! Objects wider than [`INDEX_FROM`] members keep an index of member
//! positions (FNV-1a), so looking keys up in a loop over a wide object
//! stays linear.
//! That is where `serde_json`'s `IndexMap` spent most of a preview's time
//! (SipHash and table upkeep for every member of every object).

use serde_json::Number;
use std::fmt;

/// Objects with more members than this get a hash index of member
/// positions: below it a scan is cheaper than hashing the key.
pub const INDEX_FROM: usize = 16;

/// FNV-1a of `key`: the hash of every member index (here, the template
/// context's objects and the template lexer's memo table). Not keyed: the
/// indexes are per document and probing is bounded by the table's load.
#[inline(always)]
pub(crate) fn fnv(key: &[u8]) -> usize {
    key.iter().fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)) as usize
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number (`serde_json`'s: integers exact to 64 bits, else `f64`).
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object: unique keys in insertion order.
    Object(Map),
}

/// A JSON object: unique keys in insertion order. Lookups scan small
/// objects and probe an index in wide ones.
#[derive(Clone, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
    /// Open-addressing table of member positions (1-based, 0 = empty) for
    /// objects wider than [`INDEX_FROM`], at most half full: extended by
    /// `insert`, rebuilt when it fills and by removals (which move members
    /// and are O(n) anyway). `None` when narrower, or when no memory was
    /// left for it (lookups then scan).
    index: Option<Box<[u32]>>,
}

static NULL: Value = Value::Null;

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Map::default()
    }

    /// An empty object with room for `n` members.
    pub fn with_capacity(n: usize) -> Self {
        Map { entries: Vec::with_capacity(n), index: None }
    }

    /// An object of `entries`, whose keys must be unique.
    pub(crate) fn from_unique(entries: Vec<(String, Value)>) -> Self {
        let index = build_index(&entries);
        Map { entries, index }
    }

    /// [`Map::from_unique`] with the index the JSON reader already built
    /// for these keys (the same hash, probing and sizing as
    /// [`build_index`]), so it is not hashed twice.
    pub(crate) fn from_indexed(entries: Vec<(String, Value)>, index: Option<Box<[u32]>>) -> Self {
        match index {
            Some(table) if entries.len() > INDEX_FROM && entries.len() * 2 <= table.len() => Map { entries, index: Some(table) },
            _ => Map::from_unique(entries),
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No members?
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Position of member `key`.
    fn position(&self, key: &str) -> Option<usize> {
        let key = key.as_bytes();
        let Some(table) = &self.index else {
            return self.entries.iter().position(|(k, _)| k.as_bytes() == key);
        };
        let mask = table.len().wrapping_sub(1);
        let mut h = fnv(key);
        loop {
            match table.get(h & mask) {
                Some(&at) if at != 0 => match self.entries.get(at as usize - 1) {
                    Some((k, _)) if k.as_bytes() == key => return Some(at as usize - 1),
                    _ => h = (h & mask) + 1,
                },
                _ => return None,
            }
        }
    }

    /// Member `i` (in insertion order) as `(key, value)`.
    pub fn get_index(&self, i: usize) -> Option<(&String, &Value)> {
        self.entries.get(i).map(|(k, v)| (k, v))
    }

    /// The value of member `key`, looked for at position `*cursor` first,
    /// then as [`Map::get`] does; a member found moves the cursor past
    /// it. Walking another object's keys in order with one cursor costs
    /// one key comparison per member while both objects share their key
    /// order (as a stored profile and the result of an update mostly do).
    #[inline]
    pub fn get_in_order(&self, key: &str, cursor: &mut usize) -> Option<&Value> {
        let at = match self.entries.get(*cursor) {
            Some((k, _)) if k.as_str() == key => *cursor,
            _ => self.position(key)?,
        };
        *cursor = at + 1;
        self.entries.get(at).map(|(_, v)| v)
    }

    /// Position and value of member `key`.
    pub fn get_full(&self, key: &str) -> Option<(usize, &Value)> {
        let i = self.position(key)?;
        self.entries.get(i).map(|(_, v)| (i, v))
    }

    /// The value of member `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// The value of member `key`, mutable.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let i = self.position(key)?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    /// Is there a member `key`?
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Set member `key` to `value`: an existing member keeps its position
    /// (its old value is returned), a new one goes last.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        if let Some(slot) = self.get_mut(&key) {
            return Some(std::mem::replace(slot, value));
        }
        self.entries.push((key, value));
        let n = self.entries.len();
        match (&mut self.index, self.entries.last()) {
            (Some(table), Some((k, _))) if n * 2 <= table.len() => {
                let mask = table.len() - 1;
                let mut h = fnv(k.as_bytes());
                while let Some(slot) = table.get_mut(h & mask) {
                    if *slot == 0 {
                        *slot = n as u32;
                        break;
                    }
                    h = (h & mask) + 1;
                }
            }
            // Past half full, or just past INDEX_FROM: a new, larger table.
            _ if n > INDEX_FROM => self.index = build_index(&self.entries),
            _ => {}
        }
        None
    }

    /// Remove member `key`, moving the last member into its place (as
    /// `serde_json`'s `Map::remove` does with `preserve_order`).
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.swap_remove(key)
    }

    /// Remove member `key`, moving the last member into its place.
    pub fn swap_remove(&mut self, key: &str) -> Option<Value> {
        let i = self.position(key)?;
        let last = self.entries.len();
        self.unindex(key, i);
        let out = self.entries.swap_remove(i).1;
        // The last member moved to `i`.
        if let Some(slot) = self.index.as_deref_mut().and_then(|t| t.iter_mut().find(|s| **s as usize == last)) {
            *slot = i as u32 + 1;
        }
        self.shrink_index();
        Some(out)
    }

    /// Remove member `key`, keeping the order of the others.
    pub fn shift_remove(&mut self, key: &str) -> Option<Value> {
        let i = self.position(key)?;
        self.unindex(key, i);
        let out = self.entries.remove(i).1;
        // Every later member moved down one place.
        for slot in self.index.iter_mut().flat_map(|t| t.iter_mut()) {
            if *slot as usize > i + 1 {
                *slot -= 1;
            }
        }
        self.shrink_index();
        Some(out)
    }

    /// Take member `i` (whose key is `key`) out of the index, with the
    /// backward-shift deletion of linear probing: later members of the
    /// same probe run move up so every lookup still finds them. No other
    /// key is hashed more than once, and the table is not rebuilt (a
    /// removal loop over a wide object stays cheap).
    fn unindex(&mut self, key: &str, i: usize) {
        let Some(table) = self.index.as_deref_mut() else { return };
        let mask = table.len() - 1;
        let mut hole = fnv(key.as_bytes()) & mask;
        while table.get(hole).is_some_and(|&at| at as usize != i + 1) {
            hole = (hole + 1) & mask;
        }
        let mut next = (hole + 1) & mask;
        loop {
            let at = match table.get(next) {
                Some(&at) if at != 0 => at,
                _ => break,
            };
            let home = self.entries.get(at as usize - 1).map_or(next, |(k, _)| fnv(k.as_bytes()) & mask);
            // Move it into the hole unless its home lies cyclically in (hole, next].
            let stays = if hole <= next { hole < home && home <= next } else { hole < home || home <= next };
            if !stays {
                if let Some(h) = table.get_mut(hole) {
                    *h = at;
                }
                hole = next;
            }
            next = (next + 1) & mask;
        }
        if let Some(h) = table.get_mut(hole) {
            *h = 0;
        }
    }

    /// Drop the index once the object is narrow again.
    fn shrink_index(&mut self) {
        if self.entries.len() <= INDEX_FROM {
            self.index = None;
        }
    }

    /// Keep the members for which `keep` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Value) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
        self.index = build_index(&self.entries);
    }

    /// The members, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// The members, in order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut(self.entries.iter_mut())
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values, in order, mutable.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Value> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

/// The index of `entries` when there are more than [`INDEX_FROM`] of
/// them and the table can be allocated.
fn build_index(entries: &[(String, Value)]) -> Option<Box<[u32]>> {
    if entries.len() <= INDEX_FROM {
        return None;
    }
    let size = (entries.len() * 2).next_power_of_two();
    let mut table: Vec<u32> = Vec::new();
    table.try_reserve_exact(size).ok()?;
    table.resize(size, 0);
    let mask = size - 1;
    for (i, (k, _)) in entries.iter().enumerate() {
        let mut h = fnv(k.as_bytes());
        while let Some(slot) = table.get_mut(h & mask) {
            if *slot == 0 {
                *slot = i as u32 + 1;
                break;
            }
            h = (h & mask) + 1;
        }
    }
    Some(table.into_boxed_slice())
}

/// Equal members, in any order (as `serde_json` maps compare).
impl PartialEq for Map {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Iterator over a [`Map`]'s members.
pub struct Iter<'a>(std::slice::Iter<'a, (String, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Iterator over a [`Map`]'s members, values mutable.
pub struct IterMut<'a>(std::slice::IterMut<'a, (String, Value)>);

impl<'a> Iterator for IterMut<'a> {
    type Item = (&'a String, &'a mut Value);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (&*k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Map {
    type Item = (&'a String, &'a mut Value);
    type IntoIter = IterMut<'a>;
    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl Extend<(String, Value)> for Map {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut map = Map::new();
        map.extend(iter);
        map
    }
}

/// `map["key"]`: the member, or `null` when absent.
impl std::ops::Index<&str> for Map {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// What [`Value::get`] accepts: an object key or an array index.
pub trait ValueIndex {
    /// The element of `v` this names.
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value>;
    /// The element of `v` this names, mutable.
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value>;
}

impl ValueIndex for usize {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_array().and_then(|a| a.get(*self))
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_array_mut().and_then(|a| a.get_mut(*self))
    }
}

impl ValueIndex for str {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_object().and_then(|m| m.get(self))
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_object_mut().and_then(|m| m.get_mut(self))
    }
}

impl ValueIndex for String {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        self.as_str().index_into_mut(v)
    }
}

impl<T: ValueIndex + ?Sized> ValueIndex for &T {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        (**self).index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        (**self).index_into_mut(v)
    }
}

/// `value["key"]` / `value[0]`: the element, or `null` when absent.
impl<I: ValueIndex> std::ops::Index<I> for Value {
    type Output = Value;
    fn index(&self, i: I) -> &Value {
        i.index_into(self).unwrap_or(&NULL)
    }
}

impl Value {
    /// Member `key` of an object or element `i` of an array.
    pub fn get<I: ValueIndex>(&self, i: I) -> Option<&Value> {
        i.index_into(self)
    }

    /// [`Value::get`], mutable.
    pub fn get_mut<I: ValueIndex>(&mut self, i: I) -> Option<&mut Value> {
        i.index_into_mut(self)
    }

    /// The value, leaving `null` in its place.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as `u64`, if it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    /// The number as `i64`, if it is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// The number as `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The members, mutable, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutable, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// `null`?
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A boolean?
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    /// A number?
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// A non-negative integer that fits `u64`?
    pub fn is_u64(&self) -> bool {
        self.as_number().is_some_and(Number::is_u64)
    }

    /// An integer that fits `i64`?
    pub fn is_i64(&self) -> bool {
        self.as_number().is_some_and(Number::is_i64)
    }

    /// A float?
    pub fn is_f64(&self) -> bool {
        self.as_number().is_some_and(Number::is_f64)
    }

    /// A string?
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// An array?
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// An object?
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// A finite float; `NaN` and infinities are `null`, as JSON has no form for them.
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

macro_rules! from_integer {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(Number::from(n))
            }
        }
    )*};
}
from_integer!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

impl FromIterator<Value> for Value {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> Self {
        Value::Array(iter.into_iter().collect())
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// Compact JSON text, byte for byte what `serde_json::to_string` writes.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        super::write::write_value(&mut out, self);
        f.write_str(&out)
    }
}

/// From a `serde_json` value (Rust callers that build values with
/// `serde_json::json!`).
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(m) => Value::Object(Map::from_unique(m.into_iter().map(|(k, v)| (k, Value::from(v))).collect())),
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(t) => s.serialize_str(t),
            Value::Array(a) => s.collect_seq(a),
            Value::Object(m) => m.serialize(s),
        }
    }
}

impl serde::Serialize for Map {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(Value::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Inserts, both removals, retain and lookups on wide and narrow maps
    /// agree with a plain vector of members (the index is kept right).
    #[test]
    fn index_agrees_with_a_scan() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..200 {
            let (mut map, mut reference): (Map, Vec<(String, Value)>) = (Map::new(), Vec::new());
            let keys = 4 + rng.below(120);
            for step in 0..600u64 {
                let key = format!("k{}", rng.below(keys));
                match rng.below(10) {
                    0..=4 => {
                        let old = map.insert(key.clone(), Value::from(step));
                        let at = reference.iter().position(|(k, _)| *k == key);
                        assert_eq!(old, at.map(|i| reference[i].1.clone()));
                        match at {
                            Some(i) => reference[i].1 = Value::from(step),
                            None => reference.push((key.clone(), Value::from(step))),
                        }
                    }
                    5 | 6 => {
                        let at = reference.iter().position(|(k, _)| *k == key);
                        assert_eq!(map.shift_remove(&key), at.map(|i| reference.remove(i).1));
                    }
                    7 | 8 => {
                        let at = reference.iter().position(|(k, _)| *k == key);
                        assert_eq!(map.swap_remove(&key), at.map(|i| reference.swap_remove(i).1));
                    }
                    _ if round % 7 == 0 => {
                        let cut = rng.below(keys);
                        map.retain(|k, _| k.len() % 2 == 0 || cut > 3);
                        reference.retain(|(k, _)| k.len() % 2 == 0 || cut > 3);
                    }
                    _ => {}
                }
                assert_eq!(map.len(), reference.len());
                for (i, (k, v)) in map.iter().enumerate() {
                    assert_eq!((k, v), (&reference[i].0, &reference[i].1));
                }
                for k in 0..keys {
                    let key = format!("k{k}");
                    let want = reference.iter().find(|(rk, _)| *rk == key).map(|(_, v)| v);
                    assert_eq!(map.get(&key), want, "round {round} step {step} key {key}");
                }
            }
        }
    }

    /// The reader's index is taken over, and the result is a well-indexed map.
    #[test]
    fn parsed_wide_objects_are_indexed() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{{},\"k3\":\"dup\"}}", members.join(","));
        let mut v = crate::json::parse(text.as_bytes(), "t").unwrap();
        let m = v.as_object_mut().unwrap();
        assert_eq!(m.len(), 40);
        assert_eq!(m.get("k3"), Some(&Value::from("dup")));
        assert_eq!(m.keys().nth(3).map(String::as_str), Some("k3"));
        assert!(m.index.is_some());
        for i in 0..40 {
            assert_eq!(m.shift_remove(&format!("k{i}")).is_some(), true, "k{i}");
            assert!(m.get(&format!("k{}", i + 1)).is_some() || i == 39);
        }
        assert!(m.is_empty());
    }
}
