//! IAM wildcards in action names and condition key templates.
//!
//! `*` matches any run of characters (also none), `?` exactly one
//! character; everything else matches itself ignoring ASCII case, as IAM
//! compares action names and condition keys. The matcher is the greedy
//! two-pointer loop that remembers only the last `*`: time is at most
//! pattern × text, never exponential (`a*a*a*a*b` against `aaaa…` included).

/// Whether `text` matches the IAM wildcard `pattern`, ignoring ASCII case.
pub(crate) fn matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    // Cheap rejections first: the fixed text before the first wildcard and
    // after the last one must start and end the text.
    let first = p.iter().position(|b| *b == b'*' || *b == b'?');
    let Some(first) = first else { return p.eq_ignore_ascii_case(t) };
    let last = p.iter().rposition(|b| *b == b'*' || *b == b'?').unwrap_or(first);
    let (head, tail) = (p.get(..first).unwrap_or_default(), p.get(last + 1..).unwrap_or_default());
    let fits = t.len() >= head.len() + tail.len()
        && t.get(..head.len()).is_some_and(|h| h.eq_ignore_ascii_case(head))
        && t.get(t.len() - tail.len()..).is_some_and(|x| x.eq_ignore_ascii_case(tail));
    if !fits {
        return false;
    }
    let (mut pi, mut ti) = (0, 0);
    // After the last `*`: where the pattern resumes and where in the text
    // the star's match currently ends.
    let mut star: Option<(usize, usize)> = None;
    loop {
        match p.get(pi) {
            Some(b'*') => {
                pi += 1;
                star = Some((pi, ti));
                continue;
            }
            Some(b'?') if ti < t.len() => {
                pi += 1;
                ti += char_len(t, ti);
                continue;
            }
            Some(pc) if t.get(ti).is_some_and(|tc| tc.eq_ignore_ascii_case(pc)) => {
                pi += 1;
                ti += 1;
                continue;
            }
            None if ti >= t.len() => return true,
            _ => {}
        }
        // Mismatch: the last star takes one more character, or there is none.
        match star {
            // A final `*` takes all the rest.
            Some((resume, _)) if resume == p.len() => return true,
            Some((resume, end)) if end < t.len() => {
                let end = end + char_len(t, end);
                star = Some((resume, end));
                pi = resume;
                ti = end;
            }
            _ => return false,
        }
    }
}

/// Whether `pattern` contains a wildcard.
pub(crate) fn has_wildcard(pattern: &str) -> bool {
    pattern.bytes().any(|b| b == b'*' || b == b'?')
}

/// The part of `pattern` before its first wildcard.
pub(crate) fn literal_prefix(pattern: &str) -> &str {
    let end = pattern.find(['*', '?']).unwrap_or(pattern.len());
    pattern.get(..end).unwrap_or(pattern)
}

/// Length in bytes of the UTF-8 character starting at `at`.
fn char_len(text: &[u8], at: usize) -> usize {
    match text.get(at) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    }
}

/// A condition key template (`aws:RequestTag/${TagKey}`,
/// `s3:ExistingObjectTag/<key>`) as a wildcard pattern: each placeholder
/// becomes `?*` (one or more characters). `None` when the key has no
/// placeholder.
pub(crate) fn template_pattern(key: &str) -> Option<String> {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    let mut any = false;
    while let Some(at) = rest.find(['$', '<']) {
        let (head, tail) = rest.split_at(at);
        let close = if tail.starts_with("${") {
            tail.find('}')
        } else if tail.starts_with('<') {
            tail.find('>')
        } else {
            None
        };
        match close {
            Some(close) => {
                out.push_str(head);
                out.push_str("?*");
                any = true;
                rest = tail.get(close + 1..).unwrap_or_default();
            }
            None => {
                // A lone `$` or `<` is an ordinary character.
                let (lone, after) = tail.split_at(1);
                out.push_str(head);
                out.push_str(lone);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! yes {
        ($($p:expr, $t:expr;)*) => { $( assert!(matches($p, $t), "{:?} should match {:?}", $p, $t); )* };
    }
    macro_rules! no {
        ($($p:expr, $t:expr;)*) => { $( assert!(!matches($p, $t), "{:?} should not match {:?}", $p, $t); )* };
    }

    #[test]
    fn iam_wildcards() {
        yes! {
            "*", "";
            "*", "GetObject";
            "Get*", "getobject";
            "get*", "GetObjectAcl";
            "*Object", "GetObject";
            "Get?bject", "GetObject";
            "?", "é";
            "*Role?", "CreateRoles";
            "a*b*c", "aXbYc";
            "a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaab";
            "", "";
            "*?", "x";
            "**", "abc";
        }
        no! {
            "Get*", "PutObject";
            "?", "";
            "?", "ab";
            "*?", "";
            "GetObject", "GetObjects";
            "GetObjects", "GetObject";
            "a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaa";
            "", "x";
            "*Role?", "CreateRole";
        }
    }

    #[test]
    fn hostile_pattern_stays_fast() {
        let text = "a".repeat(20_000);
        let pattern = format!("{}b", "a*".repeat(200));
        assert!(!matches(&pattern, &text));
    }

    /// Brute-force reference: every way of splitting the text.
    fn reference(p: &[char], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len()).any(|i| reference(rest, t.get(i..).unwrap_or_default())),
            Some(('?', rest)) => t.split_first().is_some_and(|(_, tt)| reference(rest, tt)),
            Some((c, rest)) => t.split_first().is_some_and(|(tc, tt)| tc.eq_ignore_ascii_case(c) && reference(rest, tt)),
        }
    }

    #[test]
    fn agrees_with_brute_force() {
        let alphabet = ['a', 'B', '*', '?', 'é'];
        let texts = ["", "a", "ab", "ba", "aab", "abab", "éa", "aéb", "bbbb"];
        // Every pattern of up to four symbols.
        let mut patterns = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = patterns.iter().flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}"))).collect();
            patterns.extend(longer);
        }
        patterns.sort();
        patterns.dedup();
        for p in &patterns {
            let pc: Vec<char> = p.chars().collect();
            for t in texts {
                let tc: Vec<char> = t.chars().collect();
                assert_eq!(matches(p, t), reference(&pc, &tc), "{p:?} against {t:?}");
            }
        }
    }

    #[test]
    fn templates() {
        assert_eq!(template_pattern("aws:RequestTag/${TagKey}").as_deref(), Some("aws:RequestTag/?*"));
        assert_eq!(template_pattern("s3:ExistingObjectTag/<key>").as_deref(), Some("s3:ExistingObjectTag/?*"));
        assert_eq!(template_pattern("events:Metadata/${MetadataKey}/Matcher").as_deref(), Some("events:Metadata/?*/Matcher"));
        assert_eq!(template_pattern("agent.${Domain}.buildkite.dev:x").as_deref(), Some("agent.?*.buildkite.dev:x"));
        assert_eq!(template_pattern("aws:SourceIp"), None);
        assert_eq!(template_pattern("a$b<c"), None);
        assert!(matches("aws:RequestTag/?*", "aws:requesttag/Team"));
        assert!(!matches("aws:RequestTag/?*", "aws:RequestTag/"));
    }

    #[test]
    fn prefixes() {
        assert_eq!(literal_prefix("Get*Acl"), "Get");
        assert_eq!(literal_prefix("Get?"), "Get");
        assert_eq!(literal_prefix("GetObject"), "GetObject");
        assert!(has_wildcard("a?") && has_wildcard("*") && !has_wildcard("abc"));
    }
}
