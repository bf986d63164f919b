//! The items of the SEN information report, in order: SEND Regulations 2014 Schedule 1 and the
//! Equality Act 2010 duties, each with its number and a plain-language question. A leaf: it
//! depends on nothing but slugs, so schools, sanitising and checks can all read it.

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
        crate::load::markdown::slugify(item.number).replace('-', "")
    )
}
