//! The SuprSend helper table: the helpers on SuprSend's "Handlebars
//! Helpers" page.

use super::{collections as c, date, logic as l, math as m, row, string as st, Kind::*, Row, ANY};

/// The SuprSend table.
pub static SUPRSEND: [Row; 17] = [
    row("default", 1, ANY, Inline, l::default_empty),
    row("compare", 3, 3, Test, l::compare_loose).lint(l::lint_operator),
    row("datetime-format", 1, 3, Inline, date::moment_format).lint(date::lint_moment),
    row("jsonStringify", 1, 2, Inline, c::json_stringify).safe(),
    row("lowercase", 1, 1, Inline, st::lowercase_str),
    row("uppercase", 1, 1, Inline, st::uppercase_str),
    row("capitalize", 1, 1, Inline, st::capitalize_str),
    row("add", 2, 2, Inline, m::add),
    row("subtract", 2, 2, Inline, m::subtract),
    row("multiply", 2, 2, Inline, m::multiply),
    row("divide", 2, 2, Inline, m::divide),
    row("round", 1, 1, Inline, m::round),
    row("mod", 2, 2, Inline, m::modulo),
    row("unique", 1, 2, Inline, c::unique),
    row("itemAt", 2, 2, Inline, c::item_at),
    row("join", 1, 2, Inline, c::join),
    row("length", 1, 1, Inline, c::length),
];
