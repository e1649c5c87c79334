//! What kind of problem a finding is, in IAM Access Analyzer's vocabulary:
//! its *issue code* and its *finding type*.
//!
//! Access Analyzer's policy validation ("IAM policy validation check
//! reference", <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>)
//! names every check with an issue code such as `INVALID_ACTION` or
//! `PASS_ROLE_WITH_STAR_IN_RESOURCE` and classes it as an error, a security
//! warning, a general warning or a suggestion. roleplay uses AWS's code
//! where AWS has one, with AWS's meaning, and a code of its own in the same
//! style where it has none ([`IssueCode::is_roleplay_own`]). The parser tags
//! each diagnostic with its code; the `lint` crate adds the checks that
//! need the IAM catalogue or the scenario around a policy. The spelling of
//! every code lives here and nowhere else.

/// How serious a finding is (Access Analyzer's `findingType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingType {
    /// The policy is invalid, or a part of it can never work.
    Error,
    /// The policy grants more than is probably intended.
    SecurityWarning,
    /// The policy probably does not do what its author meant.
    Warning,
    /// A way to make the policy clearer or smaller.
    Suggestion,
}

impl FindingType {
    /// AWS's spelling: `ERROR`, `SECURITY_WARNING`, `WARNING`, `SUGGESTION`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingType::Error => "ERROR",
            FindingType::SecurityWarning => "SECURITY_WARNING",
            FindingType::Warning => "WARNING",
            FindingType::Suggestion => "SUGGESTION",
        }
    }

    /// The type spelled `s` (AWS's spelling).
    pub fn parse(s: &str) -> Option<FindingType> {
        [FindingType::Error, FindingType::SecurityWarning, FindingType::Warning, FindingType::Suggestion]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

macro_rules! issue_codes {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $ty:ident, $own:literal; )*) => {
        /// One kind of problem. The doc comment of each variant gives its
        /// meaning; [`IssueCode::as_str`] its spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum IssueCode {
            $( $(#[$doc])* $name, )*
        }

        impl IssueCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [IssueCode] = &[ $( IssueCode::$name, )* ];

            /// The code as Access Analyzer spells it (`INVALID_ACTION`).
            pub fn as_str(self) -> &'static str {
                match self { $( IssueCode::$name => $code, )* }
            }

            /// The finding type AWS gives the check (roleplay's choice for
            /// its own codes). A problem the loader rejects is reported as an
            /// `ERROR` whatever this says.
            pub fn finding_type(self) -> FindingType {
                match self { $( IssueCode::$name => FindingType::$ty, )* }
            }

            /// Whether the code is roleplay's own (Access Analyzer has no
            /// check for it).
            pub fn is_roleplay_own(self) -> bool {
                match self { $( IssueCode::$name => $own, )* }
            }
        }
    };
}

