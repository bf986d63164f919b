//! The benchmark's generated sites are valid sites: a generated site with services builds
//! without errors, and every generated service file passes the service checks.

mod common;

use common::sitegen;

#[test]
fn generated_services_are_valid_service_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let spec = sitegen::Spec {
        guides: 20,
        schools: 1,
        terms: 5,
        services: 40,
    };
    sitegen::write_senpack(&root, spec, &common::repo().join("themes/default")).expect("site");
    let (list, diags) = senpack::services::load(&root);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(list.len(), 40);
    let (code, _, err) = common::run_in(&root, &["build"], &[]);
    assert_eq!(code, 0, "{err}");
}
