//! `parse_request`: the method, URL and body of a request pasted as the
//! platforms' docs show it — a `curl` command or a JavaScript `fetch()`
//! call — ready for [`super::http::preview_http`].
//!
//! * curl: words are split by `shlex` (POSIX quoting, `\` line
//!   continuations); `-X/--request`, `--url` or the first bare word, and
//!   the body of `-d/--data/--data-raw/--data-binary/--data-ascii/--json`
//!   (several are joined with `&`, as curl does). Headers and other options
//!   are read past; `@file` bodies are refused.
//! * fetch: `fetch(url, options)` where each argument is a literal or a
//!   `const/let/var` defined earlier in the text; `method` and `body` (a
//!   string, or `JSON.stringify(literal)`) are read from the options.
//!   Literals are JSON plus what JS adds to it in the docs' samples:
//!   unquoted keys, single quotes, template strings without `${}`, trailing
//!   commas, comments. Anything computed (variables inside literals,
//!   function calls other than `JSON.stringify`) is an error.

use crate::error::{ProfileError, Result};
use crate::json::{Map, Value};
use std::cell::Cell;

/// A parsed request: `body` is the text that would be sent, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRequest {
    /// Upper-case HTTP method.
    pub method: String,
    /// The URL as written.
    pub url: String,
    /// The body text as sent (`None` without a body).
    pub body: Option<String>,
}

impl ParsedRequest {
    /// `{method, url, body}` (`body: null` without one).
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("method".into(), Value::String(self.method.clone()));
        out.insert("url".into(), Value::String(self.url.clone()));
        out.insert(
            "body".into(),
            self.body.clone().map_or(Value::Null, Value::String),
        );
        Value::Object(out)
    }
}

/// Deepest literal nesting accepted in a fetch() call.
const MAX_DEPTH: usize = 128;

fn fail(message: impl Into<String>) -> ProfileError {
    ProfileError::invalid("invalid_request_text", message).with_path("/text")
}

/// Parse a curl command or a fetch() call into `{method, url, body}`.
pub fn parse_request(text: &str) -> Result<ParsedRequest> {
    let trimmed = text.trim_start();
    let first_word = trimmed.split_whitespace().next().unwrap_or_default();
    if first_word == "curl" || first_word.ends_with("/curl") {
        parse_curl(text)
    } else if let Some(at) = find_call(text, "fetch") {
        parse_fetch(text, at)
    } else {
        Err(fail("expected a curl command (curl --request PUT --url https://...) or a fetch(\"https://...\", {...}) call"))
    }
}

/// Options whose value is the next word (or attached: `-XPUT`).
const CURL_WITH_VALUE: &[&str] = &[
    "-X",
    "--request",
    "--url",
    "-H",
    "--header",
    "-d",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--data-urlencode",
    "--json",
    "-u",
    "--user",
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
    "-E",
    "--cert",
    "--key",
    "--cacert",
    "--retry",
    "-K",
    "--config",
    "--resolve",
    "--limit-rate",
    "-r",
    "--range",
    "--oauth2-bearer",
    "-F",
    "--form",
    "-T",
    "--upload-file",
    "--variable",
];

