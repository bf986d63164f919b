//! Site settings: `site.yaml` read into a typed, checked [`SiteConfig`], and the build options
//! (root, output folder, drafts, base URL) the command line hands to the pipeline.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::positions::Positions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Who a page is written for; picks the default reading-age target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Parents,
    Schools,
    YoungPeople,
    #[default]
    Everyone,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Parents => "parents",
            Audience::Schools => "schools",
            Audience::YoungPeople => "young-people",
            Audience::Everyone => "everyone",
        }
    }
}

/// Target UK reading ages per audience.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadingAges {
    #[serde(default = "default_age_parents")]
    pub parents: u32,
    #[serde(default = "default_age_parents")]
    pub young_people: u32,
    #[serde(default = "default_age_everyone")]
    pub everyone: u32,
    #[serde(default = "default_age_schools")]
    pub schools: u32,
}

fn default_age_parents() -> u32 {
    11
}
fn default_age_everyone() -> u32 {
    12
}
fn default_age_schools() -> u32 {
    14
}

impl Default for ReadingAges {
    fn default() -> Self {
        ReadingAges {
            parents: 11,
            young_people: 11,
            everyone: 12,
            schools: 14,
        }
    }
}

impl ReadingAges {
    pub fn for_audience(&self, a: Audience) -> u32 {
        match a {
            Audience::Parents => self.parents,
            Audience::YoungPeople => self.young_people,
            Audience::Everyone => self.everyone,
            Audience::Schools => self.schools,
        }
    }
}

/// The local authority whose Local Offer this is (or whose area a school is in).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalAuthority {
    pub name: String,
    #[serde(default)]
    pub send_team_email: Option<String>,
    #[serde(default)]
    pub send_team_phone: Option<String>,
    #[serde(default)]
    pub local_offer_url: Option<String>,
    #[serde(default)]
    pub complaints_url: Option<String>,
    /// Where to write to the SEND team (regulation 57: the Local Offer without the internet).
    #[serde(default)]
    pub postal_address: Option<String>,
}

/// How strictly the Schedule 2 check judges a paragraph nothing answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    #[default]
    Warning,
    Error,
}

/// `local_offer:` in site.yaml: the site is a council's Local Offer, held to Schedule 2 and
/// regulation 57 of the SEND Regulations 2014.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalOfferSettings {
    /// A Schedule 2 paragraph nothing answers is a `warning` (default) or an `error`.
    #[serde(default)]
    pub schedule2: Strictness,
    /// The accessibility statement's page, linked from every page (path inside content/).
    #[serde(default = "default_statement")]
    pub accessibility_statement: String,
    /// The page saying how to get the Local Offer without the internet (path inside content/).
    #[serde(default)]
    pub without_internet: Option<String>,
}

fn default_statement() -> String {
    "about/accessibility.md".into()
}

/// `feedback:` in site.yaml: where the "Was this page useful?" form on every page goes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// The council's own form-handling address (`https://…`), which receives a POST of
    /// `useful`, `comment`, `page_title` and `page_url`. Without it the form opens an email.
    #[serde(default)]
    pub action: Option<String>,
    /// Who the email goes to without `action` (default: the SEND team's email).
    #[serde(default)]
    pub email: Option<String>,
}

/// One message for the banner on every page, shown from `from` to `to` (both days included).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    pub text: String,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// A page (path inside content/ or an absolute site path) or a web address with more.
    #[serde(default)]
    pub link: Option<String>,
    /// The link's words (default: the theme's "Find out more").
    #[serde(default)]
    pub link_text: Option<String>,
}

impl Announcement {
    pub fn is_shown(&self, today: chrono::NaiveDate) -> bool {
        self.from <= today && today <= self.to
    }
}

/// The local SEND information, advice and support service.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sendiass {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// `overdue_sen_reports:` in site.yaml: `auto` (the default) makes a school's overdue or unwritten
/// SEN information report a warning on a site of many schools (one school must not stop a
/// council's site) and an error on a school's own site; `warning` and `error` fix it either way.
/// `check --strict` fails on warnings too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverdueRule {
    #[default]
    Auto,
    Warning,
    Error,
}

impl OverdueRule {
    /// Whether the problem is only a warning, for a site of `many` schools or one.
    pub fn warns(self, many: bool) -> bool {
        match self {
            OverdueRule::Auto => many,
            OverdueRule::Warning => true,
            OverdueRule::Error => false,
        }
    }
}

/// One link of the header's short navigation (`nav:` in site.yaml): the site's main tasks.
/// Written as a page's path inside `content/` (`parents/sen-support.md`: the page's title and
/// description are used), or as a map with a `label` and a `page` or a site `url` (`/schools/`),
/// and optionally the one `sentence` its card on the home page shows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NavEntry {
    Page(String),
    Link(NavLink),
}

