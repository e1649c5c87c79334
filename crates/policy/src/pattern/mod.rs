//! IAM wildcard patterns (`Action`, `Resource`, `StringLike`, `ArnLike`)
//! that can never blow up.
//!
//! A pattern is compiled once into tokens — literal text, `*`, `?`, policy
//! variables (`${aws:username}`) — and a fast path is chosen at compile time
//! (exact text, `*`, `prefix*`, `*suffix`, `*infix*`). Everything else runs
//! the greedy two-pointer glob algorithm that remembers only the last `*`,
//! so matching takes at most O(len(text) × len(pattern)) steps whatever the
//! input: there is no backtracking explosion (`a*a*a*a*b` against a long run
//! of `a`s is as fast as any other pattern).
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

use std::fmt;

use crate::context::Vars;

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
        let mut b = Builder { toks: Vec::new(), fold: fold_case };
        let mut colons = 0usize;
        let mut i = 0usize;
        while let Some(rest) = src.get(i..) {
            let Some(c) = rest.chars().next() else { break };
            if variables && rest.starts_with("${") {
                let (tok, len) = parse_variable(rest, i)?;
                match tok {
                    Tok::Lit(s) => b.lit(&s),
                    t => b.toks.push(t),
                }
                i += len;
                continue;
            }
            let free = flavor == Flavor::Glob || colons >= ARN_PREFIX_SEGMENTS;
            match c {
                '*' if flavor != Flavor::Literal => b.star(free),
                '?' if flavor != Flavor::Literal => b.any(free),
                ':' if flavor == Flavor::Arn && colons < ARN_PREFIX_SEGMENTS => {
                    colons += 1;
                    b.toks.push(Tok::Sep);
                }
                _ => b.lit(c.encode_utf8(&mut [0u8; 4])),
            }
            i += c.len_utf8();
        }
        let mut tokens = b.toks;
        // A `*` that ends the pattern may span colons. (Checked on the
        // source: `Builder::any` may have moved a star after a final `?`.)
        if flavor != Flavor::Literal && src.ends_with('*') && !(variables && src.ends_with("${*}")) {
            if let Some(Tok::Star(free)) = tokens.last_mut() {
                *free = true;
            }
        }
        let has_vars = tokens.iter().any(|t| matches!(t, Tok::Var { .. }));
        let has_wild = tokens.iter().any(|t| matches!(t, Tok::Any(_) | Tok::Star(_)));
        let fast = if has_vars { Fast::General } else { choose_fast(&tokens) };
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

/// Number of tokens that belong to the ARN prefix (the first five
/// segments): everything up to the fifth `Sep`, or the whole pattern.
fn prefix_len<E: Elem>(toks: &[E]) -> usize {
    let mut seps = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.el() == R::Sep {
            seps += 1;
            if seps == ARN_PREFIX_SEGMENTS {
                return i;
            }
        }
    }
    toks.len()
}

struct Builder {
    toks: Vec<Tok>,
    fold: bool,
}

impl Builder {
    fn lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let s = if self.fold { s.to_ascii_lowercase() } else { s.to_string() };
        match self.toks.last_mut() {
            Some(Tok::Lit(prev)) => prev.push_str(&s),
            _ => self.toks.push(Tok::Lit(s)),
        }
    }

    /// Pushes a `?`. `*?` is stored as the equivalent `?*` (when both
    /// wildcards treat `:` alike, as they always do side by side), so that
    /// stars are followed by literals, which the matcher can search for.
    fn any(&mut self, free: bool) {
        match self.toks.last() {
            Some(Tok::Star(s)) if *s == free => {
                let at = self.toks.len() - 1;
                self.toks.insert(at, Tok::Any(free));
            }
            _ => self.toks.push(Tok::Any(free)),
        }
    }

    /// Pushes a `*`; `**` is one star (spanning colons if either does).
    fn star(&mut self, free: bool) {
        match self.toks.last_mut() {
            Some(Tok::Star(prev)) => *prev |= free,
            _ => self.toks.push(Tok::Star(free)),
        }
    }
}

