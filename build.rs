//! Rebuild the binary when the embedded starter site (used by `senpack new`) changes.
fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=site.yaml");
}