/// A `nav:` entry written as a map.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    pub label: String,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub sentence: Option<String>,
}

/// Header links when site.yaml has no `nav:`: the first top-level sections, in their order.
pub const DEFAULT_NAV: usize = 5;

/// `site.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// The languages pages are translated into, besides `language` (see `load::languages`).
    #[serde(default)]
    pub languages: Vec<crate::load::languages::Language>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default = "default_review_every")]
    pub review_every: u32,
    #[serde(default)]
    pub reading_age: ReadingAges,
    #[serde(default)]
    pub trusted_html: bool,
    #[serde(default = "default_true")]
    pub search: bool,
    #[serde(default)]
    pub acronyms_allowed: Vec<String>,
    #[serde(default)]
    pub pack: Vec<String>,
    /// The header's short list of links (the main tasks); `None`: the first [`DEFAULT_NAV`]
    /// top-level sections.
    #[serde(default)]
    pub nav: Option<Vec<NavEntry>>,
    #[serde(default)]
    pub local_authority: Option<LocalAuthority>,
    #[serde(default)]
    pub sendiass: Option<Sendiass>,
    /// Where the Open Referral UK feed goes: a folder path with a `/` at each end (`/api/`).
    #[serde(default = "default_oruk_path")]
    pub oruk_path: String,
    /// How `check` treats a school's SEN information report that is overdue for its yearly
    /// review (or still to be written).
    #[serde(default)]
    pub overdue_sen_reports: OverdueRule,
    /// The site is a council's Local Offer (Schedule 2 and regulation 57 are checked).
    #[serde(default)]
    pub local_offer: Option<LocalOfferSettings>,
    /// The feedback form on every page.
    #[serde(default)]
    pub feedback: Feedback,
    /// Banner messages, each shown between its dates.
    #[serde(default)]
    pub announcements: Vec<Announcement>,
    /// Free-form values for themes (`site.extra.*` in templates).
    #[serde(default)]
    pub extra: BTreeMap<String, serde_yaml::Value>,
    /// The text of `site.yaml`, for the lines diagnostics show.
    #[serde(skip)]
    pub text: String,
    /// Where each key and value of `site.yaml` is written.
    #[serde(skip)]
    pub positions: Positions,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_review_every() -> u32 {
    12
}
fn default_true() -> bool {
    true
}
fn default_oruk_path() -> String {
    "/api/".into()
}

