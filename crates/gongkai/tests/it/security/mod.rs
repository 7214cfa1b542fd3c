//! Tests for the findings of the security review (issue 14), one file per area.
//! Each test failed before its fix.

mod auth;
mod docs;
mod misc;
mod scope;