issue_codes! {
    // ---- the policy grammar (Access Analyzer's codes) ----
    /// The text is not JSON.
    JsonSyntaxError = "JSON_SYNTAX_ERROR", Error, false;
    /// `Version` is not `2012-10-17` or `2008-10-17`.
    InvalidVersion = "INVALID_VERSION", Error, false;
    /// No `Version`: policy variables are plain text.
    MissingVersion = "MISSING_VERSION", Warning, false;
    /// No `Statement`, or an empty one.
    MissingStatement = "MISSING_STATEMENT", Error, false;
    /// A value of the wrong JSON type (`Effect` as a number, ...).
    DataTypeMismatch = "DATA_TYPE_MISMATCH", Error, false;
    /// An element the policy language does not have, or one given twice.
    InvalidPolicyElement = "INVALID_POLICY_ELEMENT", Error, false;
    /// Two statements with the same `Sid`.
    UniqueSidsRequired = "UNIQUE_SIDS_REQUIRED", Error, false;
    /// A `Sid` with characters other than letters and digits.
    UnsupportedSid = "UNSUPPORTED_SID", Error, false;
    /// A statement without `Effect`.
    MissingEffect = "MISSING_EFFECT", Error, false;
    /// `Effect` other than `Allow` or `Deny`.
    InvalidEffect = "INVALID_EFFECT", Error, false;
    /// `Action` with `NotAction`, `Resource` with `NotResource`, ...
    UnsupportedElementCombination = "UNSUPPORTED_ELEMENT_COMBINATION", Error, false;
    /// A statement without `Action` or `NotAction`.
    MissingAction = "MISSING_ACTION", Error, false;
    /// An action that does not exist (or is not `service:Action`).
    InvalidAction = "INVALID_ACTION", Error, false;
    /// An action whose service prefix does not exist.
    InvalidServiceInAction = "INVALID_SERVICE_IN_ACTION", Error, false;
    /// A statement without `Resource` or `NotResource` where one is needed.
    MissingResource = "MISSING_RESOURCE", Error, false;
    /// A resource that is not an ARN or `*`.
    InvalidArnPrefix = "INVALID_ARN_PREFIX", Error, false;
    /// A resource ARN with fewer than six parts.
    MissingArnField = "MISSING_ARN_FIELD", Error, false;
    /// A statement of a resource-based or trust policy without `Principal`.
    MissingPrincipal = "MISSING_PRINCIPAL", Error, false;
    /// `Principal` in a policy type that has none (identity-based, ...).
    UnsupportedPrincipal = "UNSUPPORTED_PRINCIPAL", Error, false;
    /// `Principal` in a service control policy.
    ScpSyntaxErrorPrincipal = "SCP_SYNTAX_ERROR_PRINCIPAL", Error, false;
    /// A `Principal` value that is not `"*"`, a key-value pair or a valid principal.
    InvalidPrincipalFormat = "INVALID_PRINCIPAL_FORMAT", Error, false;
    /// A principal key other than `AWS`, `Service`, `Federated`, `CanonicalUser`.
    InvalidPrincipalKey = "INVALID_PRINCIPAL_KEY", Error, false;
    /// A wildcard inside a principal value.
    UnsupportedWildcardInPrincipal = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Error, false;
    /// `NotPrincipal` in a role trust policy.
    RoleTrustPolicySyntaxErrorNotprincipal = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Error, false;
    /// `Resource` or `NotResource` in a role trust policy.
    RoleTrustPolicySyntaxErrorResource = "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Error, false;
    /// A `Federated` principal that is not a provider name or provider ARN.
    InvalidFederatedPrincipalSyntaxInRoleTrustPolicy = "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", Error, false;
    /// A federated principal with an action it cannot use (OIDC needs
    /// `sts:AssumeRoleWithWebIdentity`, SAML `sts:AssumeRoleWithSAML`).
    MismatchedActionForPrincipal = "MISMATCHED_ACTION_FOR_PRINCIPAL", Error, false;
    /// `"Effect": "Allow"` with `NotPrincipal`.
    AllowWithNotPrincipal = "ALLOW_WITH_NOT_PRINCIPAL", SecurityWarning, false;
    /// `[]` as `Action`.
    EmptyArrayAction = "EMPTY_ARRAY_ACTION", Suggestion, false;
    /// `[]` as `Resource`.
    EmptyArrayResource = "EMPTY_ARRAY_RESOURCE", Suggestion, false;
    /// `[]` as a principal list.
    EmptyArrayPrincipal = "EMPTY_ARRAY_PRINCIPAL", Suggestion, false;
    /// `{}` as `Principal`.
    EmptyObjectPrincipal = "EMPTY_OBJECT_PRINCIPAL", Suggestion, false;

    // ---- conditions (Access Analyzer's codes) ----
    /// A condition operator that does not exist.
    InvalidConditionOperator = "INVALID_CONDITION_OPERATOR", Error, false;
    /// `NullIfExists`.
    NullWithIfExists = "NULL_WITH_IF_EXISTS", Error, false;
    /// An empty condition key.
    InvalidConditionKeyFormat = "INVALID_CONDITION_KEY_FORMAT", Error, false;
    /// `[]` as the values of a condition key.
    EmptyArrayCondition = "EMPTY_ARRAY_CONDITION", Suggestion, false;
    /// `{}` as a condition block or operator.
    EmptyObjectCondition = "EMPTY_OBJECT_CONDITION", Suggestion, false;
    /// A date operator with a value that is not a date.
    TypeMismatchDate = "TYPE_MISMATCH_DATE", Warning, false;
    /// A numeric operator with a value that is not a number.
    TypeMismatchNumber = "TYPE_MISMATCH_NUMBER", Warning, false;
    /// `Bool` or `Null` with a value other than `true`/`false`.
    TypeMismatchBoolean = "TYPE_MISMATCH_BOOLEAN", Warning, false;
    /// An IP operator with a value that is not an address or CIDR block.
    TypeMismatchIpRange = "TYPE_MISMATCH_IP_RANGE", Warning, false;
    /// `BinaryEquals` with a value that is not base64.
    TypeMismatchString = "TYPE_MISMATCH_STRING", Warning, false;
    /// An operator whose type does not fit the key's (a string operator on a date key, ...).
    TypeMismatch = "TYPE_MISMATCH", Warning, false;
    /// The same condition key twice in one operator (names ignore case).
    DuplicateKeysWithDifferentCase = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Error, false;
    /// `*` or `?` in a value of an operator without `Like`.
    WildcardWithoutLikeOperator = "WILDCARD_WITHOUT_LIKE_OPERATOR", Warning, false;
    /// A multivalued key without `ForAllValues:`/`ForAnyValue:`.
    MissingQualifier = "MISSING_QUALIFIER", Error, false;
    /// `ForAllValues:` on a single-valued key.
    ForallvaluesWithSingleValuedKey = "FORALLVALUES_WITH_SINGLE_VALUED_KEY", SecurityWarning, false;
    /// `Null` with `ForAllValues:`/`ForAnyValue:`.
    NullWithQualifier = "NULL_WITH_QUALIFIER", Suggestion, false;
    /// A global condition key (`aws:…`) that does not exist.
    InvalidGlobalConditionKey = "INVALID_GLOBAL_CONDITION_KEY", Error, false;
    /// A service condition key that the service does not have.
    InvalidServiceConditionKey = "INVALID_SERVICE_CONDITION_KEY", Error, false;
    /// A condition key of a service that does not exist.
    InvalidService = "INVALID_SERVICE", Error, false;
    /// A condition key that none of the statement's actions supports.
    UnsupportedActionForConditionKey = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Error, false;

    // ---- identity-based policies (Access Analyzer's codes) ----
    /// `iam:PassRole` with a wildcard in `Resource`.
    PassRoleWithStarInResource = "PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning, false;
    /// A wildcard action covering `iam:PassRole` with a wildcard in `Resource`.
    PassRoleWithStarInActionAndResource = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", SecurityWarning, false;
    /// `iam:PassRole` with `NotResource`.
    PassRoleWithNotResource = "PASS_ROLE_WITH_NOT_RESOURCE", SecurityWarning, false;
    /// A wildcard action covering `iam:PassRole` with `NotResource`.
    PassRoleWithStarInActionAndNotResource = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", SecurityWarning, false;
    /// `NotAction` (not excluding `iam:PassRole`) with `NotResource`.
    PassRoleWithNotActionAndNotResource = "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", SecurityWarning, false;
    /// `NotAction` (not excluding `iam:PassRole`) with a wildcard in `Resource`.
    PassRoleWithStarInResourceAndNotAction = "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", SecurityWarning, false;

    // ---- redundancy and size (Access Analyzer's codes) ----
    /// Two statements that grant the same, or one that adds nothing to another.
    RedundantStatement = "REDUNDANT_STATEMENT", Suggestion, false;
    /// An action already covered by another in the same statement.
    RedundantAction = "REDUNDANT_ACTION", Suggestion, false;
    /// A resource already covered by another in the same statement.
    RedundantResource = "REDUNDANT_RESOURCE", Suggestion, false;
    /// An identity-based policy (or boundary) over its size quota.
    PolicySizeExceedsIdentityPolicyQuota = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Warning, false;
    /// A service control policy over its size quota.
    PolicySizeExceedsScpQuota = "POLICY_SIZE_EXCEEDS_SCP_QUOTA", Error, false;
    /// `aws:SourceIp` with only private addresses: it never matches.
    PrivateIpAddress = "PRIVATE_IP_ADDRESS", Error, false;

    // ---- roleplay's own codes ----
    /// A resource that none of the statement's actions can act on.
    ResourceMatchesNoAction = "RESOURCE_MATCHES_NO_ACTION", Warning, true;
    /// A role trust policy that lets any principal assume the role, with no condition narrowing who.
    RoleTrustPolicyAllowsAllPrincipals = "ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS", SecurityWarning, true;
    /// A whole account as principal: every identity whose own policy allows it.
    WholeAccountPrincipal = "WHOLE_ACCOUNT_PRINCIPAL", Suggestion, true;
    /// Another account trusted without `sts:ExternalId`.
    CrossAccountTrustWithoutExternalId = "CROSS_ACCOUNT_TRUST_WITHOUT_EXTERNAL_ID", Suggestion, true;
    /// A service principal without `aws:SourceAccount`/`aws:SourceArn` where AWS recommends them.
    ServicePrincipalWithoutSourceCondition = "SERVICE_PRINCIPAL_WITHOUT_SOURCE_CONDITION", Suggestion, true;
    /// An action that a role trust policy cannot grant (anything but `sts:`).
    UnsupportedActionInRoleTrustPolicy = "UNSUPPORTED_ACTION_IN_ROLE_TRUST_POLICY", Error, true;
    /// `iam:PassRole` on a named role without `iam:PassedToService`.
    PassRoleWithoutPassedToService = "PASS_ROLE_WITHOUT_PASSED_TO_SERVICE", Suggestion, true;
    /// `"Effect": "Allow"` with `NotAction`.
    AllowWithNotAction = "ALLOW_WITH_NOT_ACTION", Warning, true;
    /// `"Effect": "Allow"` with `NotResource`.
    AllowWithNotResource = "ALLOW_WITH_NOT_RESOURCE", Warning, true;
    /// A statement whose conditions can never all hold.
    ConditionNeverMatches = "CONDITION_NEVER_MATCHES", Warning, true;
    /// `…IfExists` on a key AWS always includes in the request.
    IfExistsOnAlwaysPresentKey = "IF_EXISTS_ON_ALWAYS_PRESENT_KEY", Suggestion, true;
    /// `ForAnyValue:` on a single-valued key.
    ForanyvalueWithSingleValuedKey = "FORANYVALUE_WITH_SINGLE_VALUED_KEY", Warning, true;
    /// The same condition operator twice in one block.
    DuplicateConditionOperator = "DUPLICATE_CONDITION_OPERATOR", Warning, true;
    /// A policy variable that does not parse.
    InvalidPolicyVariable = "INVALID_POLICY_VARIABLE", Error, true;
    /// An `Allow` that an unconditional `Deny` of the same policy always overrides.
    AllowOverriddenByDeny = "ALLOW_OVERRIDDEN_BY_DENY", Warning, true;
    /// A role trust policy over its size quota.
    PolicySizeExceedsTrustPolicyQuota = "POLICY_SIZE_EXCEEDS_TRUST_POLICY_QUOTA", Error, true;
    /// A session policy over its size quota (the request fails).
    PolicySizeExceedsSessionPolicyQuota = "POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA", Error, true;
    /// A problem of the scenario outside its policies (the loader rejects it).
    InvalidScenario = "INVALID_SCENARIO", Error, true;
}

impl IssueCode {
    /// The code spelled `s`.
    pub fn parse(s: &str) -> Option<IssueCode> {
        IssueCode::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_upper_snake_case() {
        for (i, c) in IssueCode::ALL.iter().enumerate() {
            let s = c.as_str();
            assert!(s.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'), "{s}");
            assert_eq!(IssueCode::parse(s), Some(*c));
            assert!(IssueCode::ALL.iter().take(i).all(|o| o.as_str() != s), "{s} twice");
        }
    }
}
