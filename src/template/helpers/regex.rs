//! Courier's `{{#replace-all "search" "value"}}…{{/replace-all}}`: its
//! renderer builds `new RegExp(search, "g")` and calls
//! `body.replace(re, value)`. This is the part of JavaScript's regular
//! expressions a template can use without pulling a regex engine into the
//! wasm: literal characters and escapes, `.`, `\d \w \s` (and negations),
//! bracket classes, the quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy)
//! and the anchors `^` (start) and `$` (end). Groups, alternation,
//! lookaround, word boundaries and backreferences are refused with an
//! error naming the construct, never matched differently. Replacement
//! patterns are JavaScript's: `$$ $& $\` $'`; `$1` stays as written (no
//! groups).

use super::{s, text, Args};
use crate::json::Value;

/// Matching work allowed per call before giving up (backtracking can be
/// exponential in the pattern; a preview must not hang).
const MAX_STEPS: u64 = 2_000_000;
/// Longest pattern accepted (items).
const MAX_ITEMS: usize = 1000;

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    /// `.`: anything but a line terminator.
    Any,
    /// `[...]`, `\d`, `\w`, `\s` ...: inclusive ranges, negated or not.
    Class(Vec<(char, char)>, bool),
}

#[derive(Debug, Clone)]
struct Item {
    atom: Atom,
    min: u32,
    max: u32,
    lazy: bool,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Re {
    start: bool,
    end: bool,
    items: Vec<Item>,
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
/// JavaScript's `\s`: WhiteSpace and LineTerminator.
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{feff}', '\u{feff}'),
];

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Char(x) => *x == c,
            Atom::Any => !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'),
            Atom::Class(ranges, neg) => ranges.iter().any(|&(a, b)| a <= c && c <= b) != *neg,
        }
    }
}

/// Compile `pat` as JavaScript would (`new RegExp(pat)`), within the
/// supported subset.
pub fn compile(pat: &str) -> Result<Re, String> {
    let bad = |why: &str| format!("replace-all: invalid regular expression /{pat}/: {why}");
    let unsupported = |what: &str| format!("replace-all: {what} in /{pat}/ are not supported in previews");
    let cs: Vec<char> = pat.chars().collect();
    let mut i = 0;
    let mut re = Re { start: false, end: false, items: Vec::new() };
    while i < cs.len() {
        let c = cs.get(i).copied().unwrap_or('\0');
        i += 1;
        let atom = match c {
            '^' if i == 1 => {
                re.start = true;
                continue;
            }
            '$' if i == cs.len() => {
                re.end = true;
                continue;
            }
            '^' | '$' => return Err(unsupported("anchors other than a leading ^ and a trailing $")),
            '(' | ')' | '|' => return Err(unsupported("groups and alternation")),
            '*' | '+' | '?' => return Err(bad("nothing to repeat")),
            '{' if quantifier(&cs, i - 1).is_some() => return Err(bad("nothing to repeat")),
            '.' => Atom::Any,
            '[' => {
                let (atom, next) = class(&cs, i).ok_or_else(|| bad("unterminated character class"))?;
                i = next;
                atom
            }
            '\\' => {
                let (atom, next) = escape(&cs, i, false).map_err(|w| if w.is_empty() { bad("\\ at end of pattern") } else { unsupported(w) })?;
                i = next;
                atom
            }
            c => Atom::Char(c),
        };
        // A second quantifier (`a**`) is caught as "nothing to repeat" by
        // the next turn of the loop.
        let (mut min, mut max, mut lazy) = (1, 1, false);
        if let Some((lo, hi, next)) = quantifier(&cs, i) {
            if lo > hi {
                return Err(bad("numbers out of order in {} quantifier"));
            }
            (min, max) = (lo, hi);
            i = next;
            lazy = cs.get(i) == Some(&'?');
            if lazy {
                i += 1;
            }
        }
        if re.items.len() >= MAX_ITEMS {
            return Err(format!("replace-all: pattern longer than {MAX_ITEMS} items"));
        }
        re.items.push(Item { atom, min, max, lazy });
    }
    Ok(re)
}

