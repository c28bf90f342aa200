//! The meeting as plain data: what is saved in a session file, and the
//! [`Change`]s that edit it. Nothing here touches the disk or the terminal.

pub mod attendance;
mod change;
pub mod derived;
mod entry;
pub mod list;
pub mod meeting;
mod people;
mod session;
pub mod stats;
pub mod timeline;

pub use change::{Change, ChangeError, Edit, Field, Keyed};
pub use derived::Derived;
pub use entry::{Entry, EntryId, EntryKind};
pub use list::KeyedList;
pub use people::{
    Attendance, Attendee, AttendeeId, Credit, CreditRole, Organisation, Stay, credits_by_role,
};
pub use session::{AgendaId, AgendaItem, AgendaStatus, FORMAT_VERSION, Place, Problem, Session};

/// A moment in time with the UTC offset it was recorded in, so a file read in
/// another time zone still shows when things happened where they happened.
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;
