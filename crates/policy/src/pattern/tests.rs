//! Unit tests of `pattern`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use super::*;
use crate::context::{Context, NoVars};

fn pat(f: Flavor, p: &str) -> Pattern {
    Pattern::compile(p, f, f == Flavor::Glob, true).unwrap_or_else(|e| panic!("`{p}`: {e}"))
}

fn check(f: Flavor, p: &str, t: &str, want: bool, vars: &dyn Vars) {
    let compiled = pat(f, p);
    assert_eq!(compiled.is_match(t, vars), want, "{f:?} `{p}` vs `{t}` (fast path {:?})", compiled.fast);
    // The reference agrees.
    assert_eq!(reference(f, p, t, f == Flavor::Glob, vars), want, "reference: {f:?} `{p}` vs `{t}`");
}

/// `ok!(Flavor, pattern => text, …)`: each text matches.
macro_rules! ok {
    ($f:ident, $p:expr => $($t:expr),+ $(,)?) => { $( check(Flavor::$f, $p, $t, true, &NoVars); )+ };
    ($f:ident, $vars:expr, $p:expr => $($t:expr),+ $(,)?) => { $( check(Flavor::$f, $p, $t, true, $vars); )+ };
}
/// `nok!(Flavor, pattern => text, …)`: no text matches.
macro_rules! nok {
    ($f:ident, $p:expr => $($t:expr),+ $(,)?) => { $( check(Flavor::$f, $p, $t, false, &NoVars); )+ };
    ($f:ident, $vars:expr, $p:expr => $($t:expr),+ $(,)?) => { $( check(Flavor::$f, $p, $t, false, $vars); )+ };
}

// ---- brute-force reference, straight from the definition ----------

#[derive(Clone, Copy, Debug)]
enum E {
    C(char),
    Any(bool),
    Star(bool),
}

/// Parses `src` independently of `compile`; `None` = unresolved variable.
fn ref_parse(f: Flavor, src: &str, vars: &dyn Vars) -> Option<Vec<E>> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = Vec::new();
    let mut colons = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if src[i..].starts_with("${") {
            let close = i + src[i..].find('}').unwrap();
            let inner = src[i + 2..close].trim();
            let value = match inner {
                "*" | "?" | "$" => inner.to_string(),
                _ => match inner.split_once(',') {
                    Some((key, d)) => {
                        let d = d.trim();
                        vars.var(key.trim()).map_or_else(|| d[1..d.len() - 1].to_string(), str::to_string)
                    }
                    None => vars.var(inner)?.to_string(),
                },
            };
            out.extend(value.chars().map(E::C));
            while k < chars.len() && chars[k].0 <= close {
                k += 1;
            }
            continue;
        }
        let free = f == Flavor::Glob || colons >= 5;
        let last = k + 1 == chars.len();
        match c {
            '*' if f != Flavor::Literal => out.push(E::Star(free || last)),
            '?' if f != Flavor::Literal => out.push(E::Any(free)),
            _ => {
                if c == ':' {
                    colons += 1;
                }
                out.push(E::C(c));
            }
        }
        k += 1;
    }
    Some(out)
}

fn bf(p: &[E], t: &[char], fold: bool) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some((E::Star(free), rest)) => (0..=t.len()).take_while(|&k| k == 0 || *free || t[k - 1] != ':').any(|k| bf(rest, &t[k..], fold)),
        Some((E::Any(free), rest)) => t.split_first().is_some_and(|(c, tr)| (*free || *c != ':') && bf(rest, tr, fold)),
        Some((E::C(x), rest)) => {
            t.split_first().is_some_and(|(c, tr)| (c == x || (fold && c.eq_ignore_ascii_case(x))) && bf(rest, tr, fold))
        }
    }
}

fn reference(f: Flavor, p: &str, t: &str, fold: bool, vars: &dyn Vars) -> bool {
    let Some(els) = ref_parse(f, p, vars) else { return false };
    let t: Vec<char> = t.chars().collect();
    bf(&els, &t, fold)
}

// ---- tables ---------------------------------------------------------