/// A quantifier at `i`: `(min, max, next index)`.
fn quantifier(cs: &[char], i: usize) -> Option<(u32, u32, usize)> {
    match cs.get(i)? {
        '*' => Some((0, u32::MAX, i + 1)),
        '+' => Some((1, u32::MAX, i + 1)),
        '?' => Some((0, 1, i + 1)),
        '{' => {
            // `{n}`, `{n,}`, `{n,m}`; anything else is a literal `{` (Annex B).
            let num = |mut k: usize| {
                let start = k;
                let mut n: u32 = 0;
                while let Some(d) = cs.get(k).and_then(|c| c.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d);
                    k += 1;
                }
                (k > start).then_some((n, k))
            };
            let (lo, k) = num(i + 1)?;
            match cs.get(k)? {
                '}' => Some((lo, lo, k + 1)),
                ',' if cs.get(k + 1) == Some(&'}') => Some((lo, u32::MAX, k + 2)),
                ',' => {
                    let (hi, k2) = num(k + 1)?;
                    (cs.get(k2) == Some(&'}')).then_some((lo, hi, k2 + 1))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The escape after a `\` at `i` (`in_class`: inside `[...]`, where `\b`
/// is a backspace). `Err("")`: the pattern ends with `\`.
fn escape(cs: &[char], i: usize, in_class: bool) -> Result<(Atom, usize), &'static str> {
    let c = *cs.get(i).ok_or("")?;
    let hex = |from: usize, n: usize| -> Option<char> {
        let digits: String = cs.get(from..from + n)?.iter().collect();
        u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32)
    };
    let class = |r: &[(char, char)], neg: bool| Atom::Class(r.to_vec(), neg);
    Ok(match c {
        'd' => (class(DIGIT, false), i + 1),
        'D' => (class(DIGIT, true), i + 1),
        'w' => (class(WORD, false), i + 1),
        'W' => (class(WORD, true), i + 1),
        's' => (class(SPACE, false), i + 1),
        'S' => (class(SPACE, true), i + 1),
        'n' => (Atom::Char('\n'), i + 1),
        'r' => (Atom::Char('\r'), i + 1),
        't' => (Atom::Char('\t'), i + 1),
        'f' => (Atom::Char('\u{c}'), i + 1),
        'v' => (Atom::Char('\u{b}'), i + 1),
        'b' if in_class => (Atom::Char('\u{8}'), i + 1),
        '0' if !cs.get(i + 1).is_some_and(char::is_ascii_digit) => (Atom::Char('\0'), i + 1),
        'x' => match hex(i + 1, 2) {
            Some(h) => (Atom::Char(h), i + 3),
            None => (Atom::Char('x'), i + 1),
        },
        'u' => match hex(i + 1, 4) {
            Some(h) => (Atom::Char(h), i + 5),
            None => (Atom::Char('u'), i + 1),
        },
        'b' | 'B' => return Err("word boundaries (\\b, \\B)"),
        '1'..='9' | '0' => return Err("backreferences and octal escapes"),
        'c' | 'k' | 'p' | 'P' => return Err("\\c, \\k and \\p escapes"),
        other => (Atom::Char(other), i + 1),
    })
}

/// A bracket class whose body starts at `i`: `(atom, index after ])`.
fn class(cs: &[char], mut i: usize) -> Option<(Atom, usize)> {
    let neg = cs.get(i) == Some(&'^');
    if neg {
        i += 1;
    }
    let mut ranges = Vec::new();
    // One class member: a char (`Ok`), or a shorthand class (`\d` ...).
    let member = |i: usize| -> Option<(Member, usize)> {
        match *cs.get(i)? {
            '\\' => match escape(cs, i + 1, true).ok()? {
                (Atom::Char(c), n) => Some((Ok(c), n)),
                (Atom::Class(r, false), n) => Some((Err(r), n)),
                // A negated shorthand inside a class: its complement.
                (Atom::Class(r, true), n) => Some((Err(complement(&r)), n)),
                (Atom::Any, n) => Some((Ok('.'), n)),
            },
            c => Some((Ok(c), i + 1)),
        }
    };
    loop {
        if *cs.get(i)? == ']' {
            return Some((Atom::Class(ranges, neg), i + 1));
        }
        let (first, next) = member(i)?;
        i = next;
        match first {
            Err(r) => ranges.extend(r),
            Ok(lo) => {
                if cs.get(i) == Some(&'-') && cs.get(i + 1).is_some_and(|c| *c != ']') {
                    let (hi, next) = member(i + 1)?;
                    match hi {
                        Ok(hi) if hi >= lo => {
                            ranges.push((lo, hi));
                            i = next;
                        }
                        // `[z-a]` is a SyntaxError in JavaScript.
                        Ok(_) => return None,
                        // `[a-\d]`: Annex B reads a literal `-`.
                        Err(r) => {
                            ranges.push((lo, lo));
                            ranges.push(('-', '-'));
                            ranges.extend(r);
                            i = next;
                        }
                    }
                } else {
                    ranges.push((lo, lo));
                }
            }
        }
    }
}

/// A bracket-class member: a character, or the ranges of `\d`, `\w` ...
type Member = Result<char, Vec<(char, char)>>;

/// The complement of `r`, whose ranges are sorted and disjoint (the
/// shorthand classes are written that way).
fn complement(r: &[(char, char)]) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(a, b) in r {
        if (a as u32) > next {
            if let (Some(x), Some(y)) = (char::from_u32(next), prev_char(a)) {
                out.push((x, y));
            }
        }
        next = next.max(b as u32 + 1);
    }
    if let Some(x) = char::from_u32(next) {
        out.push((x, char::MAX));
    }
    out
}

fn prev_char(c: char) -> Option<char> {
    match c as u32 {
        0 => None,
        0xE000 => Some('\u{D7FF}'),
        n => char::from_u32(n - 1),
    }
}

impl Re {
    /// The end of a match of `items[k..]` starting at `pos`.
    fn run(&self, k: usize, t: &[char], pos: usize, steps: &mut u64) -> Result<Option<usize>, String> {
        *steps += 1;
        if *steps > MAX_STEPS {
            return Err("replace-all: the pattern needs too much backtracking for a preview".into());
        }
        let Some(it) = self.items.get(k) else {
            return Ok((!self.end || pos == t.len()).then_some(pos));
        };
        // How far the atom repeats from `pos` (at most `max`).
        let mut n = 0usize;
        while (n as u64) < it.max as u64 && t.get(pos + n).is_some_and(|&c| it.atom.matches(c)) {
            n += 1;
        }
        *steps += n as u64;
        let min = it.min as usize;
        if n < min {
            return Ok(None);
        }
        if it.lazy {
            for c in min..=n {
                if let Some(e) = self.run(k + 1, t, pos + c, steps)? {
                    return Ok(Some(e));
                }
            }
        } else {
            for c in (min..=n).rev() {
                if let Some(e) = self.run(k + 1, t, pos + c, steps)? {
                    return Ok(Some(e));
                }
            }
        }
        Ok(None)
    }

    /// `t.replace(re_global, rep)`.
    pub fn replace_all(&self, t: &str, rep: &str) -> Result<String, String> {
        let cs: Vec<char> = t.chars().collect();
        // Byte offset of each char index (and of the end).
        let mut at: Vec<usize> = t.char_indices().map(|(b, _)| b).collect();
        at.push(t.len());
        let slice = |a: usize, b: usize| t.get(at.get(a).copied().unwrap_or(0)..at.get(b).copied().unwrap_or(t.len())).unwrap_or("");
        let mut out = String::with_capacity(t.len());
        let mut steps = 0u64;
        let (mut last, mut from) = (0usize, 0usize);
        while from <= cs.len() {
            let mut found = None;
            let starts = if self.start { 0..=0 } else { from..=cs.len() };
            for st in starts {
                if st < from {
                    continue;
                }
                if let Some(e) = self.run(0, &cs, st, &mut steps)? {
                    found = Some((st, e));
                    break;
                }
            }
            let Some((st, e)) = found else { break };
            out.push_str(slice(last, st));
            expand(&mut out, rep, slice(st, e), slice(0, st), slice(e, cs.len()));
            last = e;
            // An empty match moves on one character (AdvanceStringIndex).
            from = if e == st { e + 1 } else { e };
            if self.start {
                break;
            }
        }
        out.push_str(slice(last, cs.len()));
        Ok(out)
    }
}

/// JavaScript's GetSubstitution without captures.
fn expand(out: &mut String, rep: &str, matched: &str, before: &str, after: &str) {
    let mut it = rep.chars().peekable();
    while let Some(c) = it.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match it.peek() {
            Some('$') => out.push('$'),
            Some('&') => out.push_str(matched),
            Some('`') => out.push_str(before),
            Some('\'') => out.push_str(after),
            _ => {
                out.push('$');
                continue;
            }
        }
        it.next();
    }
}

