//! Runs every data-driven template case in `tests/cases/template/*.json`.

#[path = "common/template_runner.rs"]
mod template_runner;

#[test]
fn template_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/template");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases/template exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut total = 0;
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("readable case file");
        total += template_runner::case_count(&text);
        failures.extend(template_runner::run_case_file(&name, &text));
    }
    println!("{total} template cases in {} files", files.len());
    assert!(total > 0, "no template cases found");
    assert!(failures.is_empty(), "{} of {total} template cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// Every helper row of every dialect is called by at least one case that
/// compiles in that dialect (the table and the cases cannot drift apart).
#[test]
fn every_helper_has_a_case() {
    use profile_preview::template::dialect::ALL;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/template");
    let mut by_dialect: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/cases/template exists").flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for case in template_runner::cases(&text).unwrap_or_default() {
            let opts = case.get("options");
            let dialect = match (opts.and_then(|o| o.get("dialect")), opts.and_then(|o| o.get("resolve"))) {
                (Some(d), _) => d.as_str().unwrap_or("courier").to_string(),
                (None, Some(r)) if r == "plain" => "handlebars".to_string(),
                _ => "courier".to_string(),
            };
            let template = case.get("template").and_then(|t| t.as_str()).unwrap_or("").to_string();
            by_dialect.push((dialect, template));
        }
    }
    let mut missing = Vec::new();
    for d in ALL {
        for table in d.tables {
            for row in table.iter() {
                let called = by_dialect.iter().any(|(name, t)| {
                    name == d.name
                        && (t.contains(&format!("{{{{{} ", row.name))
                            || t.contains(&format!("{{{{#{} ", row.name))
                            || t.contains(&format!("{{{{#{}}}}}", row.name))
                            || t.contains(&format!("({} ", row.name))
                            || t.contains(&format!("({})", row.name))
                            || (row.called_alone() && t.contains(&format!("{{{{{}}}}}", row.name))))
                });
                if !called {
                    missing.push(format!("{}: {}", d.name, row.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "helpers without a case: {}", missing.join(", "));
}