#[test]
fn actions() {
    ok!(Glob, "s3:get*" => "s3:getobject", "s3:get", "s3:GetObjectAcl");
    nok!(Glob, "s3:get*" => "s3:putobject", "s3:ge", "ec2:getthing");
    ok!(Glob, "S3:GetObject" => "s3:getobject", "S3:GETOBJECT");
    ok!(Glob, "iam:*Role?" => "iam:createroles", "iam:role1");
    nok!(Glob, "iam:*Role?" => "iam:createrole", "iam:role");
    ok!(Glob, "*" => "", "s3:getobject", "anything:at:all");
    ok!(Glob, "s3:*object" => "s3:getobject", "s3:object");
    ok!(Glob, "*:list*" => "s3:listbuckets", "ec2:list");
    ok!(Glob, "s3:?etObject" => "s3:getobject", "s3:setobject");
    nok!(Glob, "s3:?etObject" => "s3:etobject", "s3:ggetobject");
    ok!(Glob, "*object*" => "s3:getobjectacl", "object");
    ok!(Glob, "s3:get*acl" => "s3:getobjectacl", "s3:getacl");
    nok!(Glob, "s3:get*acl" => "s3:getobjectacls");
    ok!(Glob, "ec2:*" => "ec2:describeinstances");
    ok!(Glob, "??" => "é:", "ab");
    nok!(Glob, "??" => "é", "abc");
    ok!(Glob, "a*b*c" => "abc", "aXbYc", "abbbc", "acbc");
    nok!(Glob, "a*b*c" => "ab", "acb", "abcx");
}

#[test]
fn resources() {
    ok!(Arn, "arn:aws:s3:::bucket/*" => "arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/", "arn:aws:s3:::bucket/a:b/c");
    nok!(Arn, "arn:aws:s3:::bucket/*" => "arn:aws:s3:::bucket", "arn:aws:s3:::bucketx/key", "arn:aws:s3:::Bucket/key");
    ok!(Arn, "arn:aws:iam::*:role/x" => "arn:aws:iam::111122223333:role/x", "arn:aws:iam:::role/x");
    nok!(Arn, "arn:aws:iam::*:role/x" => "arn:aws:iam::1:2:role/x", "arn:aws:iam::1:role/y", "arn:aws:iam:x:1:role/x");
    ok!(Arn, "arn:aws:ec2:*:*:instance/*" => "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:ec2:::instance/");
    nok!(Arn, "arn:aws:ec2:*:*:instance/*" => "arn:aws:ec2:us-east-1:111122223333:volume/v-1", "arn:aws:ec2:a:b:c:instance/i");
    ok!(Arn, "arn:aws:s3:::b*" => "arn:aws:s3:::bucket/key/with:colon", "arn:aws:s3:::b");
    ok!(Arn, "*" => "", "arn:aws:s3:::x", "not an arn");
    ok!(Arn, "arn:aws:*" => "arn:aws:s3:::x", "arn:aws:iam::1:role/r");
    ok!(Arn, "arn:aws:s3:*" => "arn:aws:s3:::x/y:z");
    ok!(Arn, "arn:*:s3:::x" => "arn:aws:s3:::x", "arn:aws-cn:s3:::x");
    nok!(Arn, "arn:*:s3:::x" => "arn:a:b:s3:::x");
    ok!(Arn, "arn:aws:s3:::*/*" => "arn:aws:s3:::b/k", "arn:aws:s3:::b:c/k");
    ok!(Arn, "arn:aws:s3:::?/*" => "arn:aws:s3:::b/k", "arn:aws:s3::::/");
    ok!(Arn, "arn:aws:iam::11112222333?:user/*" => "arn:aws:iam::111122223333:user/a");
    nok!(Arn, "arn:aws:iam::1111222233?:user/*" => "arn:aws:iam::1111222233::user/a");
    ok!(Arn, "arn:aws:dynamodb:us-*-1:*:table/*" => "arn:aws:dynamodb:us-east-1:1:table/t");
    nok!(Arn, "arn:aws:dynamodb:us-*-1:*:table/*" => "arn:aws:dynamodb:us-east-2:1:table/t", "arn:aws:dynamodb:us-a:b-1:1:table/t");
    // Fewer than six segments: the text must have the same shape.
    ok!(Arn, "arn:aws:s?" => "arn:aws:s3");
    nok!(Arn, "arn:aws:s?" => "arn:aws:s3:::x", "arn:aws:s:");
    ok!(Arn, "arn:aws:s?*" => "arn:aws:s3:::x");
    // Exact ARNs.
    ok!(Arn, "arn:aws:sns:us-east-1:111122223333:topic" => "arn:aws:sns:us-east-1:111122223333:topic");
    nok!(Arn, "arn:aws:sns:us-east-1:111122223333:topic" => "arn:aws:sns:us-east-1:111122223333:topi");
    // `*` at the start of a pattern is in the `arn` segment.
    nok!(Arn, "*:x" => "a:b:x");
    ok!(Arn, "*:x" => "arn:x");
    ok!(Arn, "*a" => "aaa");
    nok!(Arn, "*a" => "a:a");
}

