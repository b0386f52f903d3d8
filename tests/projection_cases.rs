//! The context projection `Template#render` and `renderAll` send (only the
//! paths `Template::read_paths` lists) renders exactly as the whole context:
//! every template case with a plan, rendered both ways, gives the same
//! output or the same error. The projection is built here the way
//! js/bridge.js `project` builds it.

#[path = "common/template_runner.rs"]
mod template_runner;

use profile_preview::{Map, Template, TemplateOptions, Value};

/// `ctx` restricted to `plan`: plain objects rebuilt along each path, the
/// value where a path ends (or stops being an object) kept whole.
fn project(ctx: &Value, plan: &[Vec<Box<str>>]) -> Value {
    let mut out = Value::Object(Map::new());
    for path in plan {
        let (mut s, mut d) = (ctx, &mut out);
        for (i, k) in path.iter().enumerate() {
            let Some(v) = s.get(&**k).filter(|_| s.is_object()) else { break };
            let Some(dm) = d.as_object_mut() else { break };
            if i + 1 == path.len() || !v.is_object() {
                dm.insert(k.to_string(), v.clone());
                break;
            }
            if !dm.contains_key(k) {
                dm.insert(k.to_string(), Value::Object(Map::new()));
            }
            let Some(slot) = dm.get_mut(k) else { break };
            if slot == v {
                break;
            }
            d = slot;
            s = v;
        }
    }
    out
}

fn outcome(r: Result<String, profile_preview::ProfileError>) -> String {
    match r {
        Ok(s) => format!("ok {s}"),
        Err(e) => format!("err {} {} {:?} {:?}", e.code, e.message, e.line, e.column),
    }
}

#[test]
fn projected_context_renders_as_the_whole_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/template");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    let (mut planned, mut with_blocks, mut failures) = (0, 0, Vec::new());
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for case in template_runner::cases(&text).unwrap_or_default() {
            let Some(src) = case.get("template").and_then(Value::as_str) else { continue };
            let opts = case.get("options").cloned().unwrap_or(Value::Object(Map::new()));
            let Ok(opts) = TemplateOptions::from_json(&opts) else { continue };
            let Ok(t) = Template::new(src, opts) else { continue };
            let Some(plan) = t.read_paths() else { continue };
            let ctx = case.get("context").cloned().unwrap_or(Value::Object(Map::new()));
            if !ctx.is_object() {
                continue;
            }
            planned += 1;
            if src.contains("{{#") || src.contains("{{^") {
                with_blocks += 1;
            }
            let (whole, part) = (outcome(t.render(&ctx)), outcome(t.render(&project(&ctx, &plan))));
            if whole != part {
                let name = case.get("name").and_then(Value::as_str).unwrap_or("");
                failures.push(format!("{}: {name}: {src:?}\n  whole:     {whole}\n  projected: {part}", path.display()));
            }
        }
    }
    println!("{planned} planned cases ({with_blocks} with blocks)");
    assert!(planned > 300 && with_blocks > 50, "{planned} planned, {with_blocks} with blocks");
    assert!(failures.is_empty(), "{} differ:\n{}", failures.len(), failures.join("\n"));
}
