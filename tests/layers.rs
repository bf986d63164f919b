//! The layer rule of `src/`: each top-level module is a layer (or part of one), and code may use
//! only its own layer and the ones below it. This test reads every `crate::…` path in `src/`
//! (code and unit tests alike; comments aside) and fails on any that points up the list, and on
//! any cycle between modules of one layer. It has no list of exceptions: move a shared type
//! down instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first; modules on one line are one layer.
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "format"],
    &["load"],
    &["model"],
    &["school", "services", "duties", "glossary", "readability"],
    &["render"],
    &["search", "checks"],
    &["output"],
    &["pipeline"],
    &["incremental"],
    &["serve"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every source file under `src/` with the top-level module it belongs to.
fn sources() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src/");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).expect("inside src/");
        let first = rel.components().next().expect("a path");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a source file");
        out.push((rel.display().to_string(), module, text));
    }
    out.sort();
    out
}

/// The top-level modules a file names with `crate::module`, with the line of each.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.push((n + 1, name));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn every_module_has_a_layer() {
    for (file, module, _) in sources() {
        assert!(
            layer_of(&module).is_some(),
            "src/{file}: the module `{module}` is in no layer; add it to LAYERS here and to the map in lib.rs"
        );
    }
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (file, module, text) in sources() {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for (line, used) in uses(&text) {
            match layer_of(&used) {
                Some(l) if l > own => wrong.push(format!(
                    "src/{file}:{line}: `{module}` (layer {}) uses `crate::{used}` (layer {})",
                    own + 1,
                    l + 1
                )),
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn modules_of_one_layer_do_not_use_each_other_in_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, module, text) in sources() {
        for (_, used) in uses(&text) {
            if used != module && layer_of(&used).is_some() {
                graph.entry(module.clone()).or_default().insert(used);
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("modules use each other in a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_rule_sees_an_upward_import() {
    // The reader finds paths in `use` lists and in code, and skips comments.
    let found =
        uses("use crate::pipeline::Build; // crate::cli\nlet x = crate::format::thousands(1);");
    assert_eq!(
        found,
        vec![(1, "pipeline".to_string()), (2, "format".to_string())]
    );
    assert!(layer_of("pipeline") > layer_of("render"));
}

/// The module path of a file: `school/facts.rs` → `school::facts`, `school/mod.rs` → `school`.
fn module_path(file: &str) -> String {
    file.trim_end_matches(".rs")
        .trim_end_matches("/mod")
        .replace('/', "::")
}

/// The files' modules each file names with `crate::…`: the longest module path that is a
/// prefix of the path used.
fn file_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources();
    let modules: BTreeSet<String> = files.iter().map(|(f, _, _)| module_path(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, _, text) in &files {
        let me = module_path(file);
        let code = text
            .split("\n#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or(text);
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or("");
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                let after = &rest[i + "crate::".len()..];
                let path: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let parts: Vec<&str> = path.split("::").collect();
                let target = (1..=parts.len())
                    .rev()
                    .map(|n| parts[..n].join("::"))
                    .find(|m| modules.contains(m));
                if let Some(t) = target {
                    if t != me && !me.starts_with(&format!("{t}::")) {
                        graph.entry(me.clone()).or_default().insert(t);
                    }
                }
                rest = after;
            }
        }
    }
    graph
}

#[test]
fn no_two_files_use_each_other_in_a_cycle() {
    // A file may use its parent module's items (`glossary/matcher.rs` uses `crate::glossary`);
    // apart from that, the files' own code (unit tests aside) must form no cycle.
    let graph = file_graph();
    let mut cycles = Vec::new();
    for (a, used) in &graph {
        for b in used {
            // Any path back from b to a closes a cycle.
            let mut seen = BTreeSet::new();
            let mut stack = vec![b.clone()];
            while let Some(n) = stack.pop() {
                if n == *a {
                    cycles.push(format!("{a} → {b} → … → {a}"));
                    break;
                }
                if seen.insert(n.clone()) {
                    stack.extend(graph.get(&n).into_iter().flatten().cloned());
                }
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "files in a cycle:\n{}",
        cycles.join("\n")
    );
}
