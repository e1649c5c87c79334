#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};

use super::*;

const DEV_USER: &str = "arn:aws:iam::222222222222:user/user_A";
const ROLE: &str = "arn:aws:iam::111111111111:role/ReadOnly";

/// A cross-account exercise: the trust policy trusts the wrong account.
fn shipped() -> Value {
    json!({
        "Scenario": 1,
        "Title": {"en": "Fix the trust", "ja": "信頼を直す"},
        "Users": [
            {"Arn": DEV_USER, "Policies": [{"PolicyName": "Assume", "PolicyDocument":
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ROLE}]}}]},
            {"Arn": "arn:aws:iam::333333333333:user/mallory", "Policies": [{"PolicyName": "Assume", "PolicyDocument":
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}}]}
        ],
        "Roles": [{"Arn": ROLE,
            "AssumeRolePolicyDocument": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444444444444:root\"}, \"Action\": \"sts:AssumeRole\"}]\n}",
            "Policies": [{"PolicyName": "Read", "PolicyDocument":
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}}]}],
        "Steps": [
            {"Action": "sts:AssumeRole", "Caller": {"AWS": DEV_USER}, "RoleArn": ROLE, "RoleSessionName": "user_A", "Expect": "allowed"},
            {"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::333333333333:user/mallory"}, "RoleArn": ROLE, "RoleSessionName": "mallory", "Expect": "implicitDeny"},
            {"Action": "ec2:DescribeInstances", "Caller": {"Session": 0}, "Expect": "allowed"}
        ],
        "Exercise": {
            "Goals": [
                {"Step": 0},
                {"StaysDenied": 1},
                {"Step": 2, "Expect": "allowed", "Label": {"en": "The session can describe instances", "ja": "セッションでインスタンスを一覧できる"}},
                {"NoWildcardPrincipal": true},
                {"NoFindings": ["ERROR", "SECURITY_WARNING"]},
                {"EditOnly": ["$.Roles[0].AssumeRolePolicyDocument"]}
            ],
            "Hints": [{"en": "Which account is user_A in?", "ja": "user_A はどのアカウントにいますか?"}, "Trust 222222222222."]
        }
    })
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