fn parse_curl(text: &str) -> Result<ParsedRequest> {
    let text = join_continuations(&text.replace("\r\n", "\n"));
    let words = shlex::split(&text).ok_or_else(|| {
        fail("the curl command has an unterminated quote or a trailing backslash")
    })?;
    let mut words = words.into_iter().skip(1);
    let (mut method, mut url, mut data): (Option<String>, Option<String>, Vec<String>) =
        (None, None, Vec::new());
    let mut json = false;
    while let Some(word) = words.next() {
        let (flag, attached) = split_flag(&word);
        if !CURL_WITH_VALUE.contains(&flag) {
            match word.as_str() {
                "-G" | "--get" => method = Some("GET".into()),
                "-I" | "--head" => method = Some("HEAD".into()),
                w if w.starts_with('-') && w.len() > 1 => {}
                _ if url.is_none() => url = Some(word),
                _ => {
                    return Err(fail(format!(
                        "more than one URL in the curl command (\"{word}\")"
                    )))
                }
            }
            continue;
        }
        let value = match attached {
            Some(v) => v.to_string(),
            None => words
                .next()
                .ok_or_else(|| fail(format!("curl option {flag} needs a value")))?,
        };
        match flag {
            "-X" | "--request" => method = Some(value.to_ascii_uppercase()),
            "--url" => url = Some(value),
            "-d" | "--data" | "--data-binary" | "--data-ascii" | "--json"
                if value.starts_with('@') =>
            {
                return Err(fail(format!(
                    "curl {flag} {value} reads the body from a file; paste the body itself"
                )))
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii"
            | "--data-urlencode" | "--json" => {
                json |= flag == "--json";
                // curl -d drops CR/LF from the data; --data-binary and --data-raw keep them.
                let keep = matches!(flag, "--data-binary" | "--data-raw" | "--json");
                data.push(if keep {
                    value
                } else {
                    value.replace(['\r', '\n'], "")
                });
            }
            "-F" | "--form" | "-T" | "--upload-file" => {
                return Err(fail(format!(
                    "curl {flag} sends a form or file, not a JSON body"
                )));
            }
            _ => {}
        }
    }
    let url = url.ok_or_else(|| fail("the curl command has no URL"))?;
    let body = (!data.is_empty()).then(|| data.join("&"));
    let method = method.unwrap_or_else(|| {
        if body.is_some() || json {
            "POST"
        } else {
            "GET"
        }
        .into()
    });
    Ok(ParsedRequest { method, url, body })
}

/// Remove `\` + newline outside single quotes, as the shell does before
/// splitting words (shlex would leave an empty word where a continuation
/// line starts).
fn join_continuations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut single, mut double) = (false, false);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !single => match chars.next() {
                Some('\n') => {}
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            },
            '\'' if !double => {
                single = !single;
                out.push(c);
            }
            '"' if !single => {
                double = !double;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `-XPUT` -> (`-X`, `PUT`); `--data=x` is not curl syntax and stays whole.
fn split_flag(word: &str) -> (&str, Option<&str>) {
    if word.starts_with("--") || word.len() <= 2 || !word.starts_with('-') {
        return (word, None);
    }
    // A non-ASCII character right after `-` (`-ќ`): not a flag with a value.
    let Some((flag, rest)) = word.split_at_checked(2) else { return (word, None) };
    if CURL_WITH_VALUE.contains(&flag) {
        (flag, Some(rest))
    } else {
        (word, None)
    }
}

/// Byte offset just past `name(` where `name` is a whole word.
fn find_call(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|t| t.find(name))
        .map(|i| i + from)
    {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text
            .get(i + name.len()..)
            .map(str::trim_start)
            .unwrap_or_default();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            && after.starts_with('(')
        {
            let rest = text.get(i + name.len()..).unwrap_or_default();
            return Some(i + name.len() + rest.find('(').unwrap_or(0) + 1);
        }
        from = i + name.len();
    }
    None
}

fn parse_fetch(text: &str, at: usize) -> Result<ParsedRequest> {
    let lookups = Cell::new(MAX_LOOKUPS);
    let mut p = Js {
        text,
        pos: at,
        depth: 0,
        lookups: &lookups,
    };
    let url = match p.value()? {
        Value::String(s) => s,
        other => {
            return Err(p.error(format!(
                "the URL passed to fetch() must be a string, got {other}"
            )))
        }
    };
    p.skip_space();
    let mut method = "GET".to_string();
    let mut body = None;
    if p.eat(',') {
        p.skip_space();
        if !p.peek_is(')') {
            let options = p.options()?;
            if let Some(m) = options.method {
                method = m.to_ascii_uppercase();
            }
            body = options.body;
        }
    }
    Ok(ParsedRequest { method, url, body })
}

/// The members of fetch()'s options that matter here.
struct Options {
    method: Option<String>,
    body: Option<String>,
}

/// A small reader of JavaScript literals over `text` from `pos`.
struct Js<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Variable look-ups left for the whole call: each one rescans the
    /// text, and `const o = o` would otherwise never end.
    lookups: &'a Cell<u32>,
}

/// Most variable look-ups one fetch() call may need.
const MAX_LOOKUPS: u32 = 64;

