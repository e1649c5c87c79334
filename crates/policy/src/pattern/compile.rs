//! Pattern text → tokens: literals, `*`, `?`, ARN separators and policy
//! variables, with `*?` and `**` normalised; and the fast path chosen for
//! the result.

use super::{Fast, Flavor, PatternError, Tok, ARN_PREFIX_SEGMENTS};

/// The tokens of `src`; see [`super::Pattern::compile`] for the arguments.
pub(super) fn tokens(src: &str, flavor: Flavor, fold_case: bool, variables: bool) -> Result<Vec<Tok>, PatternError> {
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
    Ok(tokens)
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

/// The cheapest matcher that gives the same answers as the general one.
pub(super) fn choose_fast(toks: &[Tok]) -> Fast {
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