#[test]
fn literal_flavor() {
    ok!(Literal, "a*b?" => "a*b?");
    nok!(Literal, "a*b?" => "axbc", "a*b");
}

#[test]
fn variables() {
    let mut ctx = Context::new();
    ctx.set("aws:username", "alice");
    ctx.set("aws:PrincipalTag/team", "blue");
    ctx.set("weird", "a*b?");
    ctx.set("colon", "x:y");
    let c = &ctx;
    ok!(Arn, c, "arn:aws:s3:::bucket/${aws:username}/*" => "arn:aws:s3:::bucket/alice/file");
    nok!(Arn, c, "arn:aws:s3:::bucket/${aws:username}/*" => "arn:aws:s3:::bucket/bob/file");
    ok!(Arn, c, "arn:aws:s3:::b/${AWS:UserName}" => "arn:aws:s3:::b/alice");
    ok!(Arn, c, "arn:aws:s3:::b/${aws:PrincipalTag/team}/*" => "arn:aws:s3:::b/blue/x");
    // Defaults, with or without spaces around the comma.
    ok!(Arn, c, "arn:aws:s3:::b/${aws:userid, 'nobody'}" => "arn:aws:s3:::b/nobody");
    ok!(Arn, c, "arn:aws:s3:::b/${aws:userid,'nobody'}" => "arn:aws:s3:::b/nobody");
    ok!(Arn, c, "arn:aws:s3:::b/${aws:username , 'nobody'}" => "arn:aws:s3:::b/alice");
    ok!(Arn, c, "arn:aws:s3:::b/${aws:userid, ''}x" => "arn:aws:s3:::b/x");
    // Specials.
    ok!(Arn, c, "arn:aws:s3:::b/${*}" => "arn:aws:s3:::b/*");
    nok!(Arn, c, "arn:aws:s3:::b/${*}" => "arn:aws:s3:::b/x");
    ok!(Arn, c, "arn:aws:s3:::b/${?}${$}" => "arn:aws:s3:::b/?$");
    nok!(Arn, c, "arn:aws:s3:::b/${?}" => "arn:aws:s3:::b/x");
    // A value is matched literally.
    ok!(Arn, c, "arn:aws:s3:::b/${weird}" => "arn:aws:s3:::b/a*b?");
    nok!(Arn, c, "arn:aws:s3:::b/${weird}" => "arn:aws:s3:::b/axbc");
    // Unresolved, without a default: no match at all.
    nok!(Arn, c, "arn:aws:s3:::b/${aws:userid}" => "arn:aws:s3:::b/", "arn:aws:s3:::b/${aws:userid}");
    nok!(Arn, c, "*${aws:userid}" => "anything");
    nok!(Glob, &NoVars, "${aws:username}" => "alice");
    // Variables in the ARN prefix, including a value with a colon.
    ok!(Arn, c, "arn:aws:iam::${colon}:*" => "arn:aws:iam::x:y:z");
    nok!(Arn, c, "arn:aws:iam::${colon}:*" => "arn:aws:iam::x:z");
    ok!(Arn, c, "arn:aws:*:${colon}:r" => "arn:aws:s3:x:y:r");
    ok!(Arn, c, "arn:aws:${aws:username}:*:*:*" => "arn:aws:alice:r:a:x:y");
    // Without `variables`, `${` is text.
    let p = Pattern::compile("a/${aws:username}", Flavor::Arn, false, false).unwrap();
    assert!(p.is_match("a/${aws:username}", c));
    assert!(!p.is_match("a/alice", c));
    assert!(!p.has_variables());
}

