//! 依申请公开 (placeholder being built)
