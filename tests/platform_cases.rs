//! Runs tests/cases/{courier,suprsend,zendesk}/*.json natively; the case
//! format is described in tests/common/platform_runner.rs.

#[path = "common/platform_runner.rs"]
mod platform_runner;

#[test]
fn platform_cases() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for platform in ["courier", "suprsend", "zendesk"] {
        let dir = root.join(platform);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
        paths.sort();
        let mut count = 0;
        for path in &paths {
            let file = format!("{platform}/{}", path.file_name().unwrap_or_default().to_string_lossy());
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path:?}: {e}"));
            count += platform_runner::count_cases(&text);
            failures.extend(platform_runner::run_case_file(&file, &text));
        }
        if count == 0 {
            failures.push(format!("no cases found in {dir:?}"));
        }
        summary.push(format!("{platform}: {count} cases in {} files", paths.len()));
    }
    println!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
