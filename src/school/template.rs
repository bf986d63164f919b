//! The school file's field guide: for every field, what it is for, an example and how long an
//! answer should be (the Schedule 1 item it answers is named in the report fields' notes); and
//! the writer of commented school files, which `senpack new-school` and `senpack import gias`
//! both use, so every school file a tool writes explains itself the same way.

use std::fmt::Write as _;

/// What a tool writes for an answer the school has still to write. `check` reports every school
/// whose file still holds it (`school::report`), and pages show the "not answered yet" notice.
pub const TO_BE_WRITTEN: &str = "To be written by the school.";

/// One field of the school file.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// `name`, `senco`, `report.kinds_of_need`.
    pub path: &'static str,
    pub what: &'static str,
    pub example: &'static str,
    pub length: &'static str,
}

const fn f(
    path: &'static str,
    what: &'static str,
    example: &'static str,
    length: &'static str,
) -> Field {
    Field {
        path,
        what,
        example,
        length,
    }
}

/// Every field, in the order a school file lists them.
pub const FIELDS: &[Field] = &[
    f("name", "The school's full name, as parents know it.", "\"Oakfield Primary School\"", "One line."),
    f("example", "Only for made-up example schools: true puts a notice on every page. Delete this line for a real school.", "true", "One word."),
    f("urn", "The school's six-digit unique reference number from the government's register of schools (Get Information about Schools). Keep the quotes.", "\"123456\"", "Six digits."),
    f("phase", "The stage of education. One of: nursery, primary, secondary, all-through, special, post-16.", "primary", "One word from the list."),
    f("type", "The kind of school, in plain words.", "\"Community school\", \"Academy (part of the Example Trust)\"", "A few words."),
    f("local_authority", "The council the school is in.", "\"Anyshire County Council\"", "One line."),
    f("area", "The town or area, used by the Local Offer filters. Spell it the same way in every school file.", "\"Northbridge\"", "One or two words."),
    f("address", "The school's street address, without the postcode.", "\"12 Oak Lane, Northbridge\"", "One line."),
    f("postcode", "The school's postcode, in capitals with a space.", "\"AN2 4PB\"", "One postcode."),
    f("phone", "The main school office phone number.", "\"01234 000201\"", "One number."),
    f("email", "The main school office email address.", "\"office@school.sch.example\"", "One address."),
    f("website", "The home page of the school's own website.", "\"https://school.sch.example\"", "One web address."),
    f("age_range", "The ages of pupils, in words.", "\"4 to 11\"", "A few words."),
    f("headteacher", "The headteacher's name, as parents would write it.", "{ name: \"Mrs A Head\" }", "One name."),
    f("senco", "The special educational needs co-ordinator (SENCO): name, and at least an email or a phone number. 'available' says when parents can reach them. This answers Schedule 1 item 4.", "name: \"Mr B Senco\", available: \"Monday to Wednesday, 8.30am to 3.30pm\"", "One line for each part."),
    f("sen_governor", "The governor who looks after special educational needs.", "{ name: \"Mrs C Governor\" }", "One name."),
    f("chair_of_governors", "The chair of governors, who hears formal complaints, and how to reach them.", "contact: \"Write to them at the school address, marked Private\"", "One line for each part."),
    f("reply_within", "How soon the school promises to answer messages from parents. This is not the time limit for a formal complaint: that is in your complaints policy.", "\"3 school days\"", "A few words."),
    f("sen_policy_reviewed", "The date your SEN policy was last reviewed (YYYY-MM-DD).", "2026-09-01", "One date."),
    f("accessibility_plan_url", "The web address of your accessibility plan itself, not your home page.", "\"https://school.sch.example/policies/accessibility-plan.pdf\"", "One web address."),
    f("needs", "The areas of need you provide for, used by the Local Offer filters. Choose from: communication-and-interaction, cognition-and-learning, social-emotional-and-mental-health, sensory-and-physical.", "- cognition-and-learning", "One line for each area."),
    f("branding", "Optional: your logo (a file under content/) and an accent colour that is dark enough for white text on top of it.", "accent: \"#1d5f8a\"", "Two lines, or leave out."),
    f("register", "Facts about specialist provision, as the government's register of schools (Get Information about Schools) has them; `senpack import gias` keeps them up to date. Leave it out if you have no resourced provision or unit.", "types_of_need: [asd, slcn]", "Up to five lines, or leave out."),
    f("register.types_of_need", "The types of need your specialist places are for, as the register writes them. Choose from: asd, hi, mld, msi, oth, pd, pmld, semh, slcn, sld, spld, vi.", "[asd, slcn]", "A list on one line."),
    f("register.resourced_provision", "You have resourced provision: the number of places (0 if the register does not say).", "12", "One number, or leave out."),
    f("register.sen_unit", "You have an SEN unit: the number of places (0 if the register does not say).", "8", "One number, or leave out."),
    f("register.latitude", "Where the school is, for maps and \"near me\" (degrees north). The import works it out from the register's grid reference.", "52.123456", "One number."),
    f("register.longitude", "Where the school is, for maps and \"near me\" (degrees east; west of Greenwich is below 0).", "-1.234567", "One number."),
    f("report", "The SEN information report (SEND Regulations 2014, Schedule 1). Write every answer in plain words for parents, with short sentences. Links to other pages of this site are written like [SEN support](../parents/sen-support.md). This site has no field for the web address of your own SEN policy, complaints policy or published report: put those links in the answers (see kinds_of_need and complaints).", "", ""),
    f("report.reviewed", "The date you last checked every answer in this report (YYYY-MM-DD). Review it every year; a report more than 12 months old is an error.", "2026-09-01", "One date."),
    f("report.kinds_of_need", "Item 1: the kinds of special educational needs you provide for. End with links to your full SEN policy and to where this report is published on your own website.", "\"We help children with all four areas of need: ...\"", "One short paragraph and a list; about 60 to 120 words."),
    f("report.identifying_needs", "Item 2: how you find out if a child has special educational needs, and how you assess their needs.", "\"Teachers check every child's progress each term. If we are worried, we talk to you first ...\"", "A short paragraph or a list; about 60 to 120 words."),
    f("report.evaluating_provision", "Item 3(a): how you check that the extra help you give works.", "\"We look at each child's progress towards their targets every term ...\"", "About 40 to 100 words."),
    f("report.reviewing_progress", "Item 3(b): how you check and review the progress of children with SEN, and how you share it with parents.", "\"We meet you at least three times a year to review your child's plan ...\"", "About 40 to 100 words."),
    f("report.teaching_approach", "Item 3(c): how teachers teach children with SEN in class.", "\"Teachers give instructions one step at a time and use pictures ...\"", "A short list; about 50 to 120 words."),
    f("report.adapting_curriculum", "Item 3(d): how you change the curriculum and the classroom so children with SEN can take part.", "\"We use quiet spaces, visual timetables and coloured overlays ...\"", "A short list; about 50 to 120 words."),
    f("report.additional_support", "Item 3(e): the extra help you can give, such as small groups or one-to-one sessions.", "\"Small reading groups three times a week ...\"", "A short list; about 50 to 120 words."),
    f("report.activities", "Item 3(f): how children with SEN join in clubs, trips and physical activities with other children.", "\"Every child can join our clubs and trips. We plan changes with you before a trip ...\"", "About 40 to 80 words."),
    f("report.wellbeing", "Item 3(g): how you support children's emotional, mental health and social development, including stopping bullying.", "\"Each class has a trusted adult ...\"", "About 50 to 120 words."),
    f("report.senco_contact", "Item 4: anything extra about contacting the SENCO. Their name, email and phone come from senco: above.", "\"Mr Okafor is in school on Monday, Tuesday and Thursday. You can book a meeting through the office.\"", "One to three sentences."),
    f("report.staff_expertise", "Item 5: the training and skills of your staff, and the specialists you work with. Say whether your SENCO has the NPQ for SENCOs (or the older National Award).", "\"Our SENCO is a qualified teacher and has the National Professional Qualification for SENCOs ...\"", "A short list; about 50 to 120 words."),
    f("report.equipment_and_facilities", "Item 6: equipment and facilities, and how you get more if a child needs it.", "\"We have a ramp at every entrance and a sensory room ...\"", "A short list; about 40 to 100 words."),
    f("report.involving_parents", "Item 7: how you talk with parents and involve them in their child's education.", "\"We meet you at least three times a year ...\"", "About 50 to 120 words."),
    f("report.involving_young_people", "Item 8: how you listen to children and young people and involve them in decisions about their help.", "\"Each child helps write their one-page profile ...\"", "About 40 to 100 words."),
    f("report.complaints", "Item 9: how to complain about SEN provision, step by step. Link to your complaints policy itself, not your home page. Say who hears a formal complaint, and name the Department for Education's School Complaints Unit (or for an academy, the Department for Education) as the last step.", "\"Read our [complaints policy](https://school.sch.example/policies/complaints-policy.pdf).\"", "A numbered list and two or three short paragraphs; about 120 to 200 words."),
    f("report.working_with_others", "Item 10: how the governors make sure you work with health, social care, the council and charities to help families.", "\"We work with the speech and language therapy service ...\"", "A short list; about 50 to 120 words."),
    f("report.support_services", "Item 11: contact details of services that support parents. You must name the local SENDIASS.", "\"Anyshire SENDIASS gives free, impartial advice. Phone 01234 000111.\"", "A short list; about 50 to 120 words."),
    f("report.transitions", "Item 12: how you help children move into, between and out of your school, and prepare for adult life.", "\"Before a child joins, we visit their nursery ...\"", "About 50 to 120 words."),
    f("report.local_offer", "Item 13: where the council's Local Offer is published. Give the web address.", "\"You can find the Anyshire Local Offer at https://send.anyshire.example/.\"", "One to three sentences."),
    f("report.admissions", "Equality Act: how you admit disabled pupils. Say that you do not refuse a child because of their disability or SEN.", "\"We follow the council's admissions rules ...\"", "About 40 to 100 words."),
    f("report.fair_treatment", "Equality Act: how you stop disabled pupils being treated less fairly than other pupils.", "\"We make reasonable adjustments, such as ...\"", "About 50 to 120 words."),
    f("report.access_facilities", "Equality Act: the facilities that help disabled pupils get into and around the school.", "\"Lifts, ramps, an accessible toilet ...\"", "A short list; about 40 to 100 words."),
    f("report.accessibility_plan", "Equality Act: a short summary of your accessibility plan. The link comes from accessibility_plan_url above.", "\"Our plan for 2026 to 2029 will ...\"", "About 40 to 100 words."),
];

