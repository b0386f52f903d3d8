//! Which parts of the context a template can read, so the JS side sends
//! only those across the boundary instead of stringifying and parsing a
//! whole (often large) context for every render of a five-field SMS.
//!
//! A template gets a plan when every tag is a path (or a literal) and every
//! block is `if`, `unless`, `each`, `with` or a section over a path: no
//! helpers, partials, `this` of the root, or JS helpers. The plan lists the
//! root paths it can reach; the JS side keeps the value where each path
//! ends whole (and a value that is not a plain object where a path stops),
//! so every lookup the renderer makes sees exactly what it would see in the
//! whole context. Inside `each`/`with`/sections the context is a value kept
//! whole; a name there that the lookup rule may also find further out (all
//! rules but Handlebars.js's current-context one) adds its root paths, and
//! `../`, `@root` and `@root`-data paths that reach the root add theirs.

use super::ast::{Block, BlockKind, Expr, Node, Path, PathKind};
use super::dialect::Lookup;

/// Nodes visited at most while planning (sections are walked twice, as
/// they may or may not push a context): past it, no plan.
const MAX_VISITS: u32 = 20_000;

/// One context level while planning: the root, or a value inside one the
/// plan keeps whole (an item, a `with` value), with its block params.
struct Frame<'n> {
    root: bool,
    names: &'n [Box<str>],
}

struct Planner<'n> {
    lookup: Lookup,
    paths: Vec<Vec<Box<str>>>,
    visits: u32,
    stack: Vec<Frame<'n>>,
}

/// The context paths `root` reads (each a list of keys from the root), or
/// `None` when the template may read anything. `lookup` is the rule the
/// renderer applies (Handlebars.js's `compat` makes `Current` `Plain`).
/// Under the Courier lookup a name outside the roots is read from `data`,
/// then `profile`, then the root: all three are listed.
pub fn read_paths(root: &[Node], has_partials: bool, lookup: Lookup) -> Option<Vec<Vec<Box<str>>>> {
    if has_partials {
        return None;
    }
    let mut p = Planner { lookup, paths: Vec::new(), visits: 0, stack: vec![Frame { root: true, names: &[] }] };
    p.nodes(root)?;
    Some(p.paths)
}

impl<'n> Planner<'n> {
    fn nodes(&mut self, nodes: &'n [Node]) -> Option<()> {
        for node in nodes {
            self.visits += 1;
            if self.visits > MAX_VISITS {
                return None;
            }
            match node {
                Node::Text(_) => {}
                Node::Out(out) => self.expr(&out.expr)?,
                Node::Block(b) => self.block(b)?,
                Node::Partial(_) | Node::Inline(_) => return None,
            }
        }
        Some(())
    }

    fn block(&mut self, b: &'n Block) -> Option<()> {
        if !matches!(b.kind, BlockKind::If | BlockKind::Unless | BlockKind::Each | BlockKind::With | BlockKind::Section) {
            return None;
        }
        self.expr(&b.expr)?;
        for (_, e) in &b.hash {
            self.expr(e)?;
        }
        match b.kind {
            // Same context for the body.
            BlockKind::If | BlockKind::Unless => self.nodes(&b.body)?,
            BlockKind::Section => {
                // `true` renders the body in the same context; a list or
                // another value pushes an item or the value.
                self.nodes(&b.body)?;
                self.inside(b)?;
            }
            _ => self.inside(b)?,
        }
        self.nodes(&b.inverse)
    }

    /// The body of `b` in a context pushed by it (a value the plan keeps whole).
    fn inside(&mut self, b: &'n Block) -> Option<()> {
        self.stack.push(Frame { root: false, names: &b.params });
        let done = self.nodes(&b.body);
        self.stack.pop();
        done
    }

    fn expr(&mut self, e: &Expr) -> Option<()> {
        match e {
            Expr::Path(p) => self.path(p),
            Expr::Lit(_) => Some(()),
            Expr::Call(_) => None,
        }
    }

