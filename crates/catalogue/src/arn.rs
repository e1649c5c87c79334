//! Does an ARN (or a `Resource` pattern) fit a resource type's ARN template?
//!
//! The Service Authorization Reference gives each resource type an ARN
//! template such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
//! A policy's `Resource` may itself contain `*`, `?` and policy variables
//! (`${aws:username}`), so the question is whether some real ARN is named
//! by both. Rules:
//! - both are split into IAM's six colon-separated segments (`arn`,
//!   partition, service, region, account, resource; the resource keeps its
//!   own colons); wildcards never cross a segment, as in IAM;
//! - in the ARN, `*` is any run of characters, `?` one character, a policy
//!   variable any non-empty run, `${*}`, `${?}` and `${$}` the literal
//!   character;
//! - in the template, a placeholder is any non-empty run, except that a
//!   `${BucketName}` never contains `/` (S3 bucket names cannot), so
//!   `arn:aws:s3:::bucket/*` fits objects and not buckets;
//! - literal characters compare exactly (ARNs are case-sensitive);
//! - a `Resource` of just `*` fits every type.
//!
//! The check is a reachability search over pairs of positions: at most
//! (ARN length + 1) × (template length + 1) states per segment, never
//! backtracking.

/// One step of a segment pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// This character.
    Char(char),
    /// Any one character of the class.
    One(Class),
    /// Any run (also empty) of characters of the class.
    Run(Class),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Any,
    NotSlash,
}

/// Whether `arn` (a concrete ARN or a policy `Resource` pattern) can name a
/// resource of the type whose ARN template is `template`.
///
/// ```
/// use catalogue::arn_matches_resource_type;
/// let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
/// let bucket = "arn:${Partition}:s3:::${BucketName}";
/// assert!(arn_matches_resource_type("arn:aws:s3:::photos/2024/cat.jpg", object));
/// assert!(arn_matches_resource_type("arn:aws:s3:::photos/*", object));
/// assert!(!arn_matches_resource_type("arn:aws:s3:::photos/*", bucket));
/// assert!(arn_matches_resource_type("arn:aws:s3:::photos", bucket));
/// assert!(arn_matches_resource_type("*", bucket));
/// ```
pub fn arn_matches_resource_type(arn: &str, template: &str) -> bool {
    if arn == "*" {
        return true;
    }
    let mut arn_parts = arn.splitn(6, ':');
    let mut template_parts = template.splitn(6, ':');
    let mut states = Vec::new();
    let mut segments = 0;
    loop {
        match (arn_parts.next(), template_parts.next()) {
            (Some(a), Some(t)) => {
                if !intersects(&arn_tokens(a), &template_tokens(t), &mut states) {
                    return false;
                }
                segments += 1;
            }
            (None, None) => return segments == 6,
            _ => return false,
        }
    }
}

