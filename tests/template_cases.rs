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
