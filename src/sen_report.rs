//! The SEN information report: the items of the SEND Regulations 2014 (Schedule 1) and the Equality
//! Act 2010 duties in order, each with a plain-language question, built into the ordered list the
//! `sen-report.html` template shows; and the check that names every missing item and a stale report.

use crate::diagnostics::Diagnostic;
use crate::school::School;
use chrono::{Months, NaiveDate};
use serde_json::{json, Value};

/// One item of the report.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    /// The key under `report:` in the school's facts.
    pub key: &'static str,
    /// "1", "3(a)"; for Equality Act items, a short name.
    pub number: &'static str,
    pub question: &'static str,
    /// An Equality Act 2010 item rather than a Schedule 1 item.
    pub equality_act: bool,
}

const fn s1(key: &'static str, number: &'static str, question: &'static str) -> Item {
    Item {
        key,
        number,
        question,
        equality_act: false,
    }
}

const fn ea(key: &'static str, number: &'static str, question: &'static str) -> Item {
    Item {
        key,
        number,
        question,
        equality_act: true,
    }
}

/// Every item, in the order of Schedule 1 and then the Equality Act items.
pub const ITEMS: &[Item] = &[
    s1(
        "kinds_of_need",
        "1",
        "What kinds of special educational needs does the school support?",
    ),
    s1(
        "identifying_needs",
        "2",
        "How does the school find out if my child has special educational needs?",
    ),
    s1(
        "evaluating_provision",
        "3(a)",
        "How does the school check that its support is working?",
    ),
    s1(
        "reviewing_progress",
        "3(b)",
        "How will the school check my child's progress, and how will I know?",
    ),
    s1(
        "teaching_approach",
        "3(c)",
        "How are children with special educational needs taught?",
    ),
    s1(
        "adapting_curriculum",
        "3(d)",
        "How will lessons and the classroom be changed for my child?",
    ),
    s1(
        "additional_support",
        "3(e)",
        "What extra help with learning can my child get?",
    ),
    s1(
        "activities",
        "3(f)",
        "How can my child join in clubs, trips and other activities?",
    ),
    s1(
        "wellbeing",
        "3(g)",
        "How will the school support my child's feelings, friendships and behaviour?",
    ),
    s1(
        "senco_contact",
        "4",
        "Who is the SENCO, and how can I contact them?",
    ),
    s1(
        "staff_expertise",
        "5",
        "What training do staff have, and where does specialist help come from?",
    ),
    s1(
        "equipment_and_facilities",
        "6",
        "How does the school get equipment and facilities my child needs?",
    ),
    s1(
        "involving_parents",
        "7",
        "How will the school talk to me and include me?",
    ),
    s1(
        "involving_young_people",
        "8",
        "How will my child have a say in their education?",
    ),
    s1(
        "complaints",
        "9",
        "What can I do if I am not happy with the support?",
    ),
    s1(
        "working_with_others",
        "10",
        "How does the school work with health, social care and other services?",
    ),
    s1(
        "support_services",
        "11",
        "Where can I get free, independent advice and support?",
    ),
    s1(
        "transitions",
        "12",
        "How will the school help my child move class, school or stage of life?",
    ),
    s1(
        "local_offer",
        "13",
        "Where can I find the council's Local Offer?",
    ),
    ea(
        "admissions",
        "admissions",
        "How does the school admit disabled pupils?",
    ),
    ea(
        "fair_treatment",
        "fair treatment",
        "How does the school make sure disabled pupils are treated fairly?",
    ),
    ea(
        "access_facilities",
        "access",
        "What helps disabled pupils get around and use the school?",
    ),
    ea(
        "accessibility_plan",
        "accessibility plan",
        "What is in the school's accessibility plan?",
    ),
];

/// How an item is named in messages: "item 3(a)" or "the Equality Act item \"admissions\"".
pub fn item_name(item: &Item) -> String {
    if item.equality_act {
        format!("the Equality Act item \"{}\"", item.number)
    } else {
        format!("Schedule 1 item {}", item.number)
    }
}

/// The id of an item's heading: `item-3a`, `item-admissions`.
pub fn item_id(item: &Item) -> String {
    format!(
        "item-{}",
        crate::markdown::slugify(item.number).replace('-', "")
    )
}

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
        "reviewed": crate::render::human_date(reviewed),
        "reviewed_iso": reviewed.to_string(),
        "next_review": next.map(crate::render::human_date),
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
                            "sen-report",
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
                        "sen-report",
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
                        "sen-report",
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