fn arn_tokens(segment: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(c) = rest.chars().next() {
        if let Some(inner) = variable(rest) {
            match inner {
                "*" => out.push(Token::Char('*')),
                "?" => out.push(Token::Char('?')),
                "$" => out.push(Token::Char('$')),
                _ => out.extend([Token::One(Class::Any), Token::Run(Class::Any)]),
            }
            rest = rest.get(inner.len() + 3..).unwrap_or_default();
            continue;
        }
        out.push(match c {
            '*' => Token::Run(Class::Any),
            '?' => Token::One(Class::Any),
            c => Token::Char(c),
        });
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

fn template_tokens(segment: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(c) = rest.chars().next() {
        if let Some(name) = variable(rest) {
            let class = if name == "BucketName" { Class::NotSlash } else { Class::Any };
            out.extend([Token::One(class), Token::Run(class)]);
            rest = rest.get(name.len() + 3..).unwrap_or_default();
            continue;
        }
        out.push(Token::Char(c));
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// The name inside a `${…}` at the start of `text`.
fn variable(text: &str) -> Option<&str> {
    let body = text.strip_prefix("${")?;
    let end = body.find('}')?;
    body.get(..end)
}

/// Whether one character can be consumed by both tokens.
fn overlap(a: Token, b: Token) -> bool {
    let class_ok = |class: Class, c: char| class == Class::Any || c != '/';
    match (a, b) {
        (Token::Char(x), Token::Char(y)) => x == y,
        (Token::Char(c), Token::One(k) | Token::Run(k)) | (Token::One(k) | Token::Run(k), Token::Char(c)) => class_ok(k, c),
        // Two classes always share some character other than `/`.
        _ => true,
    }
}

/// Whether some string is matched by both token lists.
fn intersects(a: &[Token], b: &[Token], seen: &mut Vec<bool>) -> bool {
    let width = b.len() + 1;
    seen.clear();
    seen.resize((a.len() + 1) * width, false);
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        let Some(cell) = seen.get_mut(i * width + j) else { continue };
        if *cell {
            continue;
        }
        *cell = true;
        let (ta, tb) = (a.get(i).copied(), b.get(j).copied());
        if ta.is_none() && tb.is_none() {
            return true;
        }
        // A run may end here.
        if let Some(Token::Run(_)) = ta {
            stack.push((i + 1, j));
        }
        if let Some(Token::Run(_)) = tb {
            stack.push((i, j + 1));
        }
        // Both consume one character; a run stays where it is.
        if let (Some(x), Some(y)) = (ta, tb) {
            if overlap(x, y) {
                let ni = if matches!(x, Token::Run(_)) { i } else { i + 1 };
                let nj = if matches!(y, Token::Run(_)) { j } else { j + 1 };
                if (ni, nj) != (i, j) {
                    stack.push((ni, nj));
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const BUCKET: &str = "arn:${Partition}:s3:::${BucketName}";
    const ROLE: &str = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    const USER: &str = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}";
    const FUNCTION: &str = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
    const LOG_GROUP: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";

    macro_rules! fits {
        ($($arn:expr => $t:expr;)*) => { $( assert!(arn_matches_resource_type($arn, $t), "{} should fit {}", $arn, $t); )* };
    }
    macro_rules! misses {
        ($($arn:expr => $t:expr;)*) => { $( assert!(!arn_matches_resource_type($arn, $t), "{} should not fit {}", $arn, $t); )* };
    }

    #[test]
    fn concrete_arns() {
        fits! {
            "arn:aws:s3:::photos/cat.jpg" => OBJECT;
            "arn:aws:s3:::photos/2024/cat.jpg" => OBJECT;
            "arn:aws:s3:::photos" => BUCKET;
            "arn:aws:iam::111122223333:role/admin" => ROLE;
            "arn:aws:iam::111122223333:role/team/admin" => ROLE;
            "arn:aws-cn:iam::111122223333:role/admin" => ROLE;
            "arn:aws:lambda:us-east-1:111122223333:function:f" => FUNCTION;
            "arn:aws:lambda:us-east-1:111122223333:function:f:PROD" => FUNCTION;
            "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f" => LOG_GROUP;
        }
        misses! {
            "arn:aws:s3:::photos" => OBJECT;
            "arn:aws:s3:::photos/cat.jpg" => BUCKET;
            "arn:aws:s3:::photos/" => OBJECT;
            "arn:aws:iam::111122223333:role/admin" => USER;
            "arn:aws:iam:::role/admin" => ROLE;
            "arn:aws:s3:us-east-1::photos" => BUCKET;
            "arn:aws:iam::111122223333:Role/admin" => ROLE;
            "arn:aws:lambda:us-east-1:111122223333:function" => FUNCTION;
            "not an arn" => BUCKET;
            "arn:aws:s3" => BUCKET;
            "" => BUCKET;
        }
    }

    #[test]
    fn patterns() {
        fits! {
            "*" => ROLE;
            "arn:aws:s3:::*" => BUCKET;
            "arn:aws:s3:::*" => OBJECT;
            "arn:aws:s3:::photos/*" => OBJECT;
            "arn:aws:s3:::photo?" => BUCKET;
            "arn:*:iam::*:role/*" => ROLE;
            "arn:aws:iam::*:*" => ROLE;
            "arn:aws:iam::*:*" => USER;
            "arn:aws:iam::111122223333:role/${aws:username}" => ROLE;
            "arn:aws:s3:::home/${aws:username}/*" => OBJECT;
            "arn:aws:lambda:*:*:function:*" => FUNCTION;
            "arn:aws:s3:::a${*}b" => BUCKET;
        }
        misses! {
            "arn:aws:s3:::photos/*" => BUCKET;
            "arn:aws:iam::*:role/*" => USER;
            "arn:aws:iam::*:user*" => ROLE;
            // `*` does not cross a colon, as in IAM.
            "arn:*" => ROLE;
            "arn:aws:s3:::${*}/x" => BUCKET;
        }
    }

    #[test]
    fn long_inputs_stay_polynomial() {
        let arn = format!("arn:aws:s3:::{}", "*a".repeat(500));
        assert!(arn_matches_resource_type(&arn, OBJECT));
        let arn = format!("arn:aws:s3:::{}", "a".repeat(5000));
        assert!(!arn_matches_resource_type(&arn, OBJECT));
    }
}
