//! Limits: IAM's size quotas for policies (the IAM and STS quotas page
//! counts characters other than whitespace: [`policy::non_whitespace_len`]) and roleplay's own bounds on
//! steps and clock jumps, which keep every computation small.

/// The scenario format version this crate implements.
pub const FORMAT_VERSION: u32 = 1;
/// `Clock` when the document has none.
pub const DEFAULT_CLOCK: &str = "2026-01-01T00:00:00Z";

/// The longest jump of one clock step (100 years): keeps every time
/// computation far from overflow.
pub const MAX_ADVANCE: i64 = 100 * 365 * 86_400;
/// Steps in one scenario at most.
pub const MAX_STEPS: usize = 10_000;

/// Non-whitespace size quotas (IAM and STS quotas page): a user's inline
/// policies together.
pub const USER_INLINE_QUOTA: usize = 2_048;
/// A group's inline policies together.
pub const GROUP_INLINE_QUOTA: usize = 5_120;
/// A role's inline policies together.
pub const ROLE_INLINE_QUOTA: usize = 10_240;
/// A role trust policy.
pub const TRUST_QUOTA: usize = 2_048;
/// A managed policy (a permissions boundary, an SCP).
pub const MANAGED_QUOTA: usize = 6_144;
/// A session policy's plaintext, every character counted (AssumeRole: "The
/// plaintext that you use for both inline and managed session policies
/// can't exceed 2,048 characters"). Part of the request: a step error, not
/// a load error.
pub const SESSION_POLICY_QUOTA: usize = 2_048;
