//! The fixed taxonomy of the Local Offer directory: service categories, needs and accessibility
//! features, each a slug (what files write) with its plain label and a one-line description. The
//! directory's filters, the service checks and the Open Referral UK `/taxonomies` feed read it.

/// One term: its slug, label and description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub slug: &'static str,
    pub label: &'static str,
    pub description: &'static str,
}

const fn t(slug: &'static str, label: &'static str, description: &'static str) -> Term {
    Term {
        slug,
        label,
        description,
    }
}

/// The paragraphs of the SEND Regulations 2014, Schedule 2 (numbers as `duties::schedule2`
/// writes them) that the directory's page of each category answers when a service shown on
/// the site has that category.
pub const CATEGORY_LOCAL_OFFER: &[(&str, &[&str])] = &[
    ("education-settings", &["1", "3"]),
    ("early-years", &["1"]),
    ("health", &["6"]),
    ("therapies", &["6"]),
    ("mental-health", &["6", "5j"]),
    ("social-care", &["7"]),
    ("short-breaks", &["7"]),
    ("activities-and-clubs", &["8", "5g"]),
    ("holiday-schemes", &["8"]),
    ("transport", &["10"]),
    ("information-and-advice", &["15"]),
    ("parent-carer-support", &["15"]),
    ("preparing-for-adulthood", &["12"]),
    ("employment-and-training", &["9"]),
    ("housing", &["12"]),
    ("money-and-benefits", &["15"]),
];

/// The Schedule 2 paragraphs a category's directory page answers.
pub fn category_local_offer(slug: &str) -> &'static [&'static str] {
    CATEGORY_LOCAL_OFFER
        .iter()
        .find(|(s, _)| *s == slug)
        .map_or(&[], |(_, list)| list)
}

/// What kind of help a service gives.
pub const CATEGORIES: &[Term] = &[
    t(
        "education-settings",
        "Schools, colleges and education settings",
        "Places where children and young people learn, and the teams that support them.",
    ),
    t(
        "early-years",
        "Early years",
        "Help for babies and children under 5, and their families.",
    ),
    t("health", "Health", "NHS and other health services."),
    t(
        "therapies",
        "Therapies",
        "Speech and language, occupational, physical and other therapies.",
    ),
    t(
        "mental-health",
        "Mental health and wellbeing",
        "Help with feelings, worries and mental health.",
    ),
    t(
        "social-care",
        "Social care",
        "Support from the council's social care teams.",
    ),
    t(
        "short-breaks",
        "Short breaks",
        "Time away or activities that give families a break from caring.",
    ),
    t(
        "activities-and-clubs",
        "Activities and clubs",
        "Sport, play, youth clubs and things to do.",
    ),
    t(
        "holiday-schemes",
        "Holiday schemes",
        "Clubs and activities in the school holidays.",
    ),
    t(
        "transport",
        "Transport",
        "Getting to school, college and activities.",
    ),
    t(
        "information-and-advice",
        "Information and advice",
        "Free, clear information and advice.",
    ),
    t(
        "parent-carer-support",
        "Support for parents and carers",
        "Groups, courses and help for parents and carers.",
    ),
    t(
        "preparing-for-adulthood",
        "Preparing for adulthood",
        "Help for young people moving towards adult life.",
    ),
    t(
        "employment-and-training",
        "Work and training",
        "Supported internships, apprenticeships and help to find work.",
    ),
    t(
        "housing",
        "Housing",
        "Homes, adaptations and housing advice.",
    ),
    t(
        "money-and-benefits",
        "Money and benefits",
        "Benefits, grants and help with money.",
    ),
];

/// Needs a service is for: the four broad areas of need (SEND Code of Practice 6.28–6.35) and
/// common specific needs.
pub const NEEDS: &[Term] = &[
    t(
        "communication-and-interaction",
        "Communication and interaction",
        "Talking, understanding and getting on with others.",
    ),
    t(
        "cognition-and-learning",
        "Cognition and learning",
        "Learning, remembering and thinking.",
    ),
    t(
        "social-emotional-and-mental-health",
        "Social, emotional and mental health",
        "Feelings, behaviour and mental health.",
    ),
    t(
        "sensory-and-physical",
        "Sensory and physical",
        "Hearing, sight, movement and physical health.",
    ),
    t("autism", "Autism", "Autistic children and young people."),
    t("adhd", "ADHD", "Attention deficit hyperactivity disorder."),
    t(
        "dyslexia",
        "Dyslexia",
        "Difficulty with reading and spelling.",
    ),
    t(
        "speech-language-and-communication",
        "Speech, language and communication",
        "Speaking, understanding words and being understood.",
    ),
    t(
        "hearing-impairment",
        "Hearing impairment",
        "Deaf children and those with some hearing loss.",
    ),
    t(
        "visual-impairment",
        "Visual impairment",
        "Blind children and those with some sight loss.",
    ),
    t(
        "multi-sensory-impairment",
        "Multi-sensory impairment",
        "Both hearing and sight loss.",
    ),
    t(
        "physical-disability",
        "Physical disability",
        "Difficulty moving or using the body.",
    ),
    t(
        "learning-disability",
        "Learning disability",
        "Finding learning and everyday tasks harder than most.",
    ),
    t(
        "medical-needs",
        "Medical needs",
        "Health conditions that need care during the day.",
    ),
];

/// Accessibility features of a place.
pub const ACCESSIBILITY: &[Term] = &[
    t(
        "step-free-access",
        "Step-free access",
        "No steps to get in and around.",
    ),
    t(
        "hearing-loop",
        "Hearing loop",
        "A hearing loop for hearing aid users.",
    ),
    t(
        "changing-places-toilet",
        "Changing Places toilet",
        "A large toilet with a hoist and changing bench.",
    ),
    t(
        "accessible-toilet",
        "Accessible toilet",
        "A toilet for wheelchair users.",
    ),
    t("parking", "Parking", "Parking on site."),
    t(
        "blue-badge-parking",
        "Blue Badge parking",
        "Parking spaces for Blue Badge holders.",
    ),
    t("quiet-space", "Quiet space", "A calm room to take a break."),
    t("lift", "Lift", "A lift to other floors."),
    t(
        "sensory-room",
        "Sensory room",
        "A room with lights, sounds and textures to explore.",
    ),
];

/// The term of `slug` in `list`.
pub fn find(list: &'static [Term], slug: &str) -> Option<&'static Term> {
    list.iter().find(|t| t.slug == slug)
}

/// The slugs of `list`, for a hint naming the allowed values.
pub fn slugs(list: &[Term]) -> String {
    list.iter().map(|t| t.slug).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_lower_case_words() {
        for list in [CATEGORIES, NEEDS, ACCESSIBILITY] {
            let mut seen = std::collections::HashSet::new();
            for term in list {
                assert!(seen.insert(term.slug), "{} twice", term.slug);
                assert!(
                    term.slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{}",
                    term.slug
                );
                assert!(!term.label.is_empty() && term.description.ends_with('.'));
            }
        }
        assert_eq!(find(NEEDS, "adhd").map(|t| t.label), Some("ADHD"));
        assert!(find(CATEGORIES, "nope").is_none());
        assert!(slugs(ACCESSIBILITY).starts_with("step-free-access, hearing-loop"));
    }

    #[test]
    fn the_four_areas_of_need_match_the_school_list() {
        for (slug, label) in crate::school::facts::NEEDS {
            assert_eq!(find(NEEDS, slug).map(|t| t.label), Some(*label));
        }
    }
}
