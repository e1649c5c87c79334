//! Unit tests of `json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
use super::*;
use proptest::prelude::*;

fn ok(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text:?} should parse, got {e:?}"))
}

fn err(text: &str) -> JsonError {
    match parse(text) {
        Ok(v) => panic!("{text:?} should not parse, got {v:?}"),
        Err(e) => e,
    }
}

/// The text a span covers.
fn at(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// A value with every span zeroed, to compare structure only.
fn strip(v: &Value) -> Value {
    let kind = match &v.kind {
        Kind::Array(items) => Kind::Array(items.iter().map(strip).collect()),
        Kind::Object(members) => {
            Kind::Object(members.iter().map(|m| Member { key: m.key.clone(), key_span: Span::default(), value: strip(&m.value) }).collect())
        }
        k => k.clone(),
    };
    Value { kind, span: Span::default() }
}

/// Every value and key span covers text that parses to the same thing.
fn check_spans(text: &str, v: &Value) {
    assert_eq!(strip(&ok(at(text, v.span))), strip(v), "span of {v:?} in {text:?}");
    match &v.kind {
        Kind::Array(items) => items.iter().for_each(|i| check_spans(text, i)),
        Kind::Object(members) => {
            for m in members {
                assert_eq!(ok(at(text, m.key_span)).as_str(), Some(m.key.as_str()));
                check_spans(text, &m.value);
            }
        }
        _ => {}
    }
}

#[test]
fn valid_documents() {
    let cases: &[(&str, &str)] = &[
        ("null", "null"),
        ("true", "true"),
        (" false ", "false"),
        ("0", "0"),
        ("-0", "-0"),
        ("-1.5e3", "-1.5e3"),
        ("1E+2", "1E+2"),
        ("0.25e-07", "0.25e-07"),
        ("3600", "3600"),
        ("12345678901234567890123", "12345678901234567890123"),
        ("\"\"", "\"\""),
        ("\"a\\\"b\\\\c\\/d\"", "\"a\\\"b\\\\c/d\""),
        ("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\""),
        ("\"\\u0041\\u00e9\\u3042\"", "\"Aéあ\""),
        ("\"\\u0000\\u001F\"", "\"\\u0000\\u001f\""),
        ("\"\\uD83D\\uDE00\"", "\"😀\""),
        ("\"\\ud83d\\ude00x\"", "\"😀x\""),
        ("\"日本語 \u{7f}\"", "\"日本語 \u{7f}\""),
        ("[]", "[]"),
        ("{}", "{}"),
        ("[ ]", "[]"),
        ("{ }", "{}"),
        ("[1,[2,[3]],{}]", "[1,[2,[3]],{}]"),
        ("\t\r\n{ \"a\" : [ 1 , true , null ] , \"b\" : { } }\n", "{\"a\":[1,true,null],\"b\":{}}"),
        ("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}"),
        ("\u{feff}{\"Version\":\"2012-10-17\"}", "{\"Version\":\"2012-10-17\"}"),
        ("\u{feff} []", "[]"),
    ];
    for (text, compact) in cases {
        let v = ok(text);
        assert_eq!(&v.to_json_text(), compact, "{text:?}");
        check_spans(text, &v);
    }
}

#[test]
fn invalid_documents() {
    // (text, message, span start, span end)
    let cases: &[(&str, &str, u32, u32)] = &[
        ("", "unexpected end of input: expected a value", 0, 0),
        ("   ", "unexpected end of input: expected a value", 3, 3),
        ("\u{feff}", "unexpected end of input: expected a value", 3, 3),
        ("{", "unexpected end of input: expected a string key or `}`", 1, 1),
        ("[", "unexpected end of input: expected a value", 1, 1),
        ("[1", "unexpected end of input: expected `,` or `]` after an array element", 2, 2),
        ("{\"a\":1", "unexpected end of input: expected `,` or `}` after an object member", 6, 6),
        ("{\"a\"", "unexpected end of input: expected `:` after an object key", 4, 4),
        ("{\"a\":", "unexpected end of input: expected a value", 5, 5),
        ("{\"a\":1,", "unexpected end of input: expected a string key after `,`", 7, 7),
        ("{\"a\" 1}", "expected `:` after an object key", 5, 6),
        ("{\"a\":1 \"b\":2}", "expected `,` or `}` after an object member", 7, 8),
        ("[1 2]", "expected `,` or `]` after an array element", 3, 4),
        ("[1,]", "trailing comma before `]`", 2, 3),
        ("[1 , ]", "trailing comma before `]`", 3, 4),
        ("{\"a\":1,}", "trailing comma before `}`", 6, 7),
        ("{\"a\":1,\n}", "trailing comma before `}`", 6, 7),
        ("[,1]", "expected a value, found `,`", 1, 2),
        ("{,}", "expected a string key or `}`", 1, 2),
        ("{\"a\":1,,}", "expected a string key after `,`", 7, 8),
        ("{a:1}", "expected a string key or `}`", 1, 2),
        ("{1:1}", "expected a string key or `}`", 1, 2),
        ("[1]]", "unexpected `]` after the end of the JSON value", 3, 4),
        ("{} {}", "unexpected `{` after the end of the JSON value", 3, 4),
        ("1 2", "unexpected `2` after the end of the JSON value", 2, 3),
        ("nullx", "invalid literal `nullx`: expected a value (strings must be in double quotes)", 0, 5),
        ("True", "invalid literal `True`: JSON literals are lowercase (`true`)", 0, 4),
        ("[NULL]", "invalid literal `NULL`: JSON literals are lowercase (`null`)", 1, 5),
        ("NaN", "invalid literal `NaN`: JSON numbers cannot be NaN or infinite", 0, 3),
        ("[Infinity]", "invalid literal `Infinity`: JSON numbers cannot be NaN or infinite", 1, 9),
        ("{\"Effect\": Allow}", "invalid literal `Allow`: expected a value (strings must be in double quotes)", 11, 16),
        ("tru", "invalid literal `tru`: expected a value (strings must be in double quotes)", 0, 3),
        ("'a'", "strings must be in double quotes, not single quotes", 0, 1),
        ("01", "invalid number `01`: leading zeros are not allowed", 1, 2),
        ("-007", "invalid number `-007`: leading zeros are not allowed", 2, 3),
        ("-", "invalid number `-`: expected a digit after `-`", 1, 1),
        ("-a", "invalid number `-`: expected a digit after `-`", 1, 2),
        ("-Infinity", "invalid number `-`: expected a digit after `-`", 1, 2),
        ("1.", "invalid number `1.`: expected a digit after `.`", 2, 2),
        ("[1.e5]", "invalid number `1.`: expected a digit after `.`", 3, 4),
        ("1e", "invalid number `1e`: expected a digit in the exponent", 2, 2),
        ("1e+", "invalid number `1e+`: expected a digit in the exponent", 3, 3),
        (".5", "expected a value, found `.`", 0, 1),
        ("+1", "expected a value, found `+`", 0, 1),
        ("0x10", "unexpected `x` after the end of the JSON value", 1, 2),
        ("\"abc", "unexpected end of input: unterminated string", 4, 4),
        ("\"abc\\", "unexpected end of input: unterminated string", 5, 5),
        ("\"\\u12", "unexpected end of input: unterminated string", 5, 5),
        ("\"a\nb\"", "unescaped control character in string", 2, 3),
        ("\"a\tb\"", "unescaped control character in string", 2, 3),
        ("\"\u{0}\"", "unescaped control character in string", 1, 2),
        ("\"\\q\"", "invalid escape `\\q` in string", 1, 3),
        ("\"\\x41\"", "invalid escape `\\x` in string", 1, 3),
        ("\"\\é\"", "invalid escape `\\é` in string", 1, 4),
        ("\"\\'\"", "invalid escape `\\'` in string", 1, 3),
        ("\"\\u12G4\"", "invalid unicode escape `\\u12G` in string: expected four hex digits", 1, 6),
        ("\"\\u12\"", "invalid unicode escape `\\u12\"` in string: expected four hex digits", 1, 6),
        ("\"\\uD800\"", "lone surrogate `\\uD800` in string", 1, 7),
        ("\"\\uD800x\"", "lone surrogate `\\uD800` in string", 1, 7),
        ("\"\\uD800\\u0041\"", "lone surrogate `\\uD800` in string", 1, 7),
        ("\"\\uD800\\uD800\"", "lone surrogate `\\uD800` in string", 1, 7),
        ("\"\\uDC00\"", "lone surrogate `\\uDC00` in string", 1, 7),
        ("\"\\uD800\\uZZZZ\"", "invalid unicode escape `\\uZ` in string: expected four hex digits", 7, 10),
        ("// c\n{}", "comments are not allowed in JSON", 0, 1),
        ("{\"a\":1 /* c */}", "comments are not allowed in JSON", 7, 8),
        ("[1] // c", "unexpected `/` after the end of the JSON value", 4, 5),
        ("\u{feff}\u{feff}{}", "expected a value, found `\u{feff}`", 3, 6),
        ("{} \u{feff}", "unexpected `\u{feff}` after the end of the JSON value", 3, 6),
        ("\u{a0}{}", "expected a value, found `\u{a0}`", 0, 2),
        ("[\u{b}]", "expected a value, found `\\u000b`", 1, 2),
        ("\u{c}{}", "expected a value, found `\\u000c`", 0, 1),
        ("[}", "expected a value, found `}`", 1, 2),
        ("{\"a\":]", "expected a value, found `]`", 5, 6),
        ("{\"a\":1]", "expected `,` or `}` after an object member", 6, 7),
        ("[1}", "expected `,` or `]` after an array element", 2, 3),
        ("日本", "expected a value, found `日`", 0, 3),
    ];
    for &(text, message, start, end) in cases {
        let e = err(text);
        assert_eq!((e.message.as_str(), e.span), (message, Span::new(start, end)), "{text:?}");
    }
}

#[test]
fn error_messages_show_long_input_cut_short() {
    let text = format!("[{}]", "x".repeat(100));
    let e = err(&text);
    assert_eq!(e.message, format!("invalid literal `{}…`: expected a value (strings must be in double quotes)", "x".repeat(40)));
    assert_eq!(e.span, Span::new(1, 101));
}

#[test]
fn spans_of_nested_values_and_keys() {
    let text = "{\n  \"Statement\": [ {\"Effect\" :\"Allow\"}, 12 ],\n  \"é\": null\n}";
    let v = ok(text);
    assert_eq!(v.span, Span::new(0, text.len() as u32));
    let members = v.as_object().unwrap();
    assert_eq!(members.len(), 2);
    let st = &members[0];
    assert_eq!(at(text, st.key_span), "\"Statement\"");
    assert_eq!(st.key_span, Span::new(4, 15));
    assert_eq!(at(text, st.value.span), "[ {\"Effect\" :\"Allow\"}, 12 ]");
    let items = st.value.as_array().unwrap();
    assert_eq!(at(text, items[0].span), "{\"Effect\" :\"Allow\"}");
    let effect = items[0].get_member("Effect").unwrap();
    assert_eq!(at(text, effect.key_span), "\"Effect\"");
    assert_eq!(at(text, effect.value.span), "\"Allow\"");
    assert_eq!(at(text, items[1].span), "12");
    assert_eq!(at(text, members[1].key_span), "\"é\"");
    assert_eq!(members[1].key, "é");
    assert_eq!(at(text, members[1].value.span), "null");
    // Escaped strings: the span covers the source text, not the decoded.
    let text = "[\"\\u0041\\n\"]";
    let v = ok(text);
    let s = &v.as_array().unwrap()[0];
    assert_eq!(s.as_str(), Some("A\n"));
    assert_eq!(s.span, Span::new(1, 11));
}

#[test]
fn bom_is_skipped_only_at_the_start() {
    let text = "\u{feff}{\"a\": 1}";
    let v = ok(text);
    assert_eq!(v.span, Span::new(3, text.len() as u32));
    assert_eq!(at(text, v.get_member("a").unwrap().key_span), "\"a\"");
    assert_eq!(ok("[\"\u{feff}\"]").as_array().unwrap()[0].as_str(), Some("\u{feff}"));
}

#[test]
fn depth_limit() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse(&nested(MAX_DEPTH)).is_ok());
    let e = err(&nested(MAX_DEPTH + 1));
    assert_eq!(e.message, "nesting deeper than 128 levels");
    assert_eq!(e.span, Span::new(MAX_DEPTH as u32, MAX_DEPTH as u32 + 1));
    let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    assert!(parse(&objects(MAX_DEPTH)).is_ok());
    assert_eq!(err(&objects(MAX_DEPTH + 1)).message, "nesting deeper than 128 levels");
    // Hostile input: no stack overflow, just an error.
    assert_eq!(err(&"[".repeat(100_000)).message, "nesting deeper than 128 levels");
    assert_eq!(err(&"{\"a\":[".repeat(100_000)).message, "nesting deeper than 128 levels");
    // Wide is fine.
    let wide = format!("[{}0]", "[],".repeat(100_000));
    assert_eq!(ok(&wide).as_array().map(<[Value]>::len), Some(100_001));
}

