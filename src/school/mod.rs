//! Schools: the facts in `content/schools/<slug>.yaml`, their value checks, the SEN information
//! report items (SEND Regulations 2014, Schedule 1), complaint-route contacts and the Local
//! Offer list of schools.

pub mod facts;
pub mod items;
pub mod local_offer;
pub mod report;
pub mod route;
pub mod values;

pub use facts::School;
