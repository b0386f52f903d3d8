//! The crate's own JSON reader (`template::ctx::parse`, used for every
//! context crossing into wasm) against serde_json: the same inputs accepted
//! and rejected, and equal values when accepted.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::Value;

fuzz_target!(|data: &[u8]| {
    let ours = profile_preview::template::ctx::parse(data, "input");
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            // The crate's JSON writer writes what serde_json writes.
            assert_eq!(a.to_value().to_string(), serde_json::to_string(&b).unwrap(), "text differs for {:?}", String::from_utf8_lossy(data));
            assert_eq!(a.to_value(), Value::from(b), "values differ for {:?}", String::from_utf8_lossy(data));
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "accept/reject differ for {:?}: ours {:?}, serde_json {:?}",
            String::from_utf8_lossy(data),
            a.map(|v| v.to_value()),
            b
        ),
    }
});