#[test]
fn variable_errors() {
    let err = |s: &str| Pattern::compile(s, Flavor::Arn, false, true).unwrap_err();
    assert_eq!(err("arn:aws:s3:::b/${aws:username").offset, 15);
    assert!(err("arn:aws:s3:::b/${aws:username").message.starts_with("unterminated policy variable"));
    assert_eq!(err("x${}").offset, 1);
    assert!(err("x${ }").message.starts_with("empty policy variable `${ }`"));
    assert_eq!(err("ab${k, nobody}").offset, 2);
    assert!(err("${, 'x'}").message.contains("has no key"));
    assert!(err("${a${b}").message.contains("not a valid policy variable key"));
    assert!(err("${").message.contains("`${`"));
    // Offsets are byte offsets.
    assert_eq!(err("é${").offset, 2);
}

#[test]
fn accessors_and_fast_paths() {
    let p = pat(Flavor::Arn, "arn:aws:s3:::b/${aws:username}/*");
    assert_eq!(p.source(), "arn:aws:s3:::b/${aws:username}/*");
    assert!(p.has_variables() && p.has_wildcards());
    let p = pat(Flavor::Arn, "arn:aws:s3:::b/${*}");
    assert!(!p.has_variables() && !p.has_wildcards());
    assert_eq!(p.fast, Fast::Exact("arn:aws:s3:::b/*".into()));
    assert_eq!(pat(Flavor::Glob, "S3:Get*").fast, Fast::Prefix("s3:get".into()));
    assert_eq!(pat(Flavor::Glob, "S3:Get*").source(), "S3:Get*");
    assert_eq!(pat(Flavor::Glob, "*Get").fast, Fast::Suffix("get".into()));
    assert_eq!(pat(Flavor::Glob, "**get**").fast, Fast::Contains("get".into()));
    assert_eq!(pat(Flavor::Arn, "*").fast, Fast::All);
    assert_eq!(pat(Flavor::Arn, "**").fast, Fast::All);
    assert_eq!(pat(Flavor::Arn, "arn:aws:s3:::b/*").fast, Fast::Prefix("arn:aws:s3:::b/".into()));
    assert_eq!(pat(Flavor::Arn, "*a").fast, Fast::General);
    assert_eq!(pat(Flavor::Arn, "arn:aws:s3:::*a").fast, Fast::General);
}

