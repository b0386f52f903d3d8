//! Cost is linear: each workload runs at size n and 4n and the counted work
//! (`profile_preview::cost`, not wall time) may grow at most 4× plus slack.
//! A quadratic path grows 16×.

use profile_preview::{cost, Template, TemplateOptions};
use profile_preview::{Map, Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

/// Work counted while running `f`.
fn work(f: impl FnOnce()) -> u64 {
    cost::take();
    f();
    cost::take()
}

/// Run `make(n)` and `make(4n)`; the ratio of counted work must stay ≤ 4.5.
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> Box<dyn FnOnce()>) {
    let small = work(make(n));
    let large = work(make(4 * n));
    assert!(small > 0, "{name}: no work counted");
    let ratio = large as f64 / small as f64;
    assert!(ratio <= 4.5, "{name}: work {small} at n={n}, {large} at 4n (×{ratio:.1}): not linear");
}

fn compile(src: String) -> Box<dyn FnOnce()> {
    Box::new(move || {
        let _ = Template::new(&src, TemplateOptions::default());
    })
}

#[test]
fn lexing_unclosed_angle_tags_is_linear() {
    // Every `<<x` without a closing `>>` used to rescan to the end.
    assert_linear("<<a", 5_000, |n| compile("<<a ".repeat(n)));
    assert_linear("<<{a", 5_000, |n| compile("<<{a ".repeat(n) + ">>"));
    assert_linear("<<!--a", 5_000, |n| compile("<<!--a ".repeat(n) + ">>"));
    assert_linear("<<=a", 5_000, |n| compile("<<=a ".repeat(n)));
    // A quoted string hiding the closing delimiter, again and again.
    assert_linear("quoted }}", 5_000, |n| compile("{{a \" }} \"".repeat(n)));
    assert_linear("quoted >>", 5_000, |n| compile("<<a \" >> \"".repeat(n)));
    assert_linear("escaped \\<<", 5_000, |n| compile("\\<<a ".repeat(n)));
}

#[test]
fn set_delimiter_churn_is_linear() {
    // Each switch to a new pair of delimiters used to cost a scan over the
    // search memos of every pair seen before: O(switches²).
    let churn = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s += &format!("{{{{=<{i} {i}>=}}}}<{i}x{i}><{i}={{{{ }}}}={i}>");
        }
        s
    };
    assert_linear("set delimiters", 2_000, |n| compile(churn(n)));
    // Switching back and forth between two pairs.
    let back = |n: usize| "{{=<% %>=}}<%x%> <%={{ }}=%>{{y}} ".repeat(n);
    assert_linear("set delimiters back", 2_000, |n| compile(back(n)));
    let t = Template::new(&churn(3), TemplateOptions::default()).unwrap();
    assert_eq!(t.render(&json!({"data": {"x": "X"}})).unwrap(), "XXX");
    let t = Template::new(&back(2), TemplateOptions::default()).unwrap();
    assert_eq!(t.render(&json!({"data": {"x": "X", "y": "Y"}})).unwrap(), "X Y X Y ");
}

#[test]
fn lexing_still_finds_tags_after_unclosed_ones() {
    let t = Template::new("<<a <<b \"x\" << c {{name}}", TemplateOptions::default()).unwrap();
    assert_eq!(t.render(&json!({"data": {"name": "Ada"}})).unwrap(), "<<a <<b \"x\" << c Ada");
    // A close inside quotes is still found when nothing else closes the tag.
    let t = Template::new("{{name \"}} x", TemplateOptions::default());
    assert!(t.is_err());
}

fn wide(n: usize) -> Value {
    Value::Object((0..n).map(|i| (format!("k{i}"), json!(i))).collect::<Map>())
}

fn render(src: &'static str, ctx: Value) -> Box<dyn FnOnce()> {
    Box::new(move || {
        let t = Template::new(src, TemplateOptions::default()).unwrap();
        t.render(&ctx).unwrap();
    })
}

#[test]
fn lookup_in_a_loop_is_linear() {
    // `lookup ../o this` used to copy `o` (n keys) on every iteration.
    assert_linear("lookup", 2_000, |n| {
        let keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
        render("{{#each ks}}{{lookup ../o this}}{{/each}}", json!({"ks": keys, "o": wide(n)}))
    });
}

#[test]
fn member_lookup_in_wide_objects_is_linear() {
    // Each key of an n-key object looked up in a loop over the keys: a
    // linear key scan per lookup (counted as keys compared) made this n².
    assert_linear("lookup wide", 2_000, |n| {
        let keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
        render("{{#each ks}}{{lookup ../o this}}{{/each}}", json!({"ks": keys, "o": wide(n)}))
    });
    // Plain paths into a wide object, from a loop (the last keys: the far
    // end of a scan).
    assert_linear("path wide", 2_000, |n| {
        let src: String = (0..n).map(|i| format!("{{{{#with o}}}}{{{{k{}}}}}{{{{/with}}}}", n - 1 - i % 8)).collect();
        let ctx = json!({"o": wide(n)});
        Box::new(move || {
            let t = Template::new(&src, TemplateOptions::default()).unwrap();
            t.render(&ctx).unwrap();
        })
    });
    // The same through the JSON reader (render_json), duplicate keys included.
    assert_linear("json wide", 2_000, |n| {
        let mut o = wide(n);
        let keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
        let text = format!("{{\"ks\":{},\"o\":{},\"dup\":{{\"a\":1,\"a\":2}}}}", json!(keys), o.take());
        Box::new(move || {
            let t = Template::new("{{#each ks}}{{lookup ../o this}}{{/each}}{{dup.a}}", TemplateOptions::default()).unwrap();
            t.render_json(text.as_bytes()).unwrap();
        })
    });
}

