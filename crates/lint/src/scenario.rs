//! Linting a whole scenario: every policy as its kind, with what its
//! owner tells (the account), plus every problem the loader would reject.

use catalogue::Catalogue;
use policy::issue::IssueCode;
use policy::json::{Kind, Value};
use policy::path::{JsonPath, Seg};
use policy::{non_whitespace_len, LineIndex, PolicyType, Span};
use sts::schema::{self, key};

use crate::check::{PolicyContext, Sink};
use crate::finding::{Finding, Location, Text};

fn account_of_arn(arn: &str) -> Option<String> {
    arn.split(':').nth(4).filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())).map(str::to_string)
}

/// The account a policy field belongs to: its entity's ARN account (a
/// resource's `Account`, an SCP's `Target`, a session policy's role).
fn owner_account(doc: &Value, path: &JsonPath) -> Option<String> {
    let entity = JsonPath::from_segments(path.segments().get(..2)?.to_vec());
    let e = entity.lookup(doc)?;
    let list = match path.segments().first()? {
        Seg::Key(k) => k.as_str(),
        Seg::Index(_) => return None,
    };
    match list {
        key::SERVICE_CONTROL_POLICIES => e.get(key::TARGET)?.as_str().map(str::to_string),
        key::RESOURCES => {
            e.get(key::ACCOUNT).and_then(Value::as_str).map(str::to_string).or_else(|| account_of_arn(e.get(key::ARN)?.as_str()?))
        }
        key::STEPS => account_of_arn(e.get(key::ROLE_ARN)?.as_str()?),
        _ => account_of_arn(e.get(key::ARN)?.as_str()?),
    }
}

/// Every finding of a scenario: each policy linted as its kind, then the
/// loader's other errors (located in the file, `Policy` null) and size quotas.
pub fn lint_scenario(text: &str, cat: &Catalogue) -> Vec<Finding> {
    let lines = LineIndex::new(text);
    let doc = match sts::scenario::parse_document(text) {
        Ok(d) => d,
        Err(e) => {
            return vec![Finding {
                finding_type: IssueCode::JsonSyntaxError.finding_type(),
                issue: IssueCode::JsonSyntaxError,
                policy: None,
                in_policy_text: false,
                locations: vec![Location { path: e.path, span: Span::default(), start: e.position, end: e.end }],
                message: Text::new(e.message, "JSON 構文エラーです。JSON の構文を修正してください。"),
            }]
        }
    };
    let fields = schema::policy_fields(&doc);
    let mut out = Vec::new();
    for f in &fields {
        let Some(v) = f.path.lookup(&doc) else { continue };
        let ctx = PolicyContext { owner_account: owner_account(&doc, &f.path) };
        let kind = f.kind.kind;
        match &v.kind {
            Kind::String(s) => {
                let mut sink = Sink::new(s, Some(f.path.clone()), true);
                crate::check_text(&mut sink, s, kind, cat, &ctx);
                if kind == PolicyType::Session {
                    session_quota(&mut sink, s, non_whitespace_len(s));
                }
                out.extend(sink.out);
            }
            Kind::Object(_) => {
                let mut sink = Sink::new(text, Some(f.path.clone()), false);
                crate::check_value(&mut sink, v, &f.path, kind, cat, &ctx, text, &lines);
                if kind == PolicyType::Session {
                    let rel = v.span;
                    let size = non_whitespace_len(&v.to_json_text());
                    if size > sts::scenario::SESSION_POLICY_QUOTA {
                        sink.add(IssueCode::PolicySizeExceedsSessionPolicyQuota, &JsonPath::root(), rel, session_words(size));
                    }
                }
                out.extend(sink.out);
            }
            _ => {}
        }
    }
    if let Err(errors) = sts::scenario::load_document(text, &doc) {
        for e in errors {
            let inside = fields.iter().any(|f| e.path.starts_with(&f.path));
            let issue = if e.code == "LimitExceeded" {
                quota_issue(&e.path)
            } else if inside {
                continue;
            } else {
                IssueCode::InvalidScenario
            };
            let en = match &e.help {
                Some(h) => format!("{} (help: {h})", e.message),
                None => e.message.clone(),
            };
            let ja = match issue {
                IssueCode::InvalidScenario => format!("シナリオに誤りがあるため実行できません: {en}"),
                _ => format!("ポリシーが文字数のクォータ（空白を除く）を超えています: {en}"),
            };
            out.push(Finding {
                finding_type: policy::issue::FindingType::Error,
                issue,
                policy: fields.iter().find(|f| e.path.starts_with(&f.path)).map(|f| f.path.clone()),
                in_policy_text: false,
                locations: vec![Location { path: e.path.clone(), span: Span::default(), start: e.position, end: e.end }],
                message: Text { en, ja },
            });
        }
    }
    out
}

/// The size-quota code for a `LimitExceeded` error at `path`.
fn quota_issue(path: &JsonPath) -> IssueCode {
    let last = path.segments().last();
    let list = path.segments().first();
    match (list, last) {
        (_, Some(Seg::Key(k))) if k == key::ASSUME_ROLE_POLICY_DOCUMENT => IssueCode::PolicySizeExceedsTrustPolicyQuota,
        (Some(Seg::Key(l)), _) if l == key::SERVICE_CONTROL_POLICIES => IssueCode::PolicySizeExceedsScpQuota,
        _ => IssueCode::PolicySizeExceedsIdentityPolicyQuota,
    }
}

fn session_words(size: usize) -> Text {
    let quota = sts::scenario::SESSION_POLICY_QUOTA;
    Text::new(
        format!("the session policy is {size} characters (not counting whitespace), over the quota of {quota}: AssumeRole fails with `PackedPolicyTooLarge`"),
        format!("セッションポリシーが {size} 文字（空白を除く）で、クォータの {quota} を超えています。AssumeRole は `PackedPolicyTooLarge` で失敗します。"),
    )
}

fn session_quota(sink: &mut Sink<'_>, text: &str, size: usize) {
    if size > sts::scenario::SESSION_POLICY_QUOTA {
        let span = Span::new(0, u32::try_from(text.len()).unwrap_or(u32::MAX));
        sink.add(IssueCode::PolicySizeExceedsSessionPolicyQuota, &JsonPath::root(), span, session_words(size));
    }
}
