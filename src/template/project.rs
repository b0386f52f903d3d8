//! Which parts of the context a simple template can read, so the JS side
//! sends only those across the boundary instead of stringifying and parsing
//! a whole (often large) context for every render of a five-field SMS.
//!
//! Only templates whose every tag is a plain root path (`{{profile.name}}`,
//! `{{{data.url}}}`: no helpers, blocks, partials, `this`, `../` or `@data`)
//! get a plan. For those, the context restricted to the listed paths renders
//! exactly as the whole context does: the renderer looks up nothing else.

use super::ast::{Expr, Node, PathKind};
use super::dialect::Lookup;

/// The context paths `root` reads (each a list of keys from the root), or
/// `None` when the template may read anything (any construct but text and
/// plain root paths). Under the Courier lookup a name outside the roots is
/// read from `data`, then `profile`, then the root: all three are listed.
pub fn read_paths(root: &[Node], has_partials: bool, lookup: Lookup) -> Option<Vec<Vec<Box<str>>>> {
    if has_partials {
        return None;
    }
    let mut paths: Vec<Vec<Box<str>>> = Vec::new();
    for node in root {
        match node {
            Node::Text(_) => {}
            Node::Out(out) => {
                let Expr::Path(p) = &out.expr else { return None };
                if p.kind != PathKind::Normal || p.depth != 0 || p.segs.is_empty() {
                    return None;
                }
                let first = p.segs.first().map(|s| &**s).unwrap_or_default();
                if lookup.reads_as_written(first) {
                    paths.push(p.segs.clone());
                } else {
                    for base in ["data", "profile"] {
                        let mut with = vec![Box::<str>::from(base)];
                        with.extend(p.segs.iter().cloned());
                        paths.push(with);
                    }
                    paths.push(p.segs.clone());
                }
            }
            _ => return None,
        }
    }
    Some(paths)
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
    fn plain_paths_get_a_plan_anything_else_does_not() {
        assert_eq!(plan("Hi {{profile.name}} {{{data.url}}}", json!({})).unwrap(), ["profile.name", "data.url"]);
        assert_eq!(plan("{{name}}", json!({})).unwrap(), ["data.name", "profile.name", "name"]);
        assert_eq!(plan("{{name}}", json!({"dialect": "handlebars"})).unwrap(), ["name"]);
        assert_eq!(plan("no tags", json!({})).unwrap(), Vec::<String>::new());
        for src in ["{{#if a}}x{{/if}}", "{{this}}", "{{../a}}", "{{@root.a}}", "{{capitalize a}}", "{{> p}}"] {
            let opts = json!({"partials": {"p": "x"}});
            assert_eq!(plan(src, opts), None, "{src}");
        }
    }

    #[test]
    fn projected_context_renders_the_same() {
        // The projection the JS side builds, done here on Values: keep only
        // the planned paths; the output must not change.
        let ctx = json!({"profile": {"name": "Ada", "x": [1, 2], "deep": {"a": 1, "b": 2}}, "data": {"name": null, "n": 5}, "other": 1});
        for src in ["{{profile.name}} {{profile.deep.a}} {{name}} {{n}} {{missing}} {{profile.x}}", "{{profile.name.length}}"] {
            let t = Template::new(src, TemplateOptions::default()).unwrap();
            let mut out = json!({});
            for path in t.read_paths().unwrap() {
                let (mut s, mut d) = (&ctx, &mut out);
                for (i, k) in path.iter().enumerate() {
                    let Some(v) = s.get(&**k) else { break };
                    let d_map = d.as_object_mut().unwrap();
                    if i + 1 == path.len() || !v.is_object() {
                        d_map.insert(k.to_string(), v.clone());
                        break;
                    }
                    if !d_map.contains_key(k) {
                        d_map.insert(k.to_string(), json!({}));
                    }
                    d = d_map.get_mut(k).unwrap();
                    s = v;
                }
            }
            assert_eq!(t.render(&out).unwrap(), t.render(&ctx).unwrap(), "{src}");
        }
    }
}
