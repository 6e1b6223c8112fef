//! The admin area's pages, one per file.

pub mod attendance_grid;
pub mod audit_log;
pub mod certificate_list;
pub mod delivery_list;
pub mod enrollment_list;
pub mod formation_edit;
pub mod formation_list;
pub mod formation_new;
pub mod home;
pub mod request_list;
pub mod session_edit;
pub mod session_plan;
