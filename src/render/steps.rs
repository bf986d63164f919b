//! Step-by-step routes (a complaint route's `steps:`): the value templates show, with each
//! step's page linked and its text rendered and cleaned.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::content::resolve_relative;
use crate::load::content::Step;
use crate::load::markdown;
use crate::model::links::Links;
use crate::model::site::Site;
use crate::render::markdown::{render, Labels};
use serde::Serialize;
use serde_json::Value;

/// One step as templates see it.
#[derive(Serialize)]
struct StepView<'a> {
    number: usize,
    title: &'a str,
    who: &'a Option<String>,
    /// Rendered and cleaned Markdown.
    what: Option<String>,
    cannot: Option<String>,
    time_limit: &'a Option<String>,
    url: Option<String>,
    current: bool,
}

/// A route as templates see it.
#[derive(Serialize)]
struct RouteView<'a> {
    title: &'a str,
    url: String,
    items: Vec<StepView<'a>>,
    on_route_page: bool,
}

/// The route of page `owner`, shown on `owner` itself (`current` is `None`) or on one of its
/// step pages.
struct Route<'a> {
    site: &'a Site,
    owner: usize,
    current: Option<usize>,
    links: &'a Links<'a>,
    labels: &'a Labels,
}

impl<'a> Route<'a> {
    fn page(&self) -> &'a crate::model::site::Page {
        &self.site.pages[self.owner]
    }

    /// Step `n`: its page found (a missing one reported on the route page), its text rendered.
    fn step(&self, n: usize, s: &'a Step, diags: &mut Vec<Diagnostic>) -> StepView<'a> {
        let owner = self.page();
        let target = s.page.as_ref().and_then(|p| {
            let src = resolve_relative(&owner.src.source, p)?;
            self.site.find_source(owner.school.as_deref(), &src)
        });
        if let (Some(p), None, true) = (&s.page, target, self.current.is_none()) {
            let line = owner.src.front_matter_line(&format!("steps[{n}].page"));
            diags.push(
                Diagnostic::error(
                    Code::Links,
                    owner.src.file.clone(),
                    format!("step {} links to a missing page `{p}`", n + 1),
                )
                .at(line, 0, Some(&owner.src.text))
                .with_hint("give the step's `page:` as a path relative to this file, e.g. `class-teacher.md`"),
            );
        }
        StepView {
            number: n + 1,
            title: &s.title,
            who: &s.who,
            what: self.text(n, "what", &s.what, diags),
            cannot: self.text(n, "cannot", &s.cannot, diags),
            time_limit: &s.time_limit,
            url: target.map(|t| self.site.url(&self.site.pages[t].path)),
            current: target.is_some() && target == self.current,
        }
    }

    /// Step text is printed with `| safe`: cleaned like any untrusted body, and its link
    /// problems reported at the step's line (once, on the route page).
    fn text(
        &self,
        n: usize,
        key: &str,
        text: &Option<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let owner = self.page();
        let t = text.as_ref()?;
        let r = render(markdown::parse(t), self.labels, |l| {
            self.links.resolve(self.owner, l)
        });
        if self.current.is_none() {
            let line = owner.src.front_matter_line(&format!("steps[{n}].{key}"));
            for p in &r.problems {
                diags.push(
                    Diagnostic::error(
                        Code::Links,
                        owner.src.file.clone(),
                        format!("step {} `{key}`: {}", n + 1, p.message),
                    )
                    .at(line, 0, Some(&owner.src.text))
                    .with_hint(p.hint.clone()),
                );
            }
        }
        Some(if self.site.config.trusted_html {
            r.html
        } else {
            crate::render::sanitize::clean(&r.html)
        })
    }
}

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
    let route = Route {
        site,
        owner,
        current,
        links,
        labels,
    };
    let owner_page = route.page();
    let items: Vec<StepView> = owner_page
        .src
        .front
        .steps
        .iter()
        .enumerate()
        .map(|(n, s)| route.step(n, s, diags))
        .collect();
    if current.is_some() && !items.iter().any(|s| s.current) {
        return Value::Null;
    }
    let view = RouteView {
        title: owner_page.title(),
        url: site.url(&owner_page.path),
        items,
        on_route_page: current.is_none(),
    };
    serde_json::to_value(view).expect("the route view is plain data")
}