    /// Record what `p` can read at the root, as `render::resolve` looks it up.
    fn path(&mut self, p: &Path) -> Option<()> {
        match p.kind {
            PathKind::Normal => {
                let first = p.segs.first()?;
                if p.depth != 0 {
                    return None;
                }
                // A block param of an enclosing block: an item or an index.
                if self.stack.iter().any(|f| f.names.contains(first)) {
                    return Some(());
                }
                let at_root = self.stack.last().is_some_and(|f| f.root);
                if self.lookup == Lookup::Current && !at_root {
                    return Some(());
                }
                if self.lookup.reads_as_written(first) {
                    self.paths.push(p.segs.clone());
                } else {
                    for base in ["data", "profile"] {
                        let mut with = vec![Box::<str>::from(base)];
                        with.extend(p.segs.iter().cloned());
                        self.paths.push(with);
                    }
                    self.paths.push(p.segs.clone());
                }
                Some(())
            }
            PathKind::Local => {
                // `this.x` / `../x`: the context `depth` levels up, if any.
                let Some(at) = self.stack.len().checked_sub(1 + p.depth as usize) else { return Some(()) };
                if self.stack.get(at).is_some_and(|f| f.root) {
                    self.root_path(&p.segs)?;
                }
                Some(())
            }
            PathKind::Root => self.root_path(&p.segs),
            PathKind::Data => match p.segs.split_first() {
                // `@root.x` through the data frames: the root context
                // (unless the render's data has a `root`: then more is sent
                // than is read, which changes nothing).
                Some((name, rest)) if &**name == "root" => self.root_path(rest),
                _ => Some(()),
            },
        }
    }

    /// `segs` read from the root as written; the root itself: no plan.
    fn root_path(&mut self, segs: &[Box<str>]) -> Option<()> {
        if segs.is_empty() {
            return None;
        }
        self.paths.push(segs.to_vec());
        Some(())
    }
}

/// One step of a flat program (see [`flat_ops`]).
#[derive(Debug, Clone, PartialEq)]
pub enum FlatOp<'t> {
    /// Literal text.
    Text(&'t str),
    /// An output tag: the first value present and not null among plan
    /// paths `first..first + count` (Courier's `data`, `profile`, root
    /// order, or the one path as written), HTML-escaped or not; when none
    /// is, `raw` (the tag as written, `missing: "keep"`) or nothing.
    Out {
        /// HTML-escape the value.
        escape: bool,
        /// The tag as written, printed when no value is present (`missing: "keep"`).
        raw: Option<&'t str>,
        /// The first of its plan paths.
        first: usize,
        /// How many plan paths it tries, in order.
        count: usize,
    },
}

/// A template whose every node is text or a plain root path (`{{a.b}}`),
/// as a list of steps over the paths [`read_paths`] lists for it, in that
/// order: the JS side renders such a template from the values it reads for
/// its plan, without crossing into wasm (and falls back to the wasm render
/// for any value it does not print exactly as the renderer does). `None`
/// for any other template. `escape_html`: the template's `escape` option;
/// `keep`: `missing: "keep"` (the tag's text is printed when missing).
pub fn flat_ops<'t>(root: &'t [Node], source: &'t str, lookup: Lookup, escape_html: bool, keep: bool) -> Option<Vec<FlatOp<'t>>> {
    let mut ops = Vec::with_capacity(root.len());
    let mut next = 0;
    for node in root {
        match node {
            Node::Text(t) => ops.push(FlatOp::Text(t)),
            Node::Out(out) => {
                let Expr::Path(p) = &out.expr else { return None };
                let first = p.segs.first()?;
                if p.kind != PathKind::Normal || p.depth != 0 {
                    return None;
                }
                // As `read_paths` lists them: one as written, or three.
                let count = if lookup.reads_as_written(first) { 1 } else { 3 };
                let raw = if keep { Some(source.get(out.raw.0 as usize..out.raw.1 as usize).unwrap_or("")) } else { None };
                ops.push(FlatOp::Out { escape: out.escape && escape_html, raw, first: next, count });
                next += count;
            }
            _ => return None,
        }
    }
    Some(ops)
}

#[cfg(test)]
mod tests {
    use crate::template::{Template, TemplateOptions};
    use crate::test_json as json;