#[test]
fn surrogate_pairs() {
    assert_eq!(ok("\"\\uD834\\uDD1E\"").as_str(), Some("\u{1d11e}"));
    assert_eq!(ok("\"\\udbff\\udfff\"").as_str(), Some("\u{10ffff}"));
    assert_eq!(ok("\"\\uD800\\uDC00\"").as_str(), Some("\u{10000}"));
    assert_eq!(ok("\"\\uFFFF\"").as_str(), Some("\u{ffff}"));
    assert_eq!(ok("\"\\uE000\"").as_str(), Some("\u{e000}"));
    assert_eq!(ok("\"😀\"").as_str(), Some("😀"));
}

#[test]
fn duplicate_keys_are_kept_in_order() {
    let text = r#"{"Sid":"a","Effect":"Allow","Sid":"b"}"#;
    let v = ok(text);
    let keys: Vec<&str> = v.as_object().unwrap().iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["Sid", "Effect", "Sid"]);
    assert_eq!(v.get("Sid").and_then(Value::as_str), Some("a"));
    let second = &v.as_object().unwrap()[2];
    assert_eq!(at(text, second.key_span), "\"Sid\"");
    assert_eq!(second.key_span.start, 28);
}

#[test]
fn accessors() {
    let v = ok(r#"{"s":"x","n":-1.5,"b":true,"z":null,"a":[1],"o":{}}"#);
    assert_eq!(v.kind_name(), "an object");
    assert_eq!(v.get("s").and_then(Value::as_str), Some("x"));
    assert_eq!(v.get("n").and_then(Value::as_number_str), Some("-1.5"));
    assert_eq!(v.get("b").and_then(Value::as_bool), Some(true));
    assert_eq!(v.get("a").and_then(Value::as_array).map(<[Value]>::len), Some(1));
    assert_eq!(v.get("o").and_then(Value::as_object).map(<[Member]>::len), Some(0));
    let names: Vec<&str> = v.as_object().unwrap().iter().map(|m| m.value.kind_name()).collect();
    assert_eq!(names, ["a string", "a number", "a boolean", "null", "an array", "an object"]);
    assert!(v.get("S").is_none());
    assert!(v.get("missing").is_none());
    let s = v.get("s").unwrap();
    assert!(s.as_object().is_none() && s.as_array().is_none() && s.as_bool().is_none());
    assert!(s.as_number_str().is_none() && s.get("s").is_none() && s.get_member("s").is_none());
    assert!(v.as_str().is_none());
    assert!(ok("[\"s\"]").get("s").is_none());
}

#[test]
fn escape_string_escapes_what_json_requires() {
    let mut out = String::from("x=");
    escape_string("a\"b\\c\n\t\r\u{8}\u{c}\u{0}\u{1f}\u{7f}é/😀", &mut out);
    assert_eq!(out, "x=\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0000\\u001f\u{7f}é/😀\"");
    let mut empty = String::new();
    escape_string("", &mut empty);
    assert_eq!(empty, "\"\"");
    // Every code point below U+0020 survives a round trip.
    let all: String = (0u32..0x20).filter_map(char::from_u32).collect();
    let mut text = String::new();
    escape_string(&all, &mut text);
    assert_eq!(ok(&text).as_str(), Some(all.as_str()));
}

#[test]
fn round_trip_keeps_kinds_and_number_text() {
    let text = "{ \"a\" : [1.50, -0, 1e10, \"\\u00e9\\n\", {\"\":null}], \"a\": false, \"q\\\"\": true }";
    let v = ok(text);
    let compact = v.to_json_text();
    assert_eq!(compact, "{\"a\":[1.50,-0,1e10,\"é\\n\",{\"\":null}],\"a\":false,\"q\\\"\":true}");
    let again = ok(&compact);
    assert_eq!(strip(&again), strip(&v));
    assert_eq!(again.to_json_text(), compact);
}

#[test]
fn large_documents_parse() {
    let member = r#"{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket/\u0041*"}"#;
    let text = format!("{{\"Statement\":[{}]}}", vec![member; 10_000].join(",\n"));
    assert!(text.len() > 1_000_000);
    let v = ok(&text);
    assert_eq!(v.get("Statement").and_then(Value::as_array).map(<[Value]>::len), Some(10_000));
}

fn arb_number() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,8})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?"
}