#[test]
fn wide_objects_render_as_before() {
    let n = 100;
    let keys: Vec<String> = (0..n).map(|i| format!("k{i}")).chain(["missing".to_string()]).collect();
    let t = Template::new("{{#each ks}}{{lookup ../o this}},{{/each}}{{o.k99}}{{o.missing}}", TemplateOptions::default()).unwrap();
    let want: String = (0..n).map(|i| format!("{i},")).collect::<String>() + ",99";
    assert_eq!(t.render(&json!({"ks": keys, "o": wide(n)})).unwrap(), want);
    // Duplicate keys in JSON text: first position, last value, as JSON.parse.
    let mut text = String::from("{\"o\":{");
    for i in 0..40 {
        text += &format!("\"k{}\":{i},", i % 20);
    }
    text += "\"z\":1}}";
    let t = Template::new("{{#each o}}{{@key}}={{this}} {{/each}}{{o.k3}}", TemplateOptions::default()).unwrap();
    let want: String = (0..20).map(|i| format!("k{i}={} ", i + 20)).collect::<String>() + "z=1 23";
    assert_eq!(t.render_json(text.as_bytes()).unwrap(), want);
}

#[test]
fn helper_arguments_copies_are_counted() {
    // Any other helper still copies its argument; the copy is charged to
    // the step budget, so a loop over a large argument stops with an error.
    let keys: Vec<u32> = (0..20_000).collect();
    let suprsend = || TemplateOptions::from_json(&json!({"dialect": "suprsend"})).unwrap();
    let t = Template::new("{{#each ks}}{{jsonStringify ../o}}{{/each}}", suprsend()).unwrap();
    let err = t.render(&json!({"ks": keys, "o": wide(20_000)})).map(|s| s.len()).unwrap_err();
    assert_eq!(err.code, "limit_exceeded", "{err:?}");
    // Large strings count by size too.
    let big = "x".repeat(1 << 20);
    let t = Template::new("{{#each ks}}{{length ../s}}{{/each}}", suprsend()).unwrap();
    let err = t.render(&json!({"ks": keys, "s": big})).map(|s| s.len()).unwrap_err();
    assert_eq!(err.code, "limit_exceeded", "{err:?}");
    // Courier's `var` reads its path as text: the copy is charged as well.
    let t = Template::new("{{#each ks}}{{var \"o\"}}{{/each}}", TemplateOptions::default()).unwrap();
    let err = t.render(&json!({"ks": keys, "o": wide(20_000)})).map(|s| s.len()).unwrap_err();
    assert_eq!(err.code, "limit_exceeded", "{err:?}");
}

#[test]
fn diff_of_wide_objects_is_linear() {
    assert_linear("diff wide", 5_000, |n| {
        let a = wide(n);
        let b = Value::Object((0..n).map(|i| (format!("k{}", i + n / 2), json!(i + 1))).collect::<Map>());
        Box::new(move || {
            profile_preview::diff(&a, &b);
        })
    });
}

#[test]
fn each_and_with_nesting_is_linear() {
    // n items, each with a nested object read through #with and an inner #each.
    assert_linear("each/with", 1_000, |n| {
        let items: Vec<Value> =
            (0..n).map(|i| json!({"name": format!("i{i}"), "sub": {"tags": ["a", "b", "c"], "x": i}})).collect();
        render(
            "{{#each items}}{{#with sub}}{{x}}:{{#each tags}}{{this}}{{../x}}{{/each}}{{/with}}{{name}}{{/each}}",
            json!({"items": items}),
        )
    });
}

#[test]
fn helper_calls_are_linear() {
    assert_linear("helpers", 1_000, |n| {
        let items: Vec<Value> = (0..n).map(|i| json!({"name": format!("Item {i}"), "qty": i})).collect();
        render(
            "{{#each items}}{{capitalize name}} {{add qty 1}} {{#if (and qty name)}}yes{{/if}} {{default missing \"-\"}} {{concat name \"!\"}}{{/each}}",
            json!({"items": items}),
        )
    });
}

#[test]
fn preview_of_wide_profiles_is_linear() {
    use profile_preview::{preview, Method, Platform, PreviewRequest};
    assert_linear("preview", 2_000, |n| {
        let req = PreviewRequest {
            platform: Platform::Courier,
            method: Method::Put,
            stored: Some(wide(n)),
            body: Some(json!({"profile": wide(n / 2)})),
            user_id: None,
            now: Some("2026-01-01T00:00:00Z".into()),
            query: None,
        };
        Box::new(move || {
            preview(&req).unwrap();
        })
    });
}