    fn plan(src: &str, opts: crate::json::Value) -> Option<Vec<String>> {
        let t = Template::new(src, TemplateOptions::from_json(&opts).unwrap()).unwrap();
        t.read_paths().map(|p| p.iter().map(|segs| segs.join(".")).collect())
    }

    #[test]
    fn paths_and_simple_blocks_get_a_plan_anything_else_does_not() {
        assert_eq!(plan("Hi {{profile.name}} {{{data.url}}}", json!({})).unwrap(), ["profile.name", "data.url"]);
        assert_eq!(plan("{{name}}", json!({})).unwrap(), ["data.name", "profile.name", "name"]);
        assert_eq!(plan("{{name}}", json!({"dialect": "handlebars"})).unwrap(), ["name"]);
        assert_eq!(plan("no tags", json!({})).unwrap(), Vec::<String>::new());
        let hb = json!({"dialect": "handlebars"});
        assert_eq!(plan("{{#if a}}{{b}}{{else}}{{c}}{{/if}}", hb.clone()).unwrap(), ["a", "b", "c"]);
        // Inside each: the item is kept whole; `../`, `@root` reach the root;
        // Handlebars.js's current-context lookup reads nothing further out.
        assert_eq!(plan("{{#each xs}}{{x}}{{this.y}}{{../z}}{{@root.w}}{{@index}}{{/each}}", hb.clone()).unwrap(), ["xs", "z", "w"]);
        // With compat (and in the other dialects) a name may be found further out.
        let compat = json!({"dialect": "handlebars", "compat": true});
        assert_eq!(plan("{{#each xs}}{{x}}{{/each}}", compat).unwrap(), ["xs", "x"]);
        assert_eq!(plan("{{#each data.xs as |it|}}{{it.a}}{{n}}{{/each}}", json!({})).unwrap(), ["data.xs", "data.n", "profile.n", "n"]);
        // A section may or may not push its value: both readings are planned.
        assert_eq!(plan("{{#s}}{{../a}}{{b}}{{/s}}", hb.clone()).unwrap(), ["s", "b", "a"]);
        assert_eq!(plan("{{#with p}}{{../q}}{{/with}}{{^e}}{{f}}{{/e}}", hb.clone()).unwrap(), ["p", "q", "e", "f"]);
        for src in ["{{capitalize a}}", "{{> p}}", "{{this}}", "{{#each this}}x{{/each}}", "{{@root}}", "{{#if (and a b)}}x{{/if}}", "{{#each xs}}{{..}}{{/each}}"] {
            let opts = json!({"partials": {"p": "x"}});
            assert_eq!(plan(src, opts), None, "{src}");
        }
    }

    #[test]
    fn flat_programs_index_the_plan() {
        use super::FlatOp;
        let t = Template::new("Hi {{profile.name}} {{{name}}}", TemplateOptions::default()).unwrap();
        let plan = t.read_paths().unwrap();
        assert_eq!(plan.len(), 4);
        assert_eq!(
            t.flat_ops().unwrap(),
            [
                FlatOp::Text("Hi "),
                FlatOp::Out { escape: true, raw: None, first: 0, count: 1 },
                FlatOp::Text(" "),
                FlatOp::Out { escape: false, raw: None, first: 1, count: 3 },
            ]
        );
        let keep = TemplateOptions::from_json(&json!({"missing": "keep", "escape": "none", "dialect": "handlebars"})).unwrap();
        let t = Template::new("{{ a.b }}", keep).unwrap();
        assert_eq!(t.flat_ops().unwrap(), [FlatOp::Out { escape: false, raw: Some("{{ a.b }}"), first: 0, count: 1 }]);
        for (src, opts) in [("{{#if a}}x{{/if}}", json!({})), ("{{a}}", json!({"missing": "error"})), ("{{../a}}", json!({})), ("{{a}}", json!({"helpers": ["a"]}))] {
            let t = Template::new(src, TemplateOptions::from_json(&opts).unwrap()).unwrap();
            assert_eq!(t.flat_ops(), None, "{src}");
        }
    }
}
