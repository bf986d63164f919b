//! A school's SEN information report: its answer to each item (`school::items`), built into the
//! ordered list the `sen-report.html` template shows; and the check that names every missing
//! item and a stale report.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::school::facts::School;
use crate::school::items::{item_id, item_name, Item, ITEMS};
use crate::school::template::TO_BE_WRITTEN;
use chrono::{Months, NaiveDate};
use serde_json::{json, Value};

/// The answer written for an item, if it is not empty and not still the placeholder.
pub fn answer<'a>(school: &'a School, item: &Item) -> Option<&'a str> {
    school
        .facts
        .report
        .answers
        .get(item.key)
        .and_then(|a| a.as_deref())
        .filter(|a| !a.trim().is_empty() && !is_placeholder(a))
}

/// Whether a text is still the placeholder a tool wrote ("To be written by the school.").
pub fn is_placeholder(text: &str) -> bool {
    text.trim() == TO_BE_WRITTEN
}

/// The items whose answer is still the placeholder.
fn placeholders(school: &School) -> Vec<&'static Item> {
    ITEMS
        .iter()
        .filter(|item| {
            let a = school.facts.report.answers.get(item.key);
            a.and_then(|a| a.as_deref()).is_some_and(is_placeholder)
        })
        .collect()
}

/// Whether an item has what the law asks for (item 4 comes from `senco:`, the accessibility plan
/// may be a link).
fn is_answered(school: &School, item: &Item) -> bool {
    let f = &school.facts;
    match item.key {
        "senco_contact" => {
            !f.senco.name.trim().is_empty() && (f.senco.email.is_some() || f.senco.phone.is_some())
        }
        "accessibility_plan" => {
            answer(school, item).is_some() || f.accessibility_plan_url.is_some()
        }
        _ => answer(school, item).is_some(),
    }
}

/// Whether the report is past its yearly review on `today`.
pub fn is_overdue(school: &School, today: NaiveDate) -> bool {
    next_review(school).is_some_and(|d| d < today)
}

/// When the report should next be reviewed (yearly: SEND Code of Practice 6.79).
pub fn next_review(school: &School) -> Option<NaiveDate> {
    school
        .facts
        .report
        .reviewed?
        .checked_add_months(Months::new(12))
}

/// The items as the template sees them; `render` turns an answer's Markdown into HTML.
pub fn items_value(school: &School, mut render: impl FnMut(&Item, &str) -> String) -> Value {
    let items: Vec<Value> = ITEMS
        .iter()
        .map(|item| {
            let html = answer(school, item).map(|a| render(item, a));
            json!({
                "key": item.key,
                "number": item.number,
                "id": item_id(item),
                "question": item.question,
                "equality_act": item.equality_act,
                "answer": html,
                "senco": (item.key == "senco_contact").then_some(&school.facts.senco),
                "plan_url": (item.key == "accessibility_plan").then_some(&school.facts.accessibility_plan_url),
            })
        })
        .collect();
    let reviewed = school.facts.report.reviewed;
    let next = next_review(school);
    json!({
        "items": items,
        "reviewed": reviewed.map(crate::format::human_date),
        "reviewed_iso": reviewed.map(|d| d.to_string()),
        "next_review": next.map(crate::format::human_date),
        "next_review_iso": next.map(|d| d.to_string()),
    })
}