/// `{{#replace-all "search" "value"}}body{{/replace-all}}`: every match of
/// `new RegExp(search, "g")` in the rendered body replaced by `value`.
pub fn replace_all(a: &Args<'_>) -> Result<Value, String> {
    let body = s(a.get(0));
    let search = a.get(1);
    if !super::truthy(Some(search), false) {
        return Err("#replace-all must have a search value".into());
    }
    let value = a.get(2);
    if value.is_null() {
        return Err("#replace-all must have a replace value".into());
    }
    let re = compile(&s(search))?;
    text(re.replace_all(&body, &s(value))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(p: &str, t: &str, v: &str) -> String {
        match compile(p).and_then(|re| re.replace_all(t, v)) {
            Ok(s) => s,
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn javascript_replace_semantics() {
        assert_eq!(r("hello", "hello, hello!", "goodbye"), "goodbye, goodbye!");
        assert_eq!(r("\\n", "a\nb\n", "<br>"), "a<br>b<br>");
        assert_eq!(r("\\s+", "a  b\t\nc", " "), "a b c");
        assert_eq!(r("a*", "bab", "-"), "-b--b-");
        assert_eq!(r("", "ab", "-"), "-a-b-");
        assert_eq!(r("^a", "aaa", "b"), "baa");
        assert_eq!(r("a$", "aaa", "b"), "aab");
        assert_eq!(r("[0-9]{3}", "12345678", "#"), "##78");
        assert_eq!(r("[^a-c]", "abcd", "."), "abc.");
        assert_eq!(r("o", "foo", "[$&$$]"), "f[o$][o$]");
        assert_eq!(r("b", "abc", "$`|$'|$1"), "aa|c|$1c");
        assert_eq!(r("a.?c", "abc ac a\nc", "X"), "X X a\nc");
        assert_eq!(r("a+?", "aaa", "X"), "XXX");
        assert_eq!(r("a{2}?", "aaa", "X"), "Xa");
        assert_eq!(r("{name}", "hi {name}", "Ada"), "hi Ada");
        assert_eq!(r("\\.", "a.b", "!"), "a!b");
        assert_eq!(r("[\\d.]+", "v1.2 x", "N"), "vN x");
        assert!(r("(a)", "a", "b").starts_with("ERR"));
        assert!(r("a|b", "a", "b").starts_with("ERR"));
        assert!(r("*a", "a", "b").starts_with("ERR"));
        assert!(r("[z-a]", "a", "b").starts_with("ERR"));
        assert!(r("\\bx", "x", "b").starts_with("ERR"));
        assert!(r("(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "b").starts_with("ERR"));
        assert!(r("a*a*a*a*a*a*a*a*b", &"a".repeat(60), "x").starts_with("ERR"));
    }

    /// Random patterns over a small alphabet of regex syntax never panic,
    /// and what compiles replaces without panicking either.
    #[test]
    fn random_patterns_do_not_panic() {
        const ALPHABET: &[char] = &['a', 'b', '.', '*', '+', '?', '{', '}', ',', '1', '2', '[', ']', '^', '$', '-', '\\', 'd', 'w', 's', 'u', 'x', '0', '(', '|', 'é', '😀'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = next(9);
            let pat: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            let text: String = (0..next(12)).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            if let Ok(re) = compile(&pat) {
                let _ = re.replace_all(&text, "<$&>");
            }
        }
    }
}
