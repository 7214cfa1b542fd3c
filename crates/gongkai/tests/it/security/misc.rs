//! Security findings (issue 14): tests that fail before the fix.