/// Parses the policy variable at the start of `rest` (which starts with
/// `${`); `at` is its offset in the pattern. Returns the token and the
/// number of bytes consumed.
fn parse_variable(rest: &str, at: usize) -> Result<(Tok, usize), PatternError> {
    let body = rest.get(2..).unwrap_or_default();
    let Some(close) = body.find('}') else {
        return Err(PatternError { message: format!("unterminated policy variable: `{}` has no closing `}}`", shorten(rest)), offset: at });
    };
    let inner = body.get(..close).unwrap_or_default();
    let len = close + 3;
    let whole = rest.get(..len).unwrap_or(rest);
    let err = |message: String| PatternError { message, offset: at };
    let trimmed = inner.trim();
    match trimmed {
        "" => return Err(err(format!("empty policy variable `{whole}`: expected a key such as `${{aws:username}}`"))),
        "*" | "?" | "$" => return Ok((Tok::Lit(trimmed.to_string()), len)),
        _ => {}
    }
    let (key, default) = match trimmed.split_once(',') {
        None => (trimmed, None),
        Some((k, d)) => {
            let d = d.trim();
            let quoted = d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'');
            let value = d.get(1..d.len().saturating_sub(1)).filter(|_| quoted);
            match value {
                Some(v) => (k.trim(), Some(v.to_string())),
                None => {
                    return Err(err(format!(
                        "the default value in policy variable `{whole}` must be in single quotes, e.g. `${{aws:username, 'nobody'}}`"
                    )))
                }
            }
        }
    };
    if key.is_empty() {
        return Err(err(format!("policy variable `{whole}` has no key: expected e.g. `${{aws:username, 'nobody'}}`")));
    }
    if key.contains(['$', '{']) {
        return Err(err(format!("`{key}` in `{whole}` is not a valid policy variable key")));
    }
    Ok((Tok::Var { key: key.to_string(), default }, len))
}

/// The start of `s`, for error messages about unterminated variables.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_string(),
    }
}

fn choose_fast(toks: &[Tok]) -> Fast {
    // The whole pattern as one literal, if it is one (`Sep` is a `:`).
    fn literal(toks: &[Tok]) -> Option<String> {
        let mut s = String::new();
        for t in toks {
            match t {
                Tok::Lit(l) => s.push_str(l),
                Tok::Sep => s.push(':'),
                _ => return None,
            }
        }
        Some(s)
    }
    match toks {
        [Tok::Star(true)] => Fast::All,
        [Tok::Star(true), mid @ .., Tok::Star(true)] => literal(mid).map_or(Fast::General, Fast::Contains),
        [Tok::Star(true), rest @ ..] => literal(rest).map_or(Fast::General, Fast::Suffix),
        [rest @ .., Tok::Star(true)] => literal(rest).map_or(Fast::General, Fast::Prefix),
        _ => literal(toks).map_or(Fast::General, Fast::Exact),
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

fn eq(a: &[u8], b: &[u8], fold: bool) -> bool {
    // Folded patterns are lower-case, and so is the text callers usually
    // pass: try the exact comparison first.
    a == b || (fold && a.eq_ignore_ascii_case(b))
}

/// Whether `lit` occurs in `text` at byte `at`.
fn lit_at(text: &[u8], at: usize, lit: &[u8], fold: bool) -> bool {
    text.get(at..at.saturating_add(lit.len())).is_some_and(|w| eq(w, lit, fold))
}

/// Byte length of the character starting at `at`, if any.
fn char_len_at(text: &str, at: usize) -> Option<usize> {
    text.get(at..).and_then(|s| s.chars().next()).map(char::len_utf8)
}

/// The first offset `>= from` where `lit` occurs in `text`.
fn find_from(text: &str, from: usize, lit: &str, fold: bool) -> Option<usize> {
    let hay = text.get(from..)?;
    if !fold {
        return hay.find(lit).map(|k| k + from);
    }
    let (h, l) = (hay.as_bytes(), lit.as_bytes());
    // Only char boundaries can start a match of a valid UTF-8 literal.
    hay.char_indices().map(|(k, _)| k).find(|&k| lit_at(h, k, l, true)).map(|k| k + from)
}

/// The greedy two-pointer glob matcher. Treats every `*` and `?` as
/// matching any character: callers use it where that is the semantics
/// (Glob flavor, the ARN resource part, a single colon-free ARN segment).
/// Each step either advances in the pattern or moves the last star's
/// start forward, so it runs in O(len(text) × len(pattern)).
fn glob<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0usize, 0usize);
    // (pattern index after the last star, text offset it currently starts at)
    let mut star: Option<(usize, usize)> = None;
    loop {
        match p.get(pi).map(Elem::el) {
            Some(R::Star(_)) => {
                if pi + 1 == p.len() {
                    return true;
                }
                // Jump straight to the next place the following literal
                // occurs (positions before it cannot match).
                if let Some(R::Lit(s)) = p.get(pi + 1).map(Elem::el) {
                    match find_from(text, ti, s, fold) {
                        Some(k) => ti = k,
                        None => return false,
                    }
                }
                star = Some((pi + 1, ti));
                pi += 1;
                continue;
            }
            Some(R::Lit(s)) if lit_at(t, ti, s.as_bytes(), fold) => {
                ti += s.len();
                pi += 1;
                continue;
            }
            Some(R::Sep) if t.get(ti) == Some(&b':') => {
                ti += 1;
                pi += 1;
                continue;
            }
            Some(R::Any(_)) => {
                if let Some(n) = char_len_at(text, ti) {
                    ti += n;
                    pi += 1;
                    continue;
                }
            }
            None if ti == t.len() => return true,
            _ => {}
        }
        // Mismatch: let the last star swallow one more character.
        let Some((sp, st)) = star else { return false };
        let Some(n) = char_len_at(text, st) else { return false };
        let mut next = st + n;
        if let Some(R::Lit(s)) = p.get(sp).map(Elem::el) {
            match find_from(text, next, s, fold) {
                Some(k) => next = k,
                None => return false,
            }
        }
        star = Some((sp, next));
        pi = sp;
        ti = next;
    }
}

