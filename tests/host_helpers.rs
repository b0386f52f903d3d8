//! Host helpers through the native seam (Rust closures behind the same
//! `HelperHost` trait the wasm build implements over JS functions).

use profile_preview::template::host_helper::{HostOut, NativeHelpers, Program};
use profile_preview::{Template, TemplateOptions};
use profile_preview::{Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

fn opts(names: &[&str]) -> TemplateOptions {
    let mut o = TemplateOptions::from_json(&json!({"dialect": "handlebars"})).unwrap();
    o.helpers = names.iter().map(|s| s.to_string()).collect();
    o
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn value_helpers_escape_unless_safe() {
    let host = NativeHelpers::new()
        .helper(|c| Ok(HostOut::Text(format!("<{}>", text(&c.args[0])))))
        .helper(|c| Ok(HostOut::Safe(format!("<b>{}</b>", text(&c.args[0])))))
        .helper(|_| Ok(HostOut::Nothing));
    let t = Template::new("{{shout name}} {{bold name}} [{{none}}] {{{shout name}}}", opts(&["shout", "bold", "none"])).unwrap();
    assert_eq!(t.render_with(&json!({"name": "Ada"}), &host).unwrap(), "&lt;Ada&gt; <b>Ada</b> [] <Ada>");
}

#[test]
fn this_hash_and_data_reach_the_helper() {
    let host = NativeHelpers::new().helper(|c| {
        Ok(HostOut::Json(json!([c.this["n"], c.hash["k"], c.data["index"]]).to_string()))
    });
    let t = Template::new("{{#each xs}}{{h k=@index}};{{/each}}", opts(&["h"])).unwrap();
    assert_eq!(t.render_with(&json!({"xs": [{"n": 1}, {"n": 2}]}), &host).unwrap(), "1,0,0;2,1,1;");
}

#[test]
fn blocks_reenter_the_renderer() {
    let host = NativeHelpers::new()
        .helper(|c| {
            let mut out = String::new();
            for (i, item) in c.args[0].as_array().cloned().unwrap_or_default().iter().enumerate() {
                out += &c.render(Program::Body, Some(item), Some(&json!({"data": {"index": i}, "blockParams": [item, i]})))?;
            }
            if out.is_empty() {
                out = c.render(Program::Inverse, Some(&c.this.clone()), None)?;
            }
            Ok(HostOut::Text(out))
        })
        .helper(|c| Ok(HostOut::Text(text(&c.args[0]).to_uppercase())));
    let t = Template::new("{{#list xs as |x i|}}<{{@index}}:{{up x.n}}:{{i}}>{{else}}none {{k}}{{/list}}", opts(&["list", "up"])).unwrap();
    assert_eq!(t.render_with(&json!({"xs": [{"n": "a"}, {"n": "b"}]}), &host).unwrap(), "<0:A:0><1:B:1>");
    assert_eq!(t.render_with(&json!({"xs": [], "k": "<>"}), &host).unwrap(), "none &lt;&gt;");
}

#[test]
fn host_helpers_override_builtins_and_unknown_names_still_fail() {
    let host = NativeHelpers::new().helper(|c| c.render(Program::Inverse, Some(&c.this.clone()), None).map(HostOut::Safe));
    let t = Template::new("{{#if true}}yes{{else}}no{{/if}}", opts(&["if"])).unwrap();
    assert_eq!(t.render_with(&json!({}), &host).unwrap(), "no");
    let e = Template::new("{{nope 1}}", opts(&["if"])).unwrap_err();
    assert_eq!((e.code.as_str(), e.line, e.column), ("template_syntax", Some(1), Some(3)));
}

#[test]
fn a_throwing_helper_is_a_helper_error_and_the_template_stays_usable() {
    let host = NativeHelpers::new().helper(|c| if c.args[0] == json!(1) { Err("boom".into()) } else { Ok(HostOut::Text("ok".into())) });
    let t = Template::new("a\n  {{h x}}", opts(&["h"])).unwrap();
    let e = t.render_with(&json!({"x": 1}), &host).unwrap_err();
    assert_eq!((e.code.as_str(), e.line, e.column), ("helper_error", Some(2), Some(5)));
    assert!(e.message.contains("Helper 'h' threw: boom"), "{}", e.message);
    assert_eq!(t.render_with(&json!({"x": 2}), &host).unwrap(), "a\n  ok");
    // Without a host the helper fails cleanly.
    assert_eq!(t.render(&json!({"x": 2})).unwrap_err().code, "helper_error");
}

#[test]
fn an_error_inside_options_fn_propagates_unchanged() {
    let host = NativeHelpers::new().helper(|c| c.render(Program::Body, Some(&c.this.clone()), None).map(HostOut::Text));
    let mut o = opts(&["wrap"]);
    o.missing = profile_preview::template::Missing::Error;
    let t = Template::new("{{#wrap}}\n{{#wrap}}{{nope}}{{/wrap}}{{/wrap}}", o).unwrap();
    let e = t.render_with(&json!({}), &host).unwrap_err();
    assert_eq!((e.code.as_str(), e.line, e.column), ("missing_variable", Some(2), Some(12)));
}

#[test]
fn recursion_through_options_fn_hits_the_nesting_limit() {
    // `{{#rec}}{{> self}}{{/rec}}`-style recursion via a partial would hit the
    // partial limit first; a helper that renders its own body again and
    // again through nested blocks is limited by the render depth.
    let host = NativeHelpers::new().helper(|c| c.render(Program::Body, Some(&c.this.clone()), None).map(HostOut::Safe));
    let mut o = opts(&["r"]);
    o.partials.insert("p".into(), "{{#r}}{{> p}}{{/r}}".into());
    let t = Template::new("{{> p}}", o).unwrap();
    let e = t.render_with(&json!({}), &host).unwrap_err();
    assert_eq!(e.code, "limit_exceeded");
    let deep = |n: usize| Template::new(&format!("{}x{}", "{{#r}}".repeat(n), "{{/r}}".repeat(n)), opts(&["r"])).unwrap();
    assert_eq!(deep(32).render_with(&json!({}), &host).unwrap(), "x");
    let e = deep(33).render_with(&json!({}), &host).unwrap_err();
    assert_eq!((e.code.as_str(), e.line, e.column), ("limit_exceeded", Some(1), Some(193)));
}

#[test]
fn returned_json_values_render_like_handlebars() {
    let host = NativeHelpers::new().helper(|c| Ok(HostOut::Json(c.args[0].to_string()))).helper(|_| Ok(HostOut::Bad("a function".into())));
    let t = Template::new("{{id a}}|{{id b}}|{{#each (id c)}}{{this}}{{/each}}", opts(&["id", "f"])).unwrap();
    assert_eq!(t.render_with(&json!({"a": [1, 2], "b": 1.5, "c": ["x", "y"]}), &host).unwrap(), "1,2|1.5|xy");
    let t = Template::new("{{f}}", opts(&["id", "f"])).unwrap();
    let e = t.render_with(&json!({}), &host).unwrap_err();
    assert_eq!((e.code.as_str(), e.column), ("helper_error", Some(3)));
    assert!(e.message.contains("Helper 'f' returned a function"), "{}", e.message);
}

#[test]
fn block_params_shadow_host_helpers_of_the_same_name() {
    let host = NativeHelpers::new()
        .helper(|_| Ok(HostOut::Text("helper".into())))
        .helper(|c| {
            let item = json!(1);
            c.render(Program::Body, Some(&c.this.clone()), Some(&json!({"blockParams": [item]}))).map(HostOut::Safe)
        });
    let t = Template::new("{{#each_ as |value|}}{{value}}{{/each_}}{{value}}", opts(&["value", "each_"])).unwrap();
    assert_eq!(t.render_with(&json!({}), &host).unwrap(), "1helper");
}

#[test]
fn missing_arguments_are_listed_as_undefined() {
    let host = NativeHelpers::new().helper(|c| Ok(HostOut::Text(c.args.len().to_string())));
    let t = Template::new("{{h a.b null}}", opts(&["h"])).unwrap();
    assert_eq!(t.render_with(&json!({}), &host).unwrap(), "2");
}

#[test]
fn render_data_frames_and_root() {
    // `let` passes a frame over the data it got (Handlebars.js's createFrame).
    let host = NativeHelpers::new().helper(|c| {
        let mut frame = c.data.as_object().cloned().unwrap_or_default();
        frame.insert("_parent".into(), c.data.clone());
        for (k, v) in c.hash.as_object().cloned().unwrap_or_default() {
            frame.insert(k, v);
        }
        let this = c.this.clone();
        c.render(Program::Body, Some(&this), Some(&json!({ "data": frame }))).map(HostOut::Safe)
    });
    let t = Template::new(
        "{{@adjective}} {{@root.n}} {{#each xs}}{{@../adjective}}{{@index}}{{/each}} {{#let a=1}}{{#each xs}}{{@a}}{{@../a}}{{@index}}{{/each}}{{/let}}",
        opts(&["let"]),
    )
    .unwrap();
    let ctx = json!({"n": "N", "xs": [1, 2]});
    let out = t.render_with_data(&ctx, Some(&json!({"adjective": "happy"})), &host).unwrap();
    assert_eq!(out, "happy N happy0happy1 110111");
    // `root` given in the data wins over the context.
    let t = Template::new("{{@root.n}}", opts(&[])).unwrap();
    assert_eq!(t.render_with_data(&ctx, Some(&json!({"root": {"n": "given"}})), &host).unwrap(), "given");
}

#[test]
fn helper_missing_and_block_helper_missing_take_names_that_are_no_helper() {
    let host = NativeHelpers::new()
        .helper(|c| Ok(HostOut::Text(format!("<{}:{}>", c.call.name, c.args.len()))))
        .helper(|c| {
            let v = c.args.first().cloned().unwrap_or(Value::Null);
            let body = c.render(Program::Body, Some(&v), None)?;
            Ok(HostOut::Safe(format!("[{}:{body}]", c.call.name)))
        });
    let t = Template::new("{{x}} {{gone}} {{link y}} {{#a.b}}{{c}}{{/a.b}}", opts(&["helperMissing", "blockHelperMissing"])).unwrap();
    assert_eq!(t.render_with(&json!({"x": 1, "a": {"b": {"c": 2}}}), &host).unwrap(), "1 &lt;gone:0&gt; &lt;link:1&gt; [a.b:2]");
}

#[test]
fn call_json_carries_any_string_and_shape() {
    // The call's JSON is written straight from the context: quotes,
    // backslashes, control characters, non-ASCII, nested values, keys.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Value::Null));
    let keep = seen.clone();
    let host = NativeHelpers::new().helper(move |c| {
        if let Ok(mut k) = keep.lock() {
            *k = json!([c.args, c.hash, c.this, c.data["index"]]);
        }
        Ok(HostOut::Nothing)
    });
    let t = Template::new("{{#each xs}}{{h s o missing 1.5 k=s}}{{/each}}", opts(&["h"])).unwrap();
    let s = "a\"b\\c\n\r\t\u{1}\u{1f}é🎉</script>";
    let o = json!({"__proto__": [1, null, true, {"x": -0.5, "big": 12345678901234567890u64}]});
    let ctx = json!({"xs": [{"s": s, "o": o}]});
    assert_eq!(t.render_with(&ctx, &host).unwrap(), "");
    let want = json!([[s, o, null, 1.5], {"k": s}, {"s": s, "o": o}, 0]);
    assert_eq!(*seen.lock().unwrap(), want);
}
