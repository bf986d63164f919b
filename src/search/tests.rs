//! Unit tests for the index: synonyms, ranking order and the shard layout, on a small fixture.

use super::*;
use files::prefix;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn doc(title: &str, description: &str, sections: &[(&str, &str, &str)]) -> Doc {
    Doc {
        title: title.into(),
        url: format!("/{}/", title.to_lowercase().replace(' ', "-")),
        description: description.into(),
        audience: 'p',
        school: None,
        sections: sections
            .iter()
            .map(|(a, h, t)| Section {
                anchor: (*a).into(),
                heading: (*h).into(),
                text: (*t).into(),
            })
            .collect(),
    }
}

fn fixture() -> Vec<Doc> {
    vec![
        doc(
            "Meetings",
            "Meetings with school.",
            &[("", "", "Bring notes to the meeting about the plan.")],
        ),
        doc(
            "Education, Health and Care plans",
            "A legal plan.",
            &[(
                "what",
                "What is an Education, Health and Care plan?",
                "It sets out needs and help.",
            )],
        ),
        doc(
            "Tribunal",
            "Appeals.",
            &[
                ("", "", "Appeal about the EHCP to the tribunal."),
                ("plan", "Your plan", "Help."),
            ],
        ),
        doc(
            "Dyslexia",
            "Reading.",
            &[(
                "",
                "",
                "Ask about the plan for reading. Statement is an old word.",
            )],
        ),
    ]
}

fn files(docs: &[Doc], groups: &[SynonymGroup]) -> BTreeMap<String, Value> {
    index_files(docs, groups)
        .into_iter()
        .map(|f| match f.contents {
            crate::model::file::Contents::Bytes(b) => (
                f.path,
                serde_json::from_slice(&b).expect("index files are JSON"),
            ),
            crate::model::file::Contents::Copy(_) => panic!("index files are made in memory"),
        })
        .collect()
}

/// (page, section, score) triples of a flat posting list.
fn postings(v: &Value) -> Vec<(u64, u64, u64)> {
    let flat: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let mut page = 0;
    flat.chunks(3)
        .map(|c| {
            page += c[0];
            (page, c[1], c[2])
        })
        .collect()
}

fn word_postings(files: &BTreeMap<String, Value>, word: &str) -> Vec<(u64, u64, u64)> {
    let shard = &files[&format!("search/p/{}.json", prefix(word, 2))];
    let n = shard["w"][word]
        .as_u64()
        .unwrap_or_else(|| panic!("{word} is indexed")) as usize;
    postings(&shard["p"][n])
}

#[test]
fn title_and_headings_rank_above_body() {
    let f = files(&fixture(), &[]);
    let mut plan = word_postings(&f, "plan");
    plan.sort_by_key(|p| std::cmp::Reverse(p.2));
    let order: Vec<u64> = plan.iter().map(|p| p.0).collect();
    // Title "... plans" first, then a heading "Your plan", then body-only mentions.
    assert_eq!(order[0], 1, "{plan:?}");
    assert_eq!(order[1], 2, "{plan:?}");
    assert_eq!(
        plan[1].1, 1,
        "the tribunal page's best section is the one headed 'Your plan'"
    );
}

#[test]
fn forms_of_a_word_share_postings() {
    let f = files(&fixture(), &[]);
    let shard = &f["search/p/me.json"];
    assert_eq!(shard["w"]["meeting"], shard["w"]["meetings"]);
    assert_eq!(word_postings(&f, "meeting").len(), 1);
    assert!(
        shard["w"].get("the").is_none()
            && f.get("search/p/th.json")
                .is_none_or(|s| s["w"].get("the").is_none())
    );
}

#[test]
fn synonyms_find_each_other_both_ways() {
    let groups = vec![
        SynonymGroup {
            words: vec![
                "Education, Health and Care plan".into(),
                "EHCP".into(),
                "EHC plan".into(),
            ],
            replaced_by: None,
        },
        SynonymGroup {
            words: vec![
                "Statement of special educational needs".into(),
                "statement".into(),
            ],
            replaced_by: Some("Education, Health and Care plan".into()),
        },
    ];
    let f = files(&fixture(), &groups);
    let root = &f["search/index.json"];
    assert_eq!(
        root["syn"][0],
        json!(["education health and care plan", "ehc plan", "ehcp"])
    );
    assert_eq!(root["rep"], json!({"1": 0}));
    let ehcp: Vec<u64> = postings(&f["search/g/0.json"])
        .iter()
        .map(|p| p.0)
        .collect();
    // The plans page only says the long form; the tribunal page only says "EHCP".
    assert_eq!(ehcp, [1, 2]);
    let statement: Vec<u64> = postings(&f["search/g/1.json"])
        .iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(
        statement,
        [1, 2, 3],
        "a superseded term finds today's pages too"
    );
}