/// The Arn-flavor matcher for patterns whose prefix literals hold no `:`
/// other than the separators: pattern segment `i` (of the first five)
/// must match text segment `i` exactly, since nothing else there can
/// match a colon; the resource part is then a plain glob.
fn arn_match<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let plen = prefix_len(p);
    let (prefix, resource) = match p.get(plen..) {
        // `plen` is a `Sep` (the fifth) when the pattern has a resource part.
        Some([_, resource @ ..]) => (p.get(..plen).unwrap_or_default(), Some(resource)),
        _ => (p, None),
    };
    let mut rest = text;
    let mut segs = prefix.split(|t| t.el() == R::Sep).peekable();
    while let Some(seg) = segs.next() {
        let last = segs.peek().is_none() && resource.is_none();
        let (head, tail) = match find_colon(rest) {
            Some(k) => (rest.get(..k).unwrap_or_default(), rest.get(k + 1..)),
            None => (rest, None),
        };
        if last {
            // The pattern ends in this segment. Unless it ends with a
            // colon-spanning `*` (which swallows the rest of the text),
            // the text must end here too.
            let spans = matches!(seg.last().map(Elem::el), Some(R::Star(true)));
            return (spans || tail.is_none()) && glob(seg, head, fold);
        }
        let Some(tail) = tail else { return false };
        if !glob(seg, head, fold) {
            return false;
        }
        rest = tail;
    }
    match resource {
        Some(r) => glob(r, rest, fold),
        // Unreachable: the loop returns at the last segment.
        None => false,
    }
}

/// The offset of the first `:` in `s`. ARN segments are short, and for
/// them a plain byte scan beats setting up a searcher; long texts get
/// `memchr`.
fn find_colon(s: &str) -> Option<usize> {
    const SHORT: usize = 32;
    let b = s.as_bytes();
    match b.iter().take(SHORT).position(|&c| c == b':') {
        Some(k) => Some(k),
        None if b.len() > SHORT => s.get(SHORT..).and_then(|t| t.find(':')).map(|k| k + SHORT),
        None => None,
    }
}

/// One character-level pattern element, for the NFA simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ch {
    Char(char),
    /// `?`; `true` when it may match `:`.
    Any(bool),
    /// `*`; `true` when it may match `:`.
    Star(bool),
    /// Matches no character.
    Never,
}

fn flatten<E: Elem>(p: &[E]) -> Vec<Ch> {
    let mut out = Vec::new();
    for e in p {
        match e.el() {
            R::Lit(s) => out.extend(s.chars().map(Ch::Char)),
            R::Sep => out.push(Ch::Char(':')),
            R::Any(c) => out.push(Ch::Any(c)),
            R::Star(c) => out.push(Ch::Star(c)),
            R::Never => out.push(Ch::Never),
        }
    }
    out
}

/// Position-set NFA simulation: the general, always-correct matcher for
/// any mix of colon-restricted and free wildcards. O(len(text) ×
/// len(pattern)) time, O(len(pattern)) space.
fn nfa<E: Elem>(p: &[E], text: &str, fold: bool) -> bool {
    let p = flatten(p);
    let m = p.len();
    let mut cur = vec![false; m + 1];
    let mut next = vec![false; m + 1];
    if let Some(s) = cur.first_mut() {
        *s = true;
    }
    close(&p, &mut cur);
    for c in text.chars() {
        next.iter_mut().for_each(|s| *s = false);
        for (i, e) in p.iter().enumerate() {
            if !cur.get(i).copied().unwrap_or(false) {
                continue;
            }
            let target = match *e {
                Ch::Char(x) => (x == c || (fold && x.eq_ignore_ascii_case(&c))).then_some(i + 1),
                Ch::Any(free) => (free || c != ':').then_some(i + 1),
                Ch::Star(free) => (free || c != ':').then_some(i),
                Ch::Never => None,
            };
            if let Some(s) = target.and_then(|k| next.get_mut(k)) {
                *s = true;
            }
        }
        close(&p, &mut next);
        std::mem::swap(&mut cur, &mut next);
        if !cur.iter().any(|&s| s) {
            return false;
        }
    }
    cur.get(m).copied().unwrap_or(false)
}

/// Epsilon closure: a star may match nothing.
fn close(p: &[Ch], set: &mut [bool]) {
    for (i, e) in p.iter().enumerate() {
        if matches!(e, Ch::Star(_)) && set.get(i).copied().unwrap_or(false) {
            if let Some(s) = set.get_mut(i + 1) {
                *s = true;
            }
        }
    }
}

#[cfg(test)]
mod tests;
