//! `Action` values as what they name: every action, a whole service, one
//! action (with its access level), or a wildcard (with how many actions it
//! names); in a trust policy, the STS operations a principal may call.

use catalogue::{AccessLevel, Catalogue};

/// One value of `Action`/`NotAction` outside trust policies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ActionItem {
    /// `*` (or `*:*`): every action of every service.
    All,
    /// `svc:*`: every action of one service.
    Service { prefix: String, name: Option<String> },
    /// One action without wildcards; its access level when the catalogue
    /// is given (`Some(None)`: the catalogue does not know it).
    Exact { text: String, level: Option<Option<AccessLevel>> },
    /// A wildcard: with the catalogue, how many actions it names and their
    /// access levels (in order, without repeats).
    Pattern { text: String, matched: Option<(usize, Vec<AccessLevel>)> },
}

/// The service prefix of an action value (`s3` of `s3:Get*`), if it has one.
pub(crate) fn service_of(text: &str) -> Option<&str> {
    text.split_once(':').map(|(s, _)| s)
}

fn is_all(text: &str) -> bool {
    text == "*" || text == "*:*"
}

impl ActionItem {
    pub(crate) fn of(text: &str, cat: Option<&Catalogue>) -> ActionItem {
        if is_all(text) {
            return ActionItem::All;
        }
        if let Some((svc, "*")) = text.split_once(':') {
            if !svc.contains(['*', '?']) {
                let name = cat.and_then(|c| c.service(svc)).map(|s| s.name().to_string());
                return ActionItem::Service { prefix: svc.to_string(), name };
            }
        }
        if !text.contains(['*', '?']) {
            let level = cat.map(|c| c.find_action(text).map(|a| a.access_level()));
            return ActionItem::Exact { text: text.to_string(), level };
        }
        let matched = cat.map(|c| {
            let mut n = 0;
            let mut levels: Vec<AccessLevel> = Vec::new();
            for a in c.actions_matching(text) {
                n += 1;
                let l = a.access_level();
                if !levels.contains(&l) {
                    levels.push(l);
                }
            }
            levels.sort();
            (n, levels)
        });
        ActionItem::Pattern { text: text.to_string(), matched }
    }
}

/// An STS operation named in a trust policy's `Action`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TrustVerb {
    AssumeRole,
    WithWebIdentity,
    WithSaml,
    TagSession,
    SetSourceIdentity,
    SetContext,
    /// `sts:*`.
    AnySts,
    /// `*`.
    Any,
    /// Anything else, as written.
    Other(String),
}

impl TrustVerb {
    pub(crate) fn of(text: &str) -> TrustVerb {
        if is_all(text) {
            return TrustVerb::Any;
        }
        let Some(("sts" | "STS" | "Sts", name)) = text.split_once(':') else {
            return TrustVerb::Other(text.to_string());
        };
        // Action names match ignoring case, as IAM matches them.
        match name.to_ascii_lowercase().as_str() {
            "assumerole" => TrustVerb::AssumeRole,
            "assumerolewithwebidentity" => TrustVerb::WithWebIdentity,
            "assumerolewithsaml" => TrustVerb::WithSaml,
            "tagsession" => TrustVerb::TagSession,
            "setsourceidentity" => TrustVerb::SetSourceIdentity,
            "setcontext" => TrustVerb::SetContext,
            "*" => TrustVerb::AnySts,
            _ => TrustVerb::Other(text.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_without_the_catalogue() {
        assert_eq!(ActionItem::of("*", None), ActionItem::All);
        assert_eq!(ActionItem::of("s3:*", None), ActionItem::Service { prefix: "s3".into(), name: None });
        assert_eq!(ActionItem::of("s3:GetObject", None), ActionItem::Exact { text: "s3:GetObject".into(), level: None });
        assert_eq!(ActionItem::of("ec2:Describe*", None), ActionItem::Pattern { text: "ec2:Describe*".into(), matched: None });
        assert_eq!(service_of("ec2:Describe*"), Some("ec2"));
    }

    #[test]
    fn trust_verbs_ignore_case() {
        assert_eq!(TrustVerb::of("sts:AssumeRole"), TrustVerb::AssumeRole);
        assert_eq!(TrustVerb::of("sts:assumerolewithsaml"), TrustVerb::WithSaml);
        assert_eq!(TrustVerb::of("sts:*"), TrustVerb::AnySts);
        assert_eq!(TrustVerb::of("sts:AssumeRole*"), TrustVerb::Other("sts:AssumeRole*".into()));
    }
}