/// Whether `path` is a feed folder: `/`, then `/`-joined parts of lower-case letters, digits,
/// `-` and `_`, ending in `/` (`/api/`, `/open-referral/v3/`).
pub fn is_folder_path(path: &str) -> bool {
    let Some(inner) = path.strip_prefix('/').and_then(|p| p.strip_suffix('/')) else {
        return false;
    };
    !inner.is_empty()
        && inner.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

impl SiteConfig {
    /// Reads and checks `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let path = root.join("site.yaml");
        let text = crate::load::files::read_text(root, &path).map_err(|e| {
            Diagnostic::error(Code::Config, "site.yaml", format!("cannot read site.yaml: {e}"))
                .with_hint(match e {
                    crate::load::files::ReadError::Outside => e.hint(""),
                    _ => format!(
                    "run senpack in a site folder (one with a site.yaml), pass --root, or make one with `senpack new DIR`; looked in {}",
                    root.display()
                ),
                })
        })?;
        SiteConfig::parse(text)
    }

    /// Reads and checks the text of a `site.yaml`.
    pub fn parse(text: String) -> Result<SiteConfig, Diagnostic> {
        let mut config: SiteConfig =
            crate::load::yaml::parse(&text, Path::new("site.yaml"), &text, 1)?;
        config.positions = Positions::of(&text, 1);
        config.text = text;
        config.validate()?;
        Ok(config)
    }

    /// The 1-based line of the key at `path` in `site.yaml` (see [`Positions`]), else of its
    /// nearest written parent; 0 when none is written.
    pub fn line_of(&self, path: &str) -> usize {
        self.positions.nearest_key_line(path).unwrap_or(0)
    }

    fn validate(&self) -> Result<(), Diagnostic> {
        let key_line = |key: &str| self.line_of(key);
        let text = self.text.as_str();
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(Diagnostic::error(
                Code::Config,
                "site.yaml",
                format!("base_url `{}` is not a web address", self.base_url),
            )
            .at(key_line("base_url"), 0, Some(text))
            .with_hint("write it in full, e.g. `base_url: \"https://send.example.org\"`"));
        }
        if !is_language_code(&self.language) {
            return Err(Diagnostic::error(
                Code::Config,
                "site.yaml",
                format!("language `{}` is not a language code", self.language),
            )
            .at(key_line("language"), 0, Some(text))
            .with_hint("write a language tag of letters and digits joined by `-`, e.g. `language: en`, `cy`, `pt-BR` or `zh-Hant`"));
        }
        self.validate_languages()?;
        if !is_folder_path(&self.oruk_path) {
            return Err(Diagnostic::error(
                Code::Config,
                "site.yaml",
                format!("oruk_path `{}` is not a folder path", self.oruk_path),
            )
            .at(key_line("oruk_path"), 0, Some(text))
            .with_hint("write a folder with a `/` at each end, in lower-case letters, digits, `-` and `_`, e.g. `oruk_path: /api/`"));
        }
        for (n, entry) in self.nav.iter().flatten().enumerate() {
            let NavEntry::Link(link) = entry else {
                continue;
            };
            let problem = match (&link.page, &link.url) {
                (Some(_), Some(_)) => Some("has both `page` and `url`"),
                (None, None) => Some("has neither `page` nor `url`"),
                (None, Some(url)) if !url.starts_with('/') || url.starts_with("//") => {
                    Some("has a `url` that is not an address on this site")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                return Err(Diagnostic::error(
                    Code::Config,
                    "site.yaml",
                    format!("the nav link `{}` {problem}", link.label),
                )
                .at(key_line(&format!("nav[{n}]")), 0, Some(text))
                .with_hint("give each nav link one of `page: parents/sen-support.md` (a page inside content/) or `url: /schools/` (an address on this site starting with `/`)"));
            }
        }
        if let Some(action) = &self.feedback.action {
            if !action.starts_with("https://") || action.len() <= "https://".len() {
                return Err(Diagnostic::error(
                    Code::Config,
                    "site.yaml",
                    format!("feedback.action `{action}` is not an https:// address"),
                )
                .at(key_line("feedback.action"), 0, Some(text))
                .with_hint("give the full https:// address of the council's own form-handling service, or leave `action` out to have the form open an email"));
            }
        }
        for (n, a) in self.announcements.iter().enumerate() {
            if a.to < a.from {
                return Err(Diagnostic::error(
                    Code::Config,
                    "site.yaml",
                    format!(
                        "announcement {} ends ({}) before it starts ({})",
                        n + 1,
                        a.to,
                        a.from
                    ),
                )
                .at(key_line(&format!("announcements[{n}].to")), 0, Some(text))
                .with_hint(
                    "set `to:` to the last day the banner should show, on or after `from:`",
                ));
            }
        }
        if self.theme.contains(['/', '\\']) || self.theme.contains("..") {
            return Err(Diagnostic::error(
                Code::Config,
                "site.yaml",
                format!("theme `{}` is not a theme name", self.theme),
            )
            .at(key_line("theme"), 0, Some(text))
            .with_hint("name a folder inside themes/, e.g. `theme: default`"));
        }
        Ok(())
    }

    /// Each of `languages:` a tag, with a name, listed once, and not the site's own language.
    fn validate_languages(&self) -> Result<(), Diagnostic> {
        let text = self.text.as_str();
        let mut seen: Vec<&str> = Vec::new();
        for (n, lang) in self.languages.iter().enumerate() {
            let line = self.line_of(&format!("languages[{n}].code"));
            let problem = if !is_language_code(&lang.code) {
                Some(format!("`{}` is not a language code", lang.code))
            } else if lang.code == self.language {
                Some(format!(
                    "`{}` is the site's own language (`language:`)",
                    lang.code
                ))
            } else if lang.code.starts_with(crate::load::languages::EASY_READ) {
                Some(format!(
                    "`{}` is kept for Easy Read versions (`page.easy.md`)",
                    lang.code
                ))
            } else if seen.contains(&lang.code.as_str()) {
                Some(format!("`{}` is listed twice", lang.code))
            } else if lang.name.trim().is_empty() {
                Some(format!("the language `{}` has no name", lang.code))
            } else {
                None
            };
            if let Some(message) = problem {
                return Err(Diagnostic::error(
                    Code::Config,
                    "site.yaml",
                    format!("languages: {message}"),
                )
                .at(line, 0, Some(text))
                .with_hint("list each translation language once, as `- {code: pl, name: \"Polski\"}` with its name in its own script; Easy Read needs no entry"));
            }
            seen.push(&lang.code);
        }
        Ok(())
    }

    /// The codes of `languages:`, in the order listed.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// The path part of `base_url` without a trailing slash ("" for a site at the root of its host).
    pub fn path_prefix(&self) -> String {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        match rest.find('/') {
            Some(i) => rest[i..].trim_end_matches('/').to_string(),
            None => String::new(),
        }
    }

    /// `base_url` without a trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

pub use crate::load::languages::is_language_code;

/// What the command line asked for; everything the pipeline needs besides the site's own files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Build a single-school site for this school slug.
    pub school: Option<String>,
    /// Serve mode: inject the live-reload script.
    pub live_reload: bool,
    /// The date review dates and report ages are judged by. The command line sets it (from
    /// `SENPACK_TODAY` or the clock); nothing below it reads the clock or the environment.
    pub today: chrono::NaiveDate,
}