/// The guide of field `path`.
pub fn field(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The comment lines above field `path` (none for a field not in the guide), indented by `indent`.
pub fn comment(path: &str, indent: &str) -> String {
    let Some(f) = field(path) else {
        return String::new();
    };
    let key = path.rsplit('.').next().unwrap_or(path);
    let mut s = format!("{indent}# {key}: {}\n", f.what);
    if !f.example.is_empty() {
        let _ = writeln!(s, "{indent}#   Example: {}", f.example);
    }
    if !f.length.is_empty() {
        let _ = writeln!(s, "{indent}#   Length: {}", f.length);
    }
    s
}

/// Fields a new school must write (the rest are optional: `new_school` leaves them commented out
/// with an example to copy).
const REQUIRED: &[&str] = &[
    "name",
    "urn",
    "phase",
    "type",
    "area",
    "headteacher",
    "senco",
];

/// The file `senpack new-school` writes: every field with its comment; the required ones with
/// the school's name (from its slug), an empty URN and "to be written" placeholders that
/// `check` reports; the optional ones commented out, ready to fill in; every answer of the
/// report "to be written by the school".
pub fn new_school(name: &str) -> String {
    let header = "# A school file made by `senpack new-school`. Each field has a note above it: what it is for,\n# an example and how long to make it. Replace every \"To be written by the school.\", fill in the\n# URN, and remove the `# ` in front of an optional field to use it. `senpack check` lists what is\n# left to do. The guide \"Filling in your school file\" (For schools) explains every check.\n";
    let mut s = String::from(header);
    for f in FIELDS
        .iter()
        .filter(|f| !f.path.contains('.') && !matches!(f.path, "report" | "example" | "register"))
    {
        s.push('\n');
        s.push_str(&comment(f.path, ""));
        let value = match f.path {
            "name" => quoted(name),
            "urn" => quoted(""),
            "phase" => "primary".to_string(),
            "headteacher" => format!("{{ name: {} }}", quoted(TO_BE_WRITTEN)),
            "senco" => format!(
                "\n  name: {}\n  # email: \"senco@school.sch.example\"\n  # phone: \"01234 000202\"\n  # available: \"Monday to Wednesday, 8.30am to 3.30pm\"",
                quoted(TO_BE_WRITTEN)
            ),
            _ if REQUIRED.contains(&f.path) => quoted(TO_BE_WRITTEN),
            _ => {
                let example = f.example.split(", \"").next().unwrap_or(f.example);
                let example = if example.starts_with('-') {
                    format!("[{}]", example.trim_start_matches("- "))
                } else if example.contains(": ") && !example.starts_with('{') {
                    format!("{{ {example} }}")
                } else {
                    example.to_string()
                };
                let _ = writeln!(s, "# {}: {example}", f.path);
                continue;
            }
        };
        if value.starts_with('\n') {
            let _ = writeln!(s, "{}:{value}", f.path);
        } else {
            let _ = writeln!(s, "{}: {value}", f.path);
        }
    }
    report_block(&mut s, &std::collections::BTreeMap::new());
    s
}

/// Text as a YAML double-quoted scalar (JSON's string escapes are YAML's).
pub fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// A whole commented school file: `header` (comment lines), then each top-level field of
/// `values` in guide order with its comment. A value is the YAML text after `key:` (` "Oak"`,
/// or `\n  - a` for a block). `report:` comes last, with `report` answers from `answers` and
/// the placeholder for every answer not given.
pub fn school_file(
    header: &str,
    values: &std::collections::BTreeMap<&str, String>,
    answers: &std::collections::BTreeMap<&str, String>,
) -> String {
    let mut s = String::from(header);
    for f in FIELDS
        .iter()
        .filter(|f| !f.path.contains('.') && f.path != "report")
    {
        if let Some(v) = values.get(f.path) {
            s.push('\n');
            s.push_str(&comment(f.path, ""));
            let _ = writeln!(s, "{}:{v}", f.path);
        }
    }
    report_block(&mut s, answers);
    s
}

/// `report:` with its note, then every answer with its note: from `answers` (the YAML text
/// after `key:`), else the placeholder (`reviewed:` left empty).
fn report_block(s: &mut String, answers: &std::collections::BTreeMap<&str, String>) {
    s.push('\n');
    s.push_str(&comment("report", ""));
    s.push_str("report:\n");
    for f in FIELDS.iter().filter(|f| f.path.starts_with("report.")) {
        let key = &f.path["report.".len()..];
        s.push('\n');
        s.push_str(&comment(f.path, "  "));
        match answers.get(key) {
            Some(v) => {
                let _ = writeln!(s, "  {key}:{v}");
            }
            // A date cannot hold the placeholder: left empty, it is reported with the answers.
            None if key == "reviewed" => s.push_str("  reviewed:\n"),
            None => {
                let _ = writeln!(s, "  {key}: {}", quoted(TO_BE_WRITTEN));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_school_field_has_its_guide() {
        for (key, _) in crate::school::facts::KEYS {
            assert!(field(key).is_some(), "no guide for `{key}`");
        }
        for item in crate::school::items::ITEMS {
            let f = field(&format!("report.{}", item.key)).expect(item.key);
            assert!(
                !f.example.is_empty() && !f.length.is_empty(),
                "{}",
                item.key
            );
        }
    }

    #[test]
    fn a_written_file_is_a_school_file_with_placeholders() {
        let mut values = std::collections::BTreeMap::new();
        values.insert("name", " \"Oak \\\"Primary\\\"\"".to_string());
        let s = school_file("# made by a test\n", &values, &Default::default());
        assert!(
            s.starts_with("# made by a test\n\n# name: The school's full name"),
            "{s}"
        );
        assert!(s.contains("name: \"Oak \\\"Primary\\\"\"\n"), "{s}");
        assert!(s.contains("  # kinds_of_need: Item 1:"), "{s}");
        assert!(
            s.contains("  kinds_of_need: \"To be written by the school.\"\n"),
            "{s}"
        );
        let v: serde_yaml::Value = serde_yaml::from_str(&s).unwrap();
        assert_eq!(v["name"].as_str(), Some("Oak \"Primary\""));
        assert_eq!(v["report"]["transitions"].as_str(), Some(TO_BE_WRITTEN));
    }
}
