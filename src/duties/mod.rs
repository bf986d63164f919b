//! The council's own Local Offer duties: the paragraphs of Schedule 2 a Local Offer must answer,
//! "You said, we did" (regulation 56) and events. The announcements banner and the regulation 57
//! settings are part of `site.yaml` (`load::config`); the checks that hold a site to all of them
//! are `checks::duties`.

pub mod events;
pub mod said_we_did;
pub mod schedule2;

pub use events::Event;
pub use said_we_did::SaidWeDid;