/// Every missing or empty item of every school, the SENDIASS in item 11, and stale reports.
/// A report a tool wrote that the school has not written yet is one diagnostic for the school,
/// naming what is left. It and an overdue report are warnings when `many` is set (site.yaml's
/// `overdue_sen_reports`; by default a site of many schools, where one school's report must not
/// stop a council's site), else errors.
pub fn check(
    schools: &[School],
    sendiass_name: Option<&str>,
    today: NaiveDate,
    many: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for school in schools {
        let left = placeholders(school);
        if let Some(d) = unwritten(school, &left, many) {
            out.push(d);
        }
        for item in ITEMS {
            if !is_answered(school, item) && !left.iter().any(|l| l.key == item.key) {
                if item.key == "senco_contact" && is_placeholder(&school.facts.senco.name) {
                    continue;
                }
                let path = format!("report.{}", item.key);
                out.push(
                    school
                        .problem(
                            Code::SenReport,
                            &path,
                            format!(
                                "{}'s SEN information report has nothing for {} ({})",
                                school.facts.name,
                                item_name(item),
                                item.question
                            ),
                        )
                        .with_hint(format!(
                            "write the answer under `report:` as `{}: \"...\"`; the law says the report must cover it",
                            item.key
                        )),
                );
            }
        }
        let support = answer(school, &ITEMS[16]).unwrap_or("").to_lowercase();
        let named = ["sendiass", "information, advice and support", "iass"]
            .iter()
            .any(|w| support.contains(w))
            || sendiass_name.is_some_and(|n| support.contains(&n.to_lowercase()));
        if !support.is_empty() && !named {
            out.push(
                school
                    .problem(
                        Code::SenReport,
                        "report.support_services",
                        format!("{}'s answer to Schedule 1 item 11 does not name the SEND information, advice and support service (SENDIASS)", school.facts.name),
                    )
                    .with_hint("name the local SENDIASS and how to contact it"),
            );
        }
        if next_review(school).is_some_and(|d| d < today) {
            let make = if many {
                Diagnostic::warning
            } else {
                Diagnostic::error
            };
            out.push(
                make(
                        Code::SenReport,
                        school.file.clone(),
                        format!(
                            "{}'s SEN information report was last reviewed on {}, more than 12 months ago",
                            school.facts.name,
                            school.facts.report.reviewed.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    )
                    .at(school.line_of("report.reviewed"), 0, Some(&school.text))
                    .with_hint("review the report every year (SEND Code of Practice 6.79), then update `reviewed:` under `report:`; its pages tell parents it is due for review"),
            );
        }
    }
    out
}

/// The one diagnostic for a school whose file still holds placeholders (answers, the SENCO's
/// name) or no review date, at the first of them.
fn unwritten(school: &School, left: &[&'static Item], many: bool) -> Option<Diagnostic> {
    let f = &school.facts;
    let senco = is_placeholder(&f.senco.name);
    let head = is_placeholder(&f.headteacher.name);
    let undated = f.report.reviewed.is_none();
    let facts: Vec<&str> = [("type", &f.kind), ("area", &f.area)]
        .into_iter()
        .filter(|(_, v)| is_placeholder(v))
        .map(|(k, _)| k)
        .collect();
    if left.is_empty() && !senco && !head && !undated && facts.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !facts.is_empty() {
        parts.push(format!("`{}` still to be written", facts.join("` and `")));
    }
    if !left.is_empty() {
        parts.push(format!(
            "{} of its {} answers still say \"{TO_BE_WRITTEN}\" (the first is {})",
            left.len(),
            ITEMS.len(),
            item_name(left[0])
        ));
    }
    if senco {
        parts.push("the SENCO is not named yet".to_string());
    }
    if head {
        parts.push("the headteacher is not named yet".to_string());
    }
    if undated {
        parts.push("it has no `reviewed:` date".to_string());
    }
    let path = if senco {
        "senco.name".to_string()
    } else if let Some(first) = left.first() {
        format!("report.{}", first.key)
    } else if head {
        "headteacher.name".to_string()
    } else if let Some(key) = facts.first() {
        key.to_string()
    } else {
        "report.reviewed".to_string()
    };
    let message = format!(
        "{}'s SEN information report is not written yet: {}",
        f.name,
        join_and(&parts)
    );
    let hint = "write each answer in place of the placeholder, name the SENCO with an email or phone under `senco:`, and put the date you checked it all in `reviewed:` under `report:`; every school must publish this report (SEND Regulations 2014, regulation 51 and Schedule 1)";
    let d = if many {
        Diagnostic::warning(Code::SenReport, school.file.clone(), message)
    } else {
        Diagnostic::error(Code::SenReport, school.file.clone(), message)
    };
    Some(
        d.at(school.line_of(&path), 0, Some(&school.text))
            .with_hint(hint),
    )
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_in_schedule_order() {
        let numbers: Vec<&str> = ITEMS
            .iter()
            .filter(|i| !i.equality_act)
            .map(|i| i.number)
            .collect();
        assert_eq!(numbers.len(), 19);
        assert_eq!(numbers[2], "3(a)");
        assert_eq!(numbers[8], "3(g)");
        assert_eq!(numbers[18], "13");
        assert_eq!(ITEMS[16].key, "support_services");
        assert_eq!(item_id(&ITEMS[2]), "item-3a");
        assert_eq!(item_id(&ITEMS[20]), "item-fairtreatment");
    }
}