impl BuildOptions {
    /// Options for the site in `root`, with review dates judged by `today`.
    pub fn new(root: impl Into<PathBuf>, today: chrono::NaiveDate) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            base_url: None,
            school: None,
            live_reload: false,
            today,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(base: &str) -> SiteConfig {
        serde_yaml::from_str(&format!("title: t\ndescription: d\nbase_url: {base}\n")).unwrap()
    }

    #[test]
    fn oruk_path_is_a_folder_path() {
        assert!(is_folder_path("/api/") && is_folder_path("/open-referral/v3/"));
        for bad in ["", "/", "api/", "/api", "/../", "/a//b/", "/API/", "/a b/"] {
            assert!(!is_folder_path(bad), "{bad}");
        }
        let base = "title: T\ndescription: D\nbase_url: https://x.example\n";
        assert_eq!(SiteConfig::parse(base.into()).unwrap().oruk_path, "/api/");
        let d = SiteConfig::parse(format!("{base}oruk_path: api\n")).unwrap_err();
        assert_eq!(d.line, 4, "{d:?}");
    }

    #[test]
    fn languages_are_checked_at_their_line() {
        let base = "title: T\ndescription: D\nbase_url: https://x.example\nlanguages:\n";
        let ok =
            format!("{base}  - {{code: pl, name: \"Polski\"}}\n  - code: ur\n    name: \"اردو\"\n");
        let c = SiteConfig::parse(ok).unwrap();
        assert_eq!(c.language_codes().collect::<Vec<_>>(), ["pl", "ur"]);
        for (bad, line, msg) in [
            (
                "  - {code: pl, name: P}\n  - {code: pl, name: Q}\n",
                6,
                "`pl` is listed twice",
            ),
            (
                "  - {code: en, name: English}\n",
                5,
                "`en` is the site's own language",
            ),
            (
                "  - {code: \"p l\", name: P}\n",
                5,
                "`p l` is not a language code",
            ),
            ("  - {code: easy, name: E}\n", 5, "kept for Easy Read"),
            ("  - {code: pl, name: \" \"}\n", 5, "has no name"),
        ] {
            let d = SiteConfig::parse(format!("{base}{bad}")).unwrap_err();
            assert_eq!(d.line, line, "{bad}: {d:?}");
            assert!(d.message.contains(msg), "{bad}: {}", d.message);
        }
    }

    #[test]
    fn path_prefix_comes_from_base_url() {
        assert_eq!(cfg("https://a.org").path_prefix(), "");
        assert_eq!(cfg("https://a.org/").path_prefix(), "");
        assert_eq!(cfg("https://a.org/send/").path_prefix(), "/send");
    }

    #[test]
    fn language_codes_are_tags() {
        for ok in ["en", "cy", "pt-BR", "zh-Hant", "es-419"] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in [
            "", "e", "../../x", "en/..", "en-", "en_GB", "en-GB-", "en.yaml",
        ] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn defaults_fill_in() {
        let c = cfg("https://a.org");
        assert_eq!(c.theme, "default");
        assert_eq!(c.review_every, 12);
        assert_eq!(c.reading_age.for_audience(Audience::Parents), 11);
        assert!(c.search);
    }

    #[test]
    fn a_wrong_value_is_named_at_its_key_however_it_is_written() {
        // The text search this replaced wanted `key:` at the start of a line, and gave line 0
        // for a quoted key or a space before the colon.
        let d = SiteConfig::parse("title: t\ndescription: d\n\"base_url\": a.org\n".into())
            .unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (3, "base_url `a.org` is not a web address")
        );
        assert_eq!(d.source_line.as_deref(), Some("\"base_url\": a.org"));
        let text = "title: t\ndescription: d\nbase_url: https://a.org\n# theme: x\ntheme : ../x\n";
        let d = SiteConfig::parse(text.into()).unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (5, "theme `../x` is not a theme name")
        );
        let text = "title: t\ndescription: d\nbase_url: https://a.org\nlanguage: en_GB\n";
        let c = SiteConfig::parse(text.replace("en_GB", "en")).unwrap();
        assert_eq!((c.line_of("language"), c.line_of("theme")), (4, 0));
        assert_eq!(SiteConfig::parse(text.into()).unwrap_err().line, 4);
    }
}