#[test]
fn root_is_small_and_shards_are_named_by_prefix() {
    let f = files(&fixture(), &[]);
    let root = &f["search/index.json"];
    assert_eq!(root["n"], 4);
    assert_eq!(root["aud"], "pppp");
    assert!(root["sh"].as_array().unwrap().contains(&json!("dy")));
    assert!(f.contains_key("search/d/d.json") && f.contains_key("search/e/0.json"));
    assert!(root.to_string().len() < 1000);
    let excerpt = &f["search/e/0.json"][3];
    assert_eq!(excerpt[0], "Dyslexia");
    assert_eq!(file_key("éa1"), "_e9_a1");
}

#[test]
fn big_shards_split_by_third_letter() {
    let many: Vec<Doc> = (0..400)
        .map(|i| {
            doc(
                &format!("Page {i}"),
                "d",
                &[(
                    "",
                    "",
                    &format!("compare{i} complete{i} common{i} comfort{i} plan"),
                )],
            )
        })
        .collect();
    let f = files(&many, &[]);
    let keys: Vec<&str> = f["search/index.json"]["sh"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(keys.contains(&"com") && !keys.contains(&"co"), "{keys:?}");
    assert!(f.values().all(|v| v.to_string().len() < 2 * SHARD_SPLIT));
}

/// 240 pages of varied text (sections with headings, shared and rare words, glossary phrases,
/// several audiences and schools): many excerpt groups, so many rayon tasks.
fn many_pages() -> Vec<Doc> {
    const WORDS: &[&str] = &[
        "plan",
        "school",
        "meeting",
        "tribunal",
        "appeal",
        "review",
        "annual",
        "support",
        "teacher",
        "reading",
        "dyslexia",
        "autism",
        "speech",
        "therapy",
        "transport",
        "budget",
        "placement",
        "assessment",
        "council",
        "parent",
        "carer",
        "child",
        "outcome",
        "provision",
        "EHCP",
        "SENCO",
        "education",
        "health",
        "care",
        "statement",
        "mediation",
        "advice",
    ];
    let mut seed: u64 = 0x5EED;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % n as u64) as usize
    };
    (0..240)
        .map(|i| {
            let mut text = |n: usize| {
                let mut t: Vec<String> = (0..n)
                    .map(|_| WORDS[next(WORDS.len())].to_string())
                    .collect();
                t.push(format!("rare{i}"));
                if i % 7 == 0 {
                    t.push("Education, Health and Care plan".into());
                }
                t.join(" ")
            };
            let sections: Vec<(String, String, String)> = (0..1 + i % 4)
                .map(|k| {
                    let (anchor, heading) = if k == 0 {
                        (String::new(), String::new())
                    } else {
                        (format!("part-{k}"), text(3))
                    };
                    (anchor, heading, text(20 + i % 30))
                })
                .collect();
            let refs: Vec<(&str, &str, &str)> = sections
                .iter()
                .map(|(a, h, t)| (a.as_str(), h.as_str(), t.as_str()))
                .collect();
            let mut d = doc(
                &format!("Guide {i} {}", WORDS[i % WORDS.len()]),
                "About it.",
                &refs,
            );
            d.audience = ['p', 'y', 'e', 's'][i % 4];
            d.school = (i % 5 == 0).then(|| format!("school-{}", i % 3));
            d
        })
        .collect()
}

/// The files an index build makes on a pool of `threads` threads (0: rayon's default).
fn index_on(
    threads: usize,
    docs: &[Doc],
    groups: &[SynonymGroup],
) -> Vec<(String, crate::model::file::Contents)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    pool.install(|| index_files(docs, groups))
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect()
}

#[test]
fn output_is_deterministic() {
    let docs = many_pages();
    let groups = vec![
        SynonymGroup {
            words: vec!["Education, Health and Care plan".into(), "EHCP".into()],
            replaced_by: None,
        },
        SynonymGroup {
            words: vec!["statement".into()],
            replaced_by: Some("Education, Health and Care plan".into()),
        },
    ];
    let first = index_on(0, &docs, &groups);
    let excerpt_files = first
        .iter()
        .filter(|(p, _)| p.starts_with("search/e/"))
        .count();
    assert_eq!(excerpt_files, docs.len().div_ceil(EXCERPT_GROUP));
    assert!(excerpt_files >= 50);
    let names = |files: &[(String, crate::model::file::Contents)]| {
        files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    };
    for (threads, what) in [
        (0, "again"),
        (1, "on one thread"),
        (2, "on two threads"),
        (7, "on seven threads"),
    ] {
        let other = index_on(threads, &docs, &groups);
        assert_eq!(names(&first), names(&other), "{what}: not the same files");
        let differ: Vec<&str> = first
            .iter()
            .zip(&other)
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, _)| a.0.as_str())
            .collect();
        assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
    }
}
