//! IAM wildcard patterns (`Action`, `Resource`, `StringLike`, `ArnLike`)
//! that can never blow up.
//!
//! A pattern is compiled once into tokens — literal text, `*`, `?`, policy
//! variables (`${aws:username}`) — and a fast path is chosen at compile time
//! (exact text, `*`, `prefix*`, `*suffix`, `*infix*`). Everything else runs
//! the glob matcher: patterns of literals and `*` by a greedy leftmost
//! search of each literal piece in turn, O(len(text) + len(pattern));
//! patterns with `?` (and ARN patterns whose variables put a `:` in the
//! prefix) by a bit-parallel NFA, O(len(text) × len(pattern) / 64). Nothing
//! backtracks: `a*a*a*a*b` or `*aaaa…a?b` against a long run of `a`s is as
//! fast as any other pattern.
//!
//! # Flavors
//!
//! - [`Flavor::Literal`]: no wildcards; `*` and `?` are ordinary characters.
//! - [`Flavor::Glob`] (actions, `StringLike`): `*` matches any run of
//!   characters (including none), `?` exactly one character.
//! - [`Flavor::Arn`] (resources, `ArnLike`): as `Glob`, except that in the
//!   first five segments of the pattern (`arn:partition:service:region:account:`)
//!   a `*` or `?` does not match `:`, so a wildcard cannot spill from one ARN
//!   segment into the next. In the resource part (after the pattern's fifth
//!   `:`) wildcards match anything, including `:` and `/`; so does a `*` that
//!   is the last character of the pattern (`*` alone matches everything,
//!   `arn:aws:s3:*` every S3 ARN).
//!
//! Matching is case-sensitive unless the pattern was compiled with
//! `fold_case` (actions), in which case ASCII letters match either case.
//!
//! # Policy variables
//!
//! With `variables`, `${key}` is replaced by the request's value of `key`
//! (looked up through [`Vars`]), `${key, 'default'}` falls back to
//! `default` when the key is absent, and `${*}`, `${?}`, `${$}` stand for a
//! literal `*`, `?` and `$`. A variable's value is matched literally: a `*`
//! in it is not a wildcard. A variable with no value and no default makes
//! the pattern match nothing. In the ARN prefix, the segment a wildcard is
//! in is decided by the pattern's own colons, never by colons in values.

// This file holds the pattern type, its tokens and `Pattern::is_match`;
// `compile.rs` turns text into tokens and picks the fast path, `glob.rs` is
// the piecewise `*` matcher, `segments.rs` the ARN segment matcher, and
// `nfa.rs` the bit-parallel NFA for `?` and for variables whose values
// hold a `:`.
mod compile;
mod glob;
mod nfa;
mod segments;

use std::fmt;

use crate::context::Vars;
use glob::{eq, find_from, glob};
use nfa::nfa;
use segments::{arn_match, prefix_len};

/// How `*` and `?` behave; see the [module documentation](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// No wildcards: `*` and `?` are ordinary characters.
    Literal,
    /// `*` matches any run of characters, `?` exactly one.
    Glob,
    /// Like `Glob`, but wildcards in the first five ARN segments do not
    /// match `:`.
    Arn,
}

/// Why a pattern does not compile: a lowercase message and the byte offset
/// in the pattern where the problem starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong with the policy variable.
    pub message: String,
    /// Where it starts in the pattern, in bytes.
    pub offset: usize,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

/// Number of `:`-separated ARN segments in which wildcards stay within
/// their segment (`arn`, partition, service, region, account).
const ARN_PREFIX_SEGMENTS: usize = 5;

/// A compiled token.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// Literal text (never empty; lower-cased when folding case).
    Lit(String),
    /// A `:` separating two of the first five ARN segments (Arn flavor
    /// only; it matches a literal `:`).
    Sep,
    /// `?`; `true` when it may match `:`.
    Any(bool),
    /// `*`; `true` when it may match `:`. Never two in a row.
    Star(bool),
    /// `${key}` or `${key, 'default'}`.
    Var { key: String, default: Option<String> },
}

/// A token as the matchers see it, with variables resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum R<'a> {
    Lit(&'a str),
    Sep,
    Any(bool),
    Star(bool),
    /// Matches nothing: a variable seen unresolved (`resolve` replaces
    /// every variable, so only raw tokens with variables would show it).
    Never,
}

trait Elem {
    fn el(&self) -> R<'_>;
}

impl Elem for Tok {
    fn el(&self) -> R<'_> {
        match self {
            Tok::Lit(s) => R::Lit(s),
            Tok::Sep => R::Sep,
            Tok::Any(c) => R::Any(*c),
            Tok::Star(c) => R::Star(*c),
            Tok::Var { .. } => R::Never,
        }
    }
}

impl Elem for R<'_> {
    fn el(&self) -> R<'_> {
        *self
    }
}