#[test]
fn hostile_patterns_finish() {
    let a = "a".repeat(100_000);
    for f in [Flavor::Glob, Flavor::Arn] {
        assert!(!pat(f, "a*a*a*a*a*a*a*b").is_match(&a, &NoVars));
        assert!(pat(f, "a*a*a*a*a*a*a*a").is_match(&a, &NoVars));
        assert!(!pat(f, "*a*a*a*a*a*a*a*?b").is_match(&a, &NoVars));
        assert!(!pat(f, "?*?*?*?*?*?*?*?*b").is_match(&a, &NoVars));
        assert!(!pat(f, &format!("*{}b*", "a".repeat(50))).is_match(&a, &NoVars));
    }
    let arn = format!("arn:aws:s3:::{a}");
    assert!(!pat(Flavor::Arn, "arn:aws:s3:::a*a*a*a*a*a*a*b").is_match(&arn, &NoVars));
    assert!(!pat(Flavor::Arn, "arn:a*a*a*a*a*a*a*b:s3:::*").is_match(&format!("arn:{a}:s3:::x"), &NoVars));
    // The NFA fallback is bounded too.
    assert!(!nfa(&pat(Flavor::Arn, "a*a*a*a*a*a*a*b").tokens, &a, false));
    // Long literal runs next to `?` and `*` (once quadratic: seconds).
    let long = |p: String| pat(Flavor::Glob, &p);
    assert!(!long(format!("*{}?b", "a".repeat(1000))).is_match(&a, &NoVars));
    assert!(!long(format!("*{}?b", "a".repeat(1000))).is_match(&a.to_uppercase(), &NoVars));
    assert!(long(format!("*{}", "?a".repeat(500))).is_match(&a, &NoVars));
    assert!(!long(format!("*{}*b", "a".repeat(1000))).is_match(&a, &NoVars));
    assert!(!pat(Flavor::Arn, &format!("arn:aws:s3:::*{}?b", "a".repeat(1000))).is_match(&arn, &NoVars));
    let cjk = "ロール".repeat(30_000);
    assert!(!pat(Flavor::Glob, &format!("*{}?x", "ロール".repeat(300))).is_match(&cjk, &NoVars));
    assert!(pat(Flavor::Glob, &format!("*{}???", "ロール".repeat(300))).is_match(&cjk, &NoVars));
    let colons = ":".repeat(50_000);
    assert!(!pat(Flavor::Arn, "*:*:*:*:*:*b").is_match(&colons, &NoVars));
    assert!(!pat(Flavor::Glob, "*:*:*:*:*:*b").is_match(&colons, &NoVars));
}

// ---- properties -----------------------------------------------------

use proptest::prelude::*;

fn pattern_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just("b"),
            Just("B"),
            Just(":"),
            Just("/"),
            Just("*"),
            Just("?"),
            Just("${v}"),
            Just("${c}"),
            Just("${u}"),
            Just("${u, 'a:'}"),
            Just("${*}"),
            Just("${?}"),
        ],
        0..10,
    )
    .prop_map(|v| v.concat())
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![Just('a'), Just('b'), Just('A'), Just(':'), Just('/'), Just('*'), Just('?')], 0..14)
        .prop_map(|v| v.into_iter().collect())
}

fn flavor_strategy() -> impl Strategy<Value = Flavor> {
    prop_oneof![Just(Flavor::Glob), Just(Flavor::Arn), Just(Flavor::Literal)]
}

fn vars() -> Context {
    let mut c = Context::new();
    c.set("v", "a*");
    c.set("c", "b:");
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn agrees_with_brute_force(f in flavor_strategy(), fold in any::<bool>(), p in pattern_strategy(), t in text_strategy()) {
        let ctx = vars();
        let compiled = Pattern::compile(&p, f, fold, true).unwrap();
        let want = reference(f, &p, &t, fold, &ctx);
        prop_assert_eq!(compiled.is_match(&t, &ctx), want, "{:?} fold={} `{}` vs `{}`", f, fold, p, t);
        // The NFA on its own agrees as well, and so do the linear
        // matchers the glob falls back to past its budget.
        if let Some(r) = resolve(&compiled.tokens, &ctx) {
            prop_assert_eq!(nfa(&r, &t, fold), want);
            if f != Flavor::Arn {
                prop_assert_eq!(glob::pieces_for_tests(&r, &t, fold), want, "fallback: {:?} fold={} `{}` vs `{}`", f, fold, p, t);
            }
        }
    }

    #[test]
    fn never_panics(p in "\\PC{0,24}", t in "\\PC{0,24}", f in flavor_strategy(), fold in any::<bool>(), v in any::<bool>()) {
        if let Ok(compiled) = Pattern::compile(&p, f, fold, v) {
            let _ = compiled.is_match(&t, &vars());
            let _ = compiled.is_match(&p, &NoVars);
        }
    }

    #[test]
    fn never_panics_on_dollar_soup(p in "[${}*?:,' a]{0,16}", t in "[a:*]{0,8}", f in flavor_strategy()) {
        if let Ok(compiled) = Pattern::compile(&p, f, false, true) {
            let _ = compiled.is_match(&t, &vars());
        }
    }
}
