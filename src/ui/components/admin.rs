pub mod admin_layout;
pub mod confirm_box;
pub mod form_state;
pub mod formation_fields;
pub mod formation_nav;
pub mod select_field;
pub mod text_field;