fn with_trust(principal: &str) -> Value {
    let mut v = shipped();
    v["Roles"][0]["AssumeRolePolicyDocument"] = json!({"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}]});
    v
}

fn met(e: &Evaluation) -> Vec<bool> {
    e.goals.iter().map(|g| g.met).collect()
}

#[test]
fn shipped_fails_and_the_fix_solves() {
    let ex = Exercise::new(&text(&shipped())).unwrap();
    let e = ex.evaluate_text(&text(&shipped()), &LoaderWarnings);
    assert_eq!(met(&e), [false, true, false, true, true, true]);
    assert!(!e.solved);
    assert_eq!(e.met(), 4);
    let d = e.goals[0].detail.as_ref().unwrap();
    assert_eq!((d.en.as_str(), d.ja.as_deref()), ("now: implicit deny", Some("現在: 暗黙的な拒否")));
    let fixed = ex.evaluate_text(&text(&with_trust("arn:aws:iam::222222222222:root")), &LoaderWarnings);
    assert!(fixed.solved, "{fixed:?}");
    assert!(fixed.goals.iter().all(|g| g.detail.is_none()));
}

#[test]
fn labels_are_bilingual_and_the_author_s_label_wins() {
    let ex = Exercise::new(&text(&shipped())).unwrap();
    let en: Vec<&str> = ex.labels().iter().map(|l| l.en.as_str()).collect();
    let ja: Vec<&str> = ex.labels().iter().map(|l| l.ja.as_deref().unwrap()).collect();
    assert_eq!(
        en,
        [
            "Step 0 (sts:AssumeRole by user_A): allowed",
            "Step 1 (sts:AssumeRole by mallory) is denied (least privilege)",
            "The session can describe instances",
            "No `*` in any Principal",
            "No finding of type ERROR or SECURITY_WARNING",
            "Edit only the trust policy of ReadOnly",
        ]
    );
    assert_eq!(
        ja,
        [
            "ステップ 0 (user_A の sts:AssumeRole): 許可",
            "ステップ 1 (mallory の sts:AssumeRole) は拒否される (最小権限)",
            "セッションでインスタンスを一覧できる",
            "どの Principal にも `*` を使わない",
            "ERROR または SECURITY_WARNING の検出結果がない",
            "ReadOnly の信頼ポリシーだけを編集する",
        ]
    );
    assert_eq!(ex.hints().len(), 2);
    assert_eq!(ex.hints()[1].en, "Trust 222222222222.");
    assert_eq!(ex.editable().unwrap()[0].to_string(), "$.Roles[0].AssumeRolePolicyDocument");
}

#[test]
fn trusting_everyone_opens_too_much() {
    // "*" lets user_A in, but also mallory: least privilege and the
    // wildcard goal both catch it.
    let ex = Exercise::new(&text(&shipped())).unwrap();
    let e = ex.evaluate_text(&text(&with_trust("*")), &LoaderWarnings);
    assert_eq!(met(&e), [true, false, true, false, true, true]);
    assert_eq!(e.goals[1].detail.as_ref().unwrap().en, "now: allowed");
    assert_eq!(e.goals[3].detail.as_ref().unwrap().en, "`*` in the Principal of `$.Roles[0].AssumeRolePolicyDocument`");
}

#[test]
fn editing_elsewhere_breaks_edit_only() {
    let ex = Exercise::new(&text(&shipped())).unwrap();
    // Giving mallory's account the trust is in the trust policy: allowed to edit.
    // Changing the steps to aim the caller elsewhere is not.
    let mut v = with_trust("arn:aws:iam::222222222222:root");
    v["Steps"][1]["Expect"] = json!("allowed");
    let e = ex.evaluate_text(&text(&v), &LoaderWarnings);
    assert!(!e.goals[5].met);
    assert_eq!(e.goals[5].detail.as_ref().unwrap().en, "changed: Expect of step 1");
    assert_eq!(e.goals[5].detail.as_ref().unwrap().ja.as_deref(), Some("変更箇所: ステップ 1 の Expect"));
    // The goals keep the shipped Expect: the learner's own edit of it changes nothing.
    let mut v = shipped();
    v["Steps"][0]["Expect"] = json!("implicitDeny");
    assert!(!ex.evaluate_text(&text(&v), &LoaderWarnings).goals[0].met);
    // Another policy changed.
    let mut v = with_trust("arn:aws:iam::222222222222:root");
    v["Roles"][0]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] = json!("ec2:*");
    assert_eq!(ex.evaluate_text(&text(&v), &LoaderWarnings).goals[5].detail.as_ref().unwrap().en, "changed: the policy Read of ReadOnly");
}

#[test]
fn a_document_that_does_not_load_meets_no_goal_about_the_run() {
    let ex = Exercise::new(&text(&shipped())).unwrap();
    let e = ex.evaluate_text("{\"Scenario\": ", &LoaderWarnings);
    assert!(e.goals.iter().all(|g| !g.met));
    assert_eq!(e.goals[0].detail.as_ref().unwrap().en, "the scenario is not valid JSON");
    let mut v = shipped();
    v["Roles"][0]["AssumeRolePolicyDocument"] = json!("{\"Statement\": [{\"Effect\": \"allow\"}]}");
    let e = ex.evaluate_text(&text(&v), &LoaderWarnings);
    assert_eq!(e.goals[0].detail.as_ref().unwrap().en, "the scenario does not load (see its errors)");
    // EditOnly still judges the document: only the trust policy changed.
    assert!(e.goals[5].met);
}

struct Fixed(Vec<LintFinding>);

impl Linter for Fixed {
    fn findings(&self, _: &str, _: &Scenario) -> Vec<LintFinding> {
        self.0.clone()
    }
}

#[test]
fn no_findings_asks_the_linter_once() {
    let ex = Exercise::new(&text(&shipped())).unwrap();
    let finding = |t| LintFinding {
        finding_type: t,
        code: "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS".into(),
        path: JsonPath::parse("$.Roles[0].AssumeRolePolicyDocument"),
        message: Text { en: "anyone can assume".into(), ja: Some("だれでも引き受けられます".into()) },
    };
    let e = ex.evaluate_text(&text(&shipped()), &Fixed(vec![finding(FindingType::Suggestion)]));
    assert!(e.goals[4].met, "a suggestion is not an error or a security warning");
    let e = ex.evaluate_text(&text(&shipped()), &Fixed(vec![finding(FindingType::SecurityWarning)]));
    let d = e.goals[4].detail.as_ref().unwrap();
    assert_eq!(d.en, "SECURITY_WARNING ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS (`$.Roles[0].AssumeRolePolicyDocument`): anyone can assume");
    assert!(d.ja.as_deref().unwrap().ends_with("だれでも引き受けられます"));
}

#[test]
fn loader_warnings_are_warnings() {
    let mut v = with_trust("arn:aws:iam::222222222222:root");
    v["Roles"][0]["Policies"][0]["PolicyDocument"] =
        json!({"Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]});
    v["Exercise"]["Goals"] = json!([{"NoFindings": ["WARNING"]}, {"NoFindings": ["ERROR", "SECURITY_WARNING"]}]);
    let ex = Exercise::new(&text(&v)).unwrap();
    let e = ex.evaluate_text(&text(&v), &LoaderWarnings);
    assert_eq!(met(&e), [false, true]);
    assert!(e.goals[0].detail.as_ref().unwrap().en.starts_with("WARNING missing-version"), "{e:?}");
}

#[test]
fn a_scenario_without_exercise_is_not_one() {
    let mut v = shipped();
    v.as_object_mut().unwrap().remove("Exercise");
    let e = Exercise::new(&text(&v)).unwrap_err();
    assert_eq!(e[0].message, "the scenario has no `Exercise`: it is not an exercise");
}

fn load_errors(exercise: Value) -> Vec<String> {
    let mut v = shipped();
    v["Exercise"] = exercise;
    crate::load(&text(&v)).err().unwrap_or_default().iter().map(|e| format!("{}: {}", e.path, e.message)).collect()
}

#[test]
fn the_loader_says_where_a_goal_is_wrong() {
    let cases = [
        (json!({}), "$.Exercise: an exercise needs `Goals`: what the learner must achieve"),
        (json!({"Goals": []}), "$.Exercise.Goals: `Goals` is empty: an exercise has at least one goal"),
        (json!({"Goals": [{"Step": 7}]}), "$.Exercise.Goals[0].Step: there is no step 7"),
        (
            json!({"Goals": [{"Step": 0, "StaysDenied": 1}]}),
            "$.Exercise.Goals[0]: a goal has exactly one of `Step`, `StaysDenied`, `NoWildcardPrincipal`, `NoFindings`, `EditOnly`",
        ),
        (
            json!({"Goals": [{"StaysDenied": 1, "Expect": "allowed"}]}),
            "$.Exercise.Goals[0].Expect: `Expect` belongs to a `Step` goal, not to `StaysDenied`",
        ),
        (json!({"Goals": [{"Step": 0, "Expect": "allow"}]}), "$.Exercise.Goals[0].Expect: unknown outcome `allow`"),
        (
            json!({"Goals": [{"NoWildcardPrincipal": false}]}),
            "$.Exercise.Goals[0].NoWildcardPrincipal: `NoWildcardPrincipal` is `true` (leave the goal out to allow `*`)",
        ),
        (json!({"Goals": [{"NoFindings": ["ERRORS"]}]}), "$.Exercise.Goals[0].NoFindings[0]: unknown finding type `ERRORS`"),
        (json!({"Goals": [{"EditOnly": ["Roles[0]"]}]}), "$.Exercise.Goals[0].EditOnly[0]: `Roles[0]` is not a JSON path"),
        (
            json!({"Goals": [{"EditOnly": ["$.Roles[3].AssumeRolePolicyDocument"]}]}),
            "$.Exercise.Goals[0].EditOnly[0]: `$.Roles[3].AssumeRolePolicyDocument` is not in the scenario",
        ),
        (json!({"Goals": [{"Step": 0}], "Hint": []}), "$.Exercise.Hint: unknown key `Hint` in an exercise"),
        (json!({"Goals": [{"Step": 0}], "Hints": [{"de": "x"}]}), "$.Exercise.Hints[0].de: unknown key `de` in a bilingual text"),
        (json!({"Goals": [{"Stpe": 0}]}), "$.Exercise.Goals[0].Stpe: unknown key `Stpe` in a goal"),
    ];
    for (exercise, want) in cases {
        let got = load_errors(exercise.clone());
        assert!(got.iter().any(|g| g == want), "{exercise}: {got:?}");
    }
    // A clock step has no outcome to aim for; a step without Expect needs the goal's.
    let mut v = shipped();
    v["Steps"] = json!([{"Advance": 60}, {"Action": "ec2:DescribeInstances", "Caller": {"AWS": DEV_USER}}]);
    v["Exercise"] = json!({"Goals": [{"Step": 0}, {"Step": 1}, {"Step": 1, "Expect": "implicitDeny"}]});
    let got: Vec<String> = crate::load(&text(&v)).unwrap_err().iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        got,
        ["step 0 moves the clock: it has no outcome to aim for", "step 1 has no `Expect`, so the goal does not say what it must do"]
    );
}
