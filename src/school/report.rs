//! A school's SEN information report: its answer to each item (`school::items`), built into the
//! ordered list the `sen-report.html` template shows; and the check that names every missing
//! item and a stale report.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::school::facts::School;
use crate::school::items::{item_id, item_name, Item, ITEMS};
use chrono::{Months, NaiveDate};
use serde_json::{json, Value};

/// The answer written for an item, if it is not empty.
pub fn answer<'a>(school: &'a School, item: &Item) -> Option<&'a str> {
    school
        .facts
        .report
        .answers
        .get(item.key)
        .and_then(|a| a.as_deref())
        .filter(|a| !a.trim().is_empty())
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

/// When the report should next be reviewed (yearly: SEND Code of Practice 6.79).
pub fn next_review(school: &School) -> Option<NaiveDate> {
    school
        .facts
        .report
        .reviewed
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
        "reviewed": crate::format::human_date(reviewed),
        "reviewed_iso": reviewed.to_string(),
        "next_review": next.map(crate::format::human_date),
        "next_review_iso": next.map(|d| d.to_string()),
    })
}

/// Every missing or empty item of every school, the SENDIASS in item 11, and stale reports.
pub fn check(schools: &[School], sendiass_name: Option<&str>, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for school in schools {
        for item in ITEMS {
            if !is_answered(school, item) {
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
            out.push(
                school
                    .problem(
                        Code::SenReport,
                        "report.reviewed",
                        format!(
                            "{}'s SEN information report was last reviewed on {}, more than 12 months ago",
                            school.facts.name, school.facts.report.reviewed
                        ),
                    )
                    .with_hint("review the report every year (SEND Code of Practice 6.79), then update `reviewed:` under `report:`"),
            );
        }
    }
    out
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
