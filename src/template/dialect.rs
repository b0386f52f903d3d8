//! Dialects: which helpers a template may call and how plain names are
//! looked up, chosen once per template (`TemplateOptions::dialect`) and
//! applied at compile time: the parser resolves each helper name in the
//! dialect's tables to a `&'static` row, so rendering pays nothing for it.
//!
//! * `courier` (default): Courier's roots and fallback lookup, the helpers
//!   of Courier's "Handlebars Helpers" page.
//! * `suprsend`: names looked up in the data given, SuprSend's helpers.
//! * `handlebars`: Handlebars.js 4.7's built-ins only.

use super::helpers::{self, Row};

/// How a plain name (`{{name}}`) that reaches the root is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// `profile.` `data.` `tenant.` `brand.` `urls.` `event.` `recipient.`
    /// as written; any other name in `data`, then `profile`, then the root
    /// (first non-null wins).
    Courier,
    /// In the given context: a plain name is looked up in the innermost
    /// context that has it, walking the Mustache context stack outwards
    /// (Handlebars.js with `compat: true`).
    Plain,
    /// In the current context only, as Handlebars.js does without `compat`:
    /// a name the current context lacks is missing (`../x` or `@root.x`
    /// reach further out).
    Current,
}

impl Lookup {
    /// Whether a plain path starting with `first` that reaches the root is
    /// read from the root as written (every rule but Courier's, and
    /// Courier's own roots); otherwise Courier's `data`/`profile`/root
    /// fallback applies. One rule for rendering and for the projection of
    /// read paths.
    pub fn reads_as_written(self, first: &str) -> bool {
        // A `match` on the names (length, then bytes) rather than
        // `COURIER_ROOTS.contains`: this runs for every path rendered.
        self != Lookup::Courier || matches!(first, "profile" | "data" | "tenant" | "brand" | "urls" | "event" | "recipient")
    }
}

/// A template dialect.
#[derive(Debug)]
pub struct Dialect {
    /// Its option value (`"courier"` ...).
    pub name: &'static str,
    /// Helper tables, searched in order (overrides first).
    pub tables: &'static [&'static [Row]],
    /// Lookup rule for plain names at the root.
    pub lookup: Lookup,
}

/// Courier.
pub static COURIER: Dialect = Dialect {
    name: "courier",
    tables: &[&helpers::courier::COURIER, &helpers::BUILTINS],
    lookup: Lookup::Courier,
};

/// SuprSend.
pub static SUPRSEND: Dialect = Dialect {
    name: "suprsend",
    tables: &[&helpers::suprsend::SUPRSEND, &helpers::BUILTINS],
    lookup: Lookup::Plain,
};

/// Plain Handlebars.js: names in the current context only, unless the
/// template is compiled with `compat: true` (then as [`Lookup::Plain`]).
pub static HANDLEBARS: Dialect = Dialect { name: "handlebars", tables: &[&helpers::BUILTINS], lookup: Lookup::Current };

/// Every dialect.
pub static ALL: [&Dialect; 3] = [&COURIER, &SUPRSEND, &HANDLEBARS];

impl Dialect {
    /// The dialect called `name`.
    pub fn from_name(name: &str) -> Option<&'static Dialect> {
        ALL.iter().copied().find(|d| d.name == name)
    }

    /// The helper row called `name`, if this dialect has one.
    pub fn helper(&self, name: &str) -> Option<&'static Row> {
        helpers::find(self.tables, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within a table every name is unique (an alias is a second name).
    #[test]
    fn courier_roots_read_as_written() {
        for root in crate::template::render::COURIER_ROOTS {
            assert!(Lookup::Courier.reads_as_written(root), "{root}");
        }
        for other in ["", "x", "profil", "profiles", "Data", "name"] {
            assert!(!Lookup::Courier.reads_as_written(other), "{other}");
            assert!(Lookup::Plain.reads_as_written(other) && Lookup::Current.reads_as_written(other));
        }
    }

    #[test]
    fn names_are_unique_per_table() {
        for d in ALL {
            for t in d.tables {
                for (i, r) in t.iter().enumerate() {
                    assert!(t.iter().skip(i + 1).all(|o| o.name != r.name), "{} repeats {}", d.name, r.name);
                    assert!(r.min as usize <= r.max as usize, "{}: bad arity", r.name);
                }
            }
        }
    }
}
