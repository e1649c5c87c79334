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
/// The end of the year 9999 (`9999-12-31T23:59:59Z`) in seconds since
/// 1970: the simulated clock starts no later and no clock step carries it
/// further, so every time stays a four-digit-year ISO 8601 date.
pub const MAX_CLOCK: i64 = 253_402_300_799;
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

/// The largest scenario document, in bytes (4 MiB): larger text is
/// rejected before it is parsed.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
/// The longest string (or object key) in a scenario, in characters. IAM's
/// own limits are far lower (an ARN has at most 2,048 characters, a policy
/// 10,240 without whitespace); this one keeps every message, hint and
/// pattern match over a scenario's strings small.
pub const MAX_STRING_CHARS: usize = 65_536;
/// Characters of a message or help text at most (user input in messages
/// is cut short beyond this).
pub const MAX_MESSAGE_CHARS: usize = 1_000;

/// Errors (and, separately, warnings) a load lists at most. Past this the
/// loader only counts them, in one last entry ("and N more errors not
/// listed"), and works out no more positions or hints: rejecting any input
/// takes time linear in its size.
pub const MAX_ERRORS: usize = 100;
/// The code of the entry that counts the errors not listed.
pub const TOO_MANY_ERRORS: &str = "TooManyErrors";
/// The code of the entry that counts the warnings not listed.
pub const TOO_MANY_WARNINGS: &str = "too-many-warnings";
/// Names that "did you mean" compares against in one load, at most: a
/// hint over a list of names is skipped once the lists compared so far
/// hold this many, so hints cost bounded time whatever the scenario.
pub const FUZZY_BUDGET: usize = 20_000;