impl<'a> Js<'a> {
    /// A reader at the value of `const|let|var name = ...` defined before
    /// `before`, one level deeper.
    fn lookup(&self, name: &str, before: usize) -> Result<Js<'a>> {
        let left = self.lookups.get();
        if left == 0 || self.depth >= MAX_DEPTH {
            let e = self.error(format!("too many variable look-ups (\"{name}\"); is a variable defined by itself?"));
            return Err(ProfileError { code: "limit_exceeded".into(), ..e });
        }
        self.lookups.set(left - 1);
        let start = definition(self.text, name, before)
            .ok_or_else(|| self.error(format!("no const/let/var {name} before fetch()")))?;
        Ok(Js { text: self.text, pos: start, depth: self.depth + 1, lookups: self.lookups })
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_is(&self, c: char) -> bool {
        self.peek() == Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.peek_is(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// An error at the current position (1-based line and column).
    #[inline]
    fn error(&self, message: impl Into<String>) -> ProfileError {
        self.error_at(message.into())
    }

    /// The non-generic body of [`Js::error`].
    fn error_at(&self, message: String) -> ProfileError {
        let before = self.text.get(..self.pos).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let e = fail(message);
        ProfileError {
            message: format!("{} (line {line}, column {column})", e.message),
            ..e
        }
        .at(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    fn skip_space(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if let Some(after) = trimmed.strip_prefix("/*") {
                self.pos += after.find("*/").map_or(trimmed.len(), |i| i + 4);
            } else {
                return;
            }
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.skip_space();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        let word = rest
            .get(..len)
            .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()))?;
        self.pos += len;
        Some(word)
    }

    /// fetch()'s second argument: an object literal or a variable holding one.
    fn options(&mut self) -> Result<Options> {
        self.skip_space();
        if !self.peek_is('{') {
            let name = self.ident().ok_or_else(|| {
                self.error("fetch()'s options must be an object literal or a variable")
            })?;
            return self.lookup(name, self.pos)?.options();
        }
        self.pos += 1;
        let mut out = Options {
            method: None,
            body: None,
        };
        loop {
            if self.eat('}') {
                return Ok(out);
            }
            let key_at = self.pos;
            let key = self.key()?;
            self.skip_space();
            if self.peek_is(',') || self.peek_is('}') {
                // Shorthand `{ method, body }`: the value is a variable of that name.
                let mut inner = self.lookup(&key, key_at)?;
                match key.as_str() {
                    "method" => {
                        out.method = Some(inner.value()?).and_then(|v| v.as_str().map(String::from))
                    }
                    "body" => out.body = Some(inner.body()?),
                    _ => {}
                }
            } else if !self.eat(':') {
                return Err(self.error(format!("expected ':' after \"{key}\"")));
            } else {
                self.skip_space();
                match key.as_str() {
                    "method" => match self.value()? {
                        Value::String(m) => out.method = Some(m),
                        other => {
                            return Err(self.error(format!("method must be a string, got {other}")))
                        }
                    },
                    "body" => out.body = Some(self.body()?),
                    _ => self.skip_expression()?,
                }
            }
            if !self.eat(',') {
                if self.eat('}') {
                    return Ok(out);
                }
                return Err(self.error("expected ',' or '}' in fetch() options"));
            }
        }
    }

    /// A body: a string, `JSON.stringify(literal)`, or a variable holding either.
    fn body(&mut self) -> Result<String> {
        self.skip_space();
        if self.rest().starts_with("JSON.stringify") {
            self.pos += "JSON.stringify".len();
            if !self.eat('(') {
                return Err(self.error("expected '(' after JSON.stringify"));
            }
            let value = self.value()?;
            if !self.eat(')') {
                return Err(self.error("JSON.stringify takes one literal argument here"));
            }
            return Ok(crate::json::write::to_string(&value));
        }
        match self.value()? {
            Value::String(s) => Ok(s),
            other => Err(self.error(format!(
                "body must be a string or JSON.stringify(...), got {other}"
            ))),
        }
    }

    fn key(&mut self) -> Result<String> {
        self.skip_space();
        match self.peek() {
            Some('"' | '\'' | '`') => self.string(),
            _ => self
                .ident()
                .map(str::to_string)
                .ok_or_else(|| self.error("expected a property name")),
        }
    }

    /// A literal; a bare identifier is looked up as a `const/let/var` earlier in the text.
    fn value(&mut self) -> Result<Value> {
        self.skip_space();
        if self.depth >= MAX_DEPTH {
            return Err(ProfileError {
                code: "limit_exceeded".into(),
                ..self.error("literal nested too deeply")
            });
        }
        match self.peek() {
            Some('"' | '\'' | '`') => self.string().map(Value::String),
            Some('{') => self.nested(|p| p.object()),
            Some('[') => self.nested(|p| p.array()),
            Some(c) if c == '-' || c == '+' || c.is_ascii_digit() => self.number(),
            Some(_) => {
                let at = self.pos;
                let word = self.ident().ok_or_else(|| self.error("expected a value"))?;
                match word {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" => Ok(Value::Null),
                    name => match definition(self.text, name, at) {
                        Some(_) => self.lookup(name, at)?.value(),
                        None => Err(self.error(format!("\"{name}\" is not a literal (only literals and const/let/var defined before are read)"))),
                    },
                }
            }
            None => Err(self.error("unexpected end of text")),
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<Value>) -> Result<Value> {
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    fn object(&mut self) -> Result<Value> {
        self.pos += 1;
        let mut map = Map::new();
        loop {
            if self.eat('}') {
                return Ok(Value::Object(map));
            }
            let key = self.key()?;
            if !self.eat(':') {
                return Err(self.error(format!("expected ':' after \"{key}\"")));
            }
            let value = self.value()?;
            map.insert(key, value);
            if !self.eat(',') {
                if self.eat('}') {
                    return Ok(Value::Object(map));
                }
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self) -> Result<Value> {
        self.pos += 1;
        let mut list = Vec::new();
        loop {
            if self.eat(']') {
                return Ok(Value::Array(list));
            }
            list.push(self.value()?);
            if !self.eat(',') {
                if self.eat(']') {
                    return Ok(Value::Array(list));
                }
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    fn number(&mut self) -> Result<Value> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_')))
            .unwrap_or(rest.len());
        let token = rest.get(..len).unwrap_or_default();
        let token = token.strip_prefix('+').unwrap_or(token);
        // The crate's JSON reader decides what a number is (JSON grammar).
        let value = crate::json::parse(token.as_bytes(), "number");
        match value {
            Ok(v @ Value::Number(_)) => {
                self.pos += len;
                Ok(v)
            }
            _ => Err(self.error(format!("\"{token}\" is not a JSON number"))),
        }
    }

    fn string(&mut self) -> Result<String> {
        let quote = self.peek().unwrap_or('"');
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '$' if quote == '`'
                    && self.rest().get(i + 1..).is_some_and(|r| r.starts_with('{')) =>
                {
                    self.pos += i;
                    return Err(
                        self.error("template strings with ${...} are computed, not literals")
                    );
                }
                '\n' if quote != '`' => break,
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('0') => out.push('\0'),
                    Some('\n') => {}
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        out.push(
                            c.ok_or_else(|| self.error(format!("bad \\u escape \"\\u{hex}\"")))?,
                        );
                    }
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err(self.error("unterminated string"))
    }

    /// Read past a string without reading it (a template string here may
    /// hold `${...}`: it is skipped, not evaluated).
    fn skip_string(&mut self, quote: char) -> Result<()> {
        self.pos += 1;
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '\\' {
                chars.next();
            } else if c == quote {
                self.pos += i + 1;
                return Ok(());
            }
        }
        Err(self.error("unterminated string"))
    }

    /// Read past a value this parser does not need (headers and the like),
    /// balancing brackets and skipping strings.
    fn skip_expression(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err(self.error("unexpected end of text in fetch() options")),
                Some(q @ ('"' | '\'' | '`')) => self.skip_string(q)?,
                Some(c @ ('{' | '[' | '(')) => {
                    depth += 1;
                    self.pos += c.len_utf8();
                }
                Some(c @ ('}' | ']' | ')')) => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                    self.pos += c.len_utf8();
                }
                Some(',') if depth == 0 => return Ok(()),
                Some(c) => self.pos += c.len_utf8(),
            }
        }
    }
}

/// Byte offset of the value in `const|let|var name = value` before `before`.
fn definition(text: &str, name: &str, before: usize) -> Option<usize> {
    let head = text.get(..before)?;
    let mut found = None;
    for kw in ["const", "let", "var"] {
        let mut from = 0;
        while let Some(i) = head.get(from..).and_then(|h| h.find(kw)).map(|i| i + from) {
            from = i + kw.len();
            let starts_word = head
                .get(..i)
                .and_then(|t| t.chars().next_back())
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let rest = head.get(i + kw.len()..).unwrap_or_default();
            let trimmed = rest.trim_start();
            if !starts_word || trimmed.len() == rest.len() {
                continue;
            }
            let Some(after_name) = trimmed.strip_prefix(name) else {
                continue;
            };
            if after_name.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let Some(value) = after_name.trim_start().strip_prefix('=') else {
                continue;
            };
            let at = head.len() - value.len();
            found = found.max(Some(at));
        }
    }
    found
}