fn leaf(kind: Kind) -> Value {
    Value { kind, span: Span::default() }
}

fn arb_value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(leaf(Kind::Null)),
        any::<bool>().prop_map(|b| leaf(Kind::Bool(b))),
        arb_number().prop_map(|n| leaf(Kind::Number(n))),
        any::<String>().prop_map(|s| leaf(Kind::String(s))),
        "[\\u{0}-\\u{7f}\"\\\\]{0,8}".prop_map(|s| leaf(Kind::String(s))),
    ];
    scalar.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(|items| leaf(Kind::Array(items))),
            prop::collection::vec((any::<String>(), inner), 0..8).prop_map(|members| {
                leaf(Kind::Object(members.into_iter().map(|(key, value)| Member { key, key_span: Span::default(), value }).collect()))
            }),
        ]
    })
}

/// Pretty-ish text with whitespace between every token.
fn spaced(v: &Value, out: &mut String) {
    match &v.kind {
        Kind::Array(items) => {
            out.push_str("[ ");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ,\n");
                }
                spaced(item, out);
            }
            out.push_str("\t]");
        }
        Kind::Object(members) => {
            out.push_str("{\r\n");
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(" , ");
                }
                escape_string(&m.key, out);
                out.push_str(" : ");
                spaced(&m.value, out);
            }
            out.push_str(" }");
        }
        _ => out.push_str(&v.to_json_text()),
    }
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let _ = parse(&s);
    }

    #[test]
    fn json_like_soup_never_panics(s in "[\\[\\]{}\":,0-9a-z\\\\ \\n.eE+\\-\\u{feff}\\u{1}\\tDFé日]{0,64}") {
        if let Err(e) = parse(&s) {
            prop_assert!(e.span.start <= e.span.end && e.span.end as usize <= s.len());
            prop_assert!(s.is_char_boundary(e.span.start as usize) && s.is_char_boundary(e.span.end as usize));
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn generated_values_round_trip(v in arb_value()) {
        let text = v.to_json_text();
        let parsed = parse(&text);
        prop_assert!(parsed.is_ok(), "{text:?}: {parsed:?}");
        let parsed = parsed.unwrap();
        prop_assert_eq!(strip(&parsed), strip(&v));
        prop_assert_eq!(parsed.to_json_text(), text.clone());
        check_spans(&text, &parsed);
        let mut loose = String::from("\u{feff} \n");
        spaced(&v, &mut loose);
        loose.push_str("\r\n");
        let parsed = parse(&loose);
        prop_assert!(parsed.is_ok(), "{loose:?}: {parsed:?}");
        let parsed = parsed.unwrap();
        prop_assert_eq!(strip(&parsed), strip(&v));
        check_spans(&loose, &parsed);
    }

    #[test]
    fn truncated_documents_are_errors(v in arb_value(), cut in any::<prop::sample::Index>()) {
        let text = v.to_json_text();
        let mut at = cut.index(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let prefix = &text[..at];
        // A prefix of a number can be a complete number; otherwise, a
        // strict prefix of a value never parses.
        if !matches!(v.kind, Kind::Number(_)) && at < text.len() {
            prop_assert!(parse(prefix).is_err(), "{prefix:?}");
        }
    }
}
