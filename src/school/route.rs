//! The complaint route for one school: which step of the site's step-by-step route is about which of
//! the school's people (SENCO, headteacher, chair of governors) or the local authority, and the
//! contact details shown at that step.

use crate::load::config::SiteConfig;
use crate::load::content::Step;
use crate::school::facts::{Person, School};
use serde_json::{json, Value};

/// Who a step of the route is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Senco,
    Headteacher,
    Governors,
    LocalAuthority,
}

/// Finds the role of a step: from its page's file name (`senco.md`, `headteacher.md`,
/// `governors.md`, `local-authority.md`); a step without a page, from words in its title.
pub fn role(step: &Step) -> Option<Role> {
    let stem = step
        .page
        .as_deref()
        .and_then(|p| p.rsplit('/').next())
        .map(|p| p.trim_end_matches(".md"));
    match stem {
        Some("senco") => return Some(Role::Senco),
        Some("headteacher") => return Some(Role::Headteacher),
        Some("governors") => return Some(Role::Governors),
        Some("local-authority") => return Some(Role::LocalAuthority),
        Some(_) => return None,
        None => {}
    }
    let t = step.title.to_lowercase();
    if t.contains("headteacher") {
        Some(Role::Headteacher)
    } else if t.contains("senco") || t.contains("co-ordinator") || t.contains("coordinator") {
        Some(Role::Senco)
    } else if t.contains("governors") {
        Some(Role::Governors)
    } else if t.contains("council") || t.contains("local authority") {
        Some(Role::LocalAuthority)
    } else {
        None
    }
}

fn person(label: &str, p: &Person, reply: Option<&String>) -> Value {
    json!({
        "label": label,
        "name": p.name,
        "email": p.email,
        "phone": p.phone,
        "available": p.available,
        "how": p.contact,
        "reply_within": reply,
    })
}

/// The contact details to show at `step` for `school`, if the step is about someone it names.
pub fn contact(step: &Step, school: &School, config: &SiteConfig) -> Option<Value> {
    let f = &school.facts;
    let reply = f.reply_within.as_ref();
    match role(step)? {
        Role::Senco => Some(person("SENCO", &f.senco, reply)),
        Role::Headteacher => {
            let mut v = person("Headteacher", &f.headteacher, reply);
            if let Some(g) = &f.sen_governor {
                v["also"] = person("SEN governor", g, None);
            }
            Some(v)
        }
        Role::Governors => {
            let chair = f.chair_of_governors.as_ref()?;
            let mut v = person("Chair of governors", chair, None);
            if chair.email.is_none() && chair.phone.is_none() && chair.contact.is_none() {
                v["how"] = json!(f.address.as_ref().map(|a| format!("Write to them at {a}")));
            }
            Some(v)
        }
        Role::LocalAuthority => {
            let la = config.local_authority.as_ref()?;
            Some(json!({
                "label": "Local authority",
                "name": la.name,
                "email": la.send_team_email,
                "phone": la.send_team_phone,
                "url": la.complaints_url,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str, page: Option<&str>) -> Step {
        Step {
            title: title.into(),
            who: None,
            what: None,
            cannot: None,
            time_limit: None,
            page: page.map(Into::into),
        }
    }

    #[test]
    fn roles_come_from_page_then_title() {
        assert_eq!(role(&step("x", Some("senco.md"))), Some(Role::Senco));
        assert_eq!(
            role(&step(
                "Talk to the headteacher or the special educational needs governor",
                None
            )),
            Some(Role::Headteacher)
        );
        assert_eq!(
            role(&step("Make a formal complaint to the governors", None)),
            Some(Role::Governors)
        );
        assert_eq!(
            role(&step("Go to the local council", None)),
            Some(Role::LocalAuthority)
        );
        assert_eq!(
            role(&step("Talk to the class teacher", Some("class-teacher.md"))),
            None
        );
        assert_eq!(
            role(&step(
                "Try mediation about a council decision",
                Some("mediation.md")
            )),
            None
        );
        assert_eq!(
            role(&step("Appeal to the tribunal", Some("tribunal.md"))),
            None
        );
    }
}
