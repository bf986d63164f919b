//! Step-by-step routes (a complaint route's `steps:`): the value templates show, with each
//! step's page linked and its text rendered and cleaned.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::content::resolve_relative;
use crate::load::markdown;
use crate::model::links::Links;
use crate::model::site::Site;
use crate::render::markdown::{render, Labels};
use serde_json::{json, Value};

/// The step-by-step route a page shows: its own `steps`, or its section's with itself marked current.
pub fn steps_value(
    site: &Site,
    i: usize,
    links: &Links,
    labels: &Labels,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    let page = &site.pages[i];
    let (owner, current) = if !page.src.front.steps.is_empty() {
        (i, None)
    } else {
        match page.parent {
            Some(p) if !site.pages[p].src.front.steps.is_empty() => (p, Some(i)),
            _ => return Value::Null,
        }
    };
    let owner_page = &site.pages[owner];
    let mut found_current = false;
    let steps: Vec<Value> = owner_page
        .src
        .front
        .steps
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let target = s.page.as_ref().and_then(|p| {
                let src = resolve_relative(&owner_page.src.source, p)?;
                site.find_source(owner_page.school.as_deref(), &src)
            });
            if let (Some(p), None, true) = (&s.page, target, current.is_none()) {
                let line = owner_page
                    .src
                    .front_matter_line(&format!("steps[{n}].page"));
                diags.push(
                    Diagnostic::error(
                        Code::Links,
                        owner_page.src.file.clone(),
                        format!("step {} links to a missing page `{p}`", n + 1),
                    )
                    .at(line, 0, Some(&owner_page.src.text))
                    .with_hint("give the step's `page:` as a path relative to this file, e.g. `class-teacher.md`"),
                );
            }
            let is_current = target.is_some() && target == current;
            found_current |= is_current;
            // Step text is printed with `| safe`: cleaned like any untrusted body, and its
            // link problems reported at the step's line.
            let mut inline = |key: &str, text: &Option<String>| {
                text.as_ref().map(|t| {
                    let r = render(markdown::parse(t), labels, |l| links.resolve(owner, l));
                    if current.is_none() {
                        let line = owner_page
                            .src
                            .front_matter_line(&format!("steps[{n}].{key}"));
                        for p in &r.problems {
                            diags.push(
                                Diagnostic::error(
                                    Code::Links,
                                    owner_page.src.file.clone(),
                                    format!("step {} `{key}`: {}", n + 1, p.message),
                                )
                                .at(line, 0, Some(&owner_page.src.text))
                                .with_hint(p.hint.clone()),
                            );
                        }
                    }
                    if site.config.trusted_html {
                        r.html
                    } else {
                        crate::render::sanitize::clean(&r.html)
                    }
                })
            };
            let what = inline("what", &s.what);
            let cannot = inline("cannot", &s.cannot);
            json!({
                "number": n + 1,
                "title": s.title,
                "who": s.who,
                "what": what,
                "cannot": cannot,
                "time_limit": s.time_limit,
                "url": target.map(|t| site.url(&site.pages[t].path)),
                "current": is_current,
            })
        })
        .collect();
    if current.is_some() && !found_current {
        return Value::Null;
    }
    json!({
        "title": owner_page.title(),
        "url": site.url(&owner_page.path),
        "items": steps,
        "on_route_page": current.is_none(),
    })
}
