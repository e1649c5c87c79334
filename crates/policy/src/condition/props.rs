//! Property tests of `condition`: generated conditions, values and
//! contexts (parsing and evaluation never disagree with themselves).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use super::parse::{suggest_operator, unknown_operator};
use super::tests::path;
use super::*;
use crate::json::{Kind, Value};
use proptest::prelude::*;

// --- properties ---------------------------------------------------

fn v(kind: Kind) -> Value {
    Value { kind, span: Span::default() }
}

fn member(key: String, value: Value) -> crate::json::Member {
    crate::json::Member { key, key_span: Span::default(), value }
}

fn arb_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        "\\PC{0,24}".prop_map(|s| v(Kind::String(s))),
        prop::sample::select(vec![
            "true",
            "false",
            "TRUE",
            "3600",
            "-1.5e3",
            "2026-11-22T09:00:00Z",
            "2026-11-22",
            "1795338000",
            "203.0.113.0/24",
            "::ffff:1.2.3.4",
            "2001:db8::/32",
            "arn:aws:iam::*:role/*",
            "${aws:username}",
            "${aws:PrincipalTag/team, 'x'}",
            "home/${aws:username}/*",
            "*",
            "?",
            "${",
            "",
            "QUJD",
        ])
        .prop_map(|s| v(Kind::String(s.to_string()))),
        "-?[0-9]{1,20}(\\.[0-9]{0,5})?(e-?[0-9]{1,4})?".prop_map(|s| v(Kind::Number(s))),
        any::<bool>().prop_map(|b| v(Kind::Bool(b))),
        Just(v(Kind::Null)),
    ]
}

fn arb_values() -> impl Strategy<Value = Value> {
    prop_oneof![
        arb_scalar(),
        prop::collection::vec(arb_scalar(), 0..4).prop_map(|a| v(Kind::Array(a))),
        prop::collection::vec(prop::collection::vec(arb_scalar(), 0..2).prop_map(|a| v(Kind::Array(a))), 0..2)
            .prop_map(|a| v(Kind::Array(a))),
        Just(v(Kind::Object(Vec::new()))),
    ]
}

fn arb_operator() -> impl Strategy<Value = String> {
    let known = (prop::sample::select(OpKind::ALL.to_vec()), 0..3usize, any::<bool>()).prop_map(|(k, q, ie)| {
        let q = ["", "ForAllValues:", "ForAnyValue:"][q];
        format!("{q}{}{}", k.name(), if ie { "IfExists" } else { "" })
    });
    prop_oneof![4 => known, 1 => "\\PC{0,30}"]
}

fn arb_condition() -> impl Strategy<Value = Value> {
    let keys = prop_oneof![
        prop::sample::select(vec!["aws:username", "aws:TagKeys", "aws:SourceIp", "aws:CurrentTime", "k", ""]).prop_map(str::to_string),
        "\\PC{0,12}",
    ];
    let entry = (keys, arb_values()).prop_map(|(k, val)| member(k, val));
    let op = (
        arb_operator(),
        prop_oneof![
            4 => prop::collection::vec(entry, 0..3).prop_map(|ms| v(Kind::Object(ms))),
            1 => arb_values(),
        ],
    )
        .prop_map(|(k, val)| member(k, val));
    prop_oneof![
        8 => prop::collection::vec(op, 0..4).prop_map(|ms| v(Kind::Object(ms))),
        1 => arb_values(),
    ]
}

fn arb_context() -> impl Strategy<Value = Context> {
    let value = prop_oneof![
        "\\PC{0,16}",
        prop::sample::select(vec![
            "alice",
            "true",
            "3600",
            "2026-11-22T09:00:00Z",
            "203.0.113.9",
            "2001:db8::1",
            "arn:aws:iam::123456789012:role/x"
        ])
        .prop_map(str::to_string),
    ];
    let key = prop::sample::select(vec!["aws:username", "AWS:TagKeys", "aws:SourceIp", "aws:currenttime", "k", ""]);
    prop::collection::vec((key, prop::collection::vec(value, 0..3), any::<bool>()), 0..4).prop_map(|entries| {
        let mut c = Context::new();
        for (k, vs, multi) in entries {
            c.insert(k, ContextValue { values: vs, multi });
        }
        c
    })
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_conditions(cond in arb_condition(), c in arb_context(), variables in any::<bool>()) {
        let mut diags = Vec::new();
        let b = parse_condition(&cond, &path(), variables, &mut diags);
        let _ = b.first_failure(&c);
        for e in &b.entries {
            prop_assert_eq!(e.values.len(), e.raw_values.len());
            prop_assert_eq!(e.values.len(), e.value_spans.len());
            let _ = e.request_values(&c);
        }
        for d in &diags {
            prop_assert!(!d.message.is_empty() && d.path.starts_with(&path()));
        }
    }

    #[test]
    fn never_panics_on_operator_text(s in "\\PC{0,60}") {
        let _ = Operator::parse(&s);
        let _ = suggest_operator(&s);
        let _ = unknown_operator(&s, &path(), Span::default());
    }

    /// With the key present and no qualifier, a negated operator is
    /// exactly the opposite of its positive form.
    #[test]
    fn negation_is_complement(
        pair in prop::sample::select(vec![
            ("StringEquals", "StringNotEquals"), ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
            ("StringLike", "StringNotLike"), ("NumericEquals", "NumericNotEquals"), ("DateEquals", "DateNotEquals"),
            ("IpAddress", "NotIpAddress"), ("ArnLike", "ArnNotLike"), ("ArnEquals", "ArnNotEquals"),
        ]),
        vals in prop::collection::vec(prop::sample::select(vec!["a", "A*", "1", "2026-11-22", "10.0.0.0/8", "arn:aws:s3:::*", "${aws:username}"]), 1..3),
        req in prop::collection::vec(prop::sample::select(vec!["a", "Ab", "1", "1.0", "2026-11-22T00:00:00Z", "10.1.2.3", "arn:aws:s3:::b", "x"]), 1..3),
        multi in any::<bool>(),
    ) {
        let mk = |op: &str| {
            let vals = vals.iter().map(|s| v(Kind::String(s.to_string()))).collect();
            let cond = v(Kind::Object(vec![member(op.to_string(), v(Kind::Object(vec![member("k".into(), v(Kind::Array(vals)))])))]));
            parse_condition(&cond, &path(), true, &mut Vec::new())
        };
        let mut c = Context::new();
        c.insert("k", ContextValue { values: req.iter().map(|s| s.to_string()).collect(), multi });
        c.set("aws:username", "a");
        let (pos, neg) = (mk(pair.0), mk(pair.1));
        // Only compare when every value compiled for both.
        if pos.entries[0].values.len() == vals.len() && neg.entries[0].values.len() == vals.len() {
            prop_assert_eq!(pos.evaluate(&c), !neg.evaluate(&c));
        }
    }
}