/// The strategy chosen at compile time.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fast {
    /// The text equals this literal.
    Exact(String),
    /// Matches everything.
    All,
    Prefix(String),
    Suffix(String),
    Contains(String),
    /// Run the general matcher for the flavor.
    General,
}

/// A compiled IAM wildcard pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: String,
    flavor: Flavor,
    fold_case: bool,
    tokens: Vec<Tok>,
    fast: Fast,
    has_vars: bool,
    has_wild: bool,
}

impl Pattern {
    /// Compiles `src`.
    ///
    /// `fold_case` makes ASCII letters match either case (the pattern is
    /// stored lower-cased). With `variables`, `${…}` is a policy variable;
    /// without, `${` is literal text. Fails only on a malformed policy
    /// variable (unterminated `${`, empty `${}`, a badly quoted default).
    pub fn compile(src: &str, flavor: Flavor, fold_case: bool, variables: bool) -> Result<Pattern, PatternError> {
        let tokens = compile::tokens(src, flavor, fold_case, variables)?;
        let has_vars = tokens.iter().any(|t| matches!(t, Tok::Var { .. }));
        let has_wild = tokens.iter().any(|t| matches!(t, Tok::Any(_) | Tok::Star(_)));
        let fast = if has_vars { Fast::General } else { compile::choose_fast(&tokens) };
        Ok(Pattern { source: src.to_string(), flavor, fold_case, tokens, fast, has_vars, has_wild })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How `*` and `?` behave in it.
    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// Whether the pattern contains policy variables (`${aws:username}`;
    /// not the literal specials `${*}`, `${?}`, `${$}`).
    pub fn has_variables(&self) -> bool {
        self.has_vars
    }

    /// Whether the pattern contains a `*` or `?` wildcard (not `${*}`).
    pub fn has_wildcards(&self) -> bool {
        self.has_wild
    }

    /// Whether `text` matches, with policy variables taken from `vars`.
    pub fn is_match(&self, text: &str, vars: &dyn Vars) -> bool {
        let fold = self.fold_case;
        match &self.fast {
            Fast::All => return true,
            Fast::Exact(s) => return eq(text.as_bytes(), s.as_bytes(), fold),
            Fast::Prefix(s) => return text.as_bytes().get(..s.len()).is_some_and(|t| eq(t, s.as_bytes(), fold)),
            Fast::Suffix(s) => {
                return text.len().checked_sub(s.len()).and_then(|k| text.as_bytes().get(k..)).is_some_and(|t| eq(t, s.as_bytes(), fold))
            }
            Fast::Contains(_) | Fast::General => {}
        }
        // Folded patterns are stored lower-cased, so against a lower-case
        // text (what callers pass) exact comparison, and the fast substring
        // search, are enough. Variable values are not lower-cased.
        let fold = fold && (self.has_vars || text.bytes().any(|b| b.is_ascii_uppercase()));
        if let Fast::Contains(s) = &self.fast {
            return find_from(text, 0, s, fold).is_some();
        }
        if !self.has_vars {
            return match self.flavor {
                Flavor::Arn => arn_match(&self.tokens, text, fold),
                Flavor::Glob | Flavor::Literal => glob(&self.tokens, text, fold),
            };
        }
        let Some(resolved) = resolve(&self.tokens, vars) else { return false };
        // Every literal byte and every `?` takes at least one byte of the
        // text: a pattern longer than that cannot match (and long variable
        // values never get copied into a matcher).
        let least: usize = resolved
            .iter()
            .map(|r| match r {
                R::Lit(s) => s.len(),
                R::Sep | R::Any(_) => 1,
                R::Star(_) | R::Never => 0,
            })
            .fold(0, usize::saturating_add);
        if least > text.len() {
            return false;
        }
        match self.flavor {
            Flavor::Arn => {
                // The per-segment matcher relies on nothing but `Sep`
                // matching a `:` in the ARN prefix; a variable whose value
                // has a colon there needs the general simulation.
                let prefix = resolved.get(..prefix_len(&resolved)).unwrap_or_default();
                let colon_in_prefix = prefix.iter().any(|r| matches!(r, R::Lit(s) if s.contains(':')));
                if colon_in_prefix {
                    nfa(&resolved, text, fold)
                } else {
                    arn_match(&resolved, text, fold)
                }
            }
            Flavor::Glob | Flavor::Literal => glob(&resolved, text, fold),
        }
    }
}

/// Replaces variables by their values (or defaults); `None` when one has
/// neither.
fn resolve<'a>(toks: &'a [Tok], vars: &'a dyn Vars) -> Option<Vec<R<'a>>> {
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let r = match t {
            Tok::Var { key, default } => R::Lit(vars.var(key).or(default.as_deref())?),
            other => other.el(),
        };
        out.push(r);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
