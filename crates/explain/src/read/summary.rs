//! The policy summary as the IAM console shows it: per effect and service,
//! whether the actions cover each access level fully or in part.
//!
//! IAM User Guide, "Access levels in policy summaries"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html>): "Access level
//! summaries indicate whether the actions in each access level (List, Read,
//! Tagging, Write, and Permissions management) have Full or Limited
//! permissions defined in the policy."

use std::collections::{BTreeMap, BTreeSet};

use catalogue::{AccessLevel, Catalogue};
use policy::{Effect, Policy, Statement};

use crate::model::{Access, Coverage, ServiceRow};
use crate::read::actions::service_of;

#[derive(Default)]
struct Acc {
    service: String,
    whole: bool,
    actions: Vec<String>,
    known: BTreeSet<usize>,
    unrecognized: Vec<String>,
    statements: Vec<usize>,
    all_resources: bool,
    conditions: bool,
    except: bool,
}

fn effect_order(e: Effect) -> u8 {
    match e {
        Effect::Allow => 0,
        Effect::Deny => 1,
    }
}

fn all_resources(st: &Statement) -> bool {
    st.resource.as_ref().is_none_or(|r| !r.negated && r.items.iter().any(|i| i.value.source() == "*"))
}

/// The row for `key` with `st` counted in.
fn touch<'m>(acc: &'m mut BTreeMap<(u8, String), Acc>, st: &Statement, key: String, display: &str) -> &'m mut Acc {
    let a = acc.entry((effect_order(st.effect), key)).or_insert_with(|| Acc { all_resources: true, ..Acc::default() });
    if a.service.is_empty() {
        a.service = display.to_string();
    }
    if a.statements.last() != Some(&st.index) {
        a.statements.push(st.index);
        a.all_resources &= all_resources(st);
        a.conditions |= !st.condition.is_empty();
    }
    a
}

/// Every row, allows first, then denies; the row for all services first,
/// then services by prefix.
pub(crate) fn rows(policy: &Policy, cat: Option<&Catalogue>) -> Vec<ServiceRow> {
    // (effect, "" for every service / "~" for NotAction / the prefix lower-cased)
    let mut acc: BTreeMap<(u8, String), Acc> = BTreeMap::new();
    for st in &policy.statements {
        if st.action.negated {
            let a = touch(&mut acc, st, "~".into(), "*");
            a.except = true;
            a.actions.extend(st.action.items.iter().map(|i| i.value.source().to_string()));
            continue;
        }
        for item in &st.action.items {
            let text = item.value.source();
            if text == "*" || text == "*:*" {
                let a = touch(&mut acc, st, String::new(), "*");
                a.whole = true;
                a.actions.push(text.to_string());
                continue;
            }
            let svc = service_of(text).unwrap_or(text);
            let wild_service = svc.contains(['*', '?']);
            match cat {
                Some(c) if wild_service => {
                    let mut any = false;
                    for action in c.actions_matching(text) {
                        any = true;
                        let prefix = action.service().prefix();
                        let a = touch(&mut acc, st, prefix.to_ascii_lowercase(), prefix);
                        if !a.actions.iter().any(|t| t == text) {
                            a.actions.push(text.to_string());
                        }
                        a.known.insert(action.index());
                    }
                    if !any {
                        let a = touch(&mut acc, st, svc.to_ascii_lowercase(), svc);
                        a.actions.push(text.to_string());
                        a.unrecognized.push(text.to_string());
                    }
                }
                Some(c) => {
                    let a = touch(&mut acc, st, svc.to_ascii_lowercase(), svc);
                    a.actions.push(text.to_string());
                    if text.split_once(':').is_some_and(|(_, n)| n == "*") && c.service(svc).is_some() {
                        a.whole = true;
                        continue;
                    }
                    let before = a.known.len();
                    let mut matched = false;
                    for action in c.actions_matching(text) {
                        matched = true;
                        a.known.insert(action.index());
                    }
                    if !matched && a.known.len() == before {
                        a.unrecognized.push(text.to_string());
                    }
                }
                None => {
                    let a = touch(&mut acc, st, svc.to_ascii_lowercase(), svc);
                    a.actions.push(text.to_string());
                    if text.split_once(':').is_some_and(|(_, n)| n == "*") && !wild_service {
                        a.whole = true;
                    }
                }
            }
        }
    }
    acc.into_iter()
        .map(|((effect, _), a)| {
            let effect = if effect == 0 { Effect::Allow } else { Effect::Deny };
            let service = cat.and_then(|c| c.service(&a.service));
            let access = if a.except {
                Access::AllExcept
            } else if a.whole {
                Access::Full
            } else {
                match (cat, service) {
                    (None, _) => Access::Unknown,
                    (Some(_), None) => Access::None,
                    (Some(_), Some(s)) => coverage(s.actions().map(|x| (x.index(), x.access_level())), &a.known),
                }
            };
            ServiceRow {
                effect,
                name: if a.service == "*" { None } else { service.map(|s| s.name().to_string()) },
                service: service.map(|s| s.prefix().to_string()).unwrap_or(a.service),
                access,
                actions: a.actions,
                unrecognized: a.unrecognized,
                all_resources: a.all_resources,
                conditions: a.conditions,
                statements: a.statements,
            }
        })
        .collect()
}

/// Full or Limited per level, from every action of the service and the
/// ones the policy names.
fn coverage(service_actions: impl Iterator<Item = (usize, AccessLevel)>, have: &BTreeSet<usize>) -> Access {
    let mut per: BTreeMap<AccessLevel, (usize, usize)> = BTreeMap::new();
    for (i, level) in service_actions {
        let e = per.entry(level).or_default();
        e.0 += 1;
        if have.contains(&i) {
            e.1 += 1;
        }
    }
    if have.is_empty() {
        return Access::None;
    }
    if per.values().all(|(total, n)| total == n) {
        return Access::Full;
    }
    Access::Levels(
        per.into_iter()
            .filter(|(_, (_, n))| *n > 0)
            .map(|(l, (total, n))| (l, if n == total { Coverage::Full } else { Coverage::Limited }))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_full_limited_or_full_access() {
        use AccessLevel::*;
        let service = [(0, List), (1, Read), (2, Read), (3, Write)];
        let have = |ix: &[usize]| ix.iter().copied().collect::<BTreeSet<usize>>();
        assert_eq!(coverage(service.into_iter(), &have(&[0, 1, 2, 3])), Access::Full);
        assert_eq!(coverage(service.into_iter(), &have(&[0, 1])), Access::Levels(vec![(List, Coverage::Full), (Read, Coverage::Limited)]));
        assert_eq!(coverage(service.into_iter(), &have(&[])), Access::None);
    }
}
