//! The compact data file → [`Catalogue`].
//!
//! The format is specified in the crate documentation (`lib.rs`, "The
//! data file").
//!
//! Every check is local to a line or compares with the previous entry, so
//! reading is linear in the text.

use core::fmt;

use crate::catalogue::{ActionRec, Catalogue, KeyRec, ResourceTypeRec, RowRec, ServiceRec};
use crate::model::{AccessLevel, KeyType};
use crate::text::{cmp_ignore_case, split_at_byte, Span, Strings};
use crate::wildcard::template_pattern;

/// The first field of the header line.
pub(crate) const MAGIC: &str = "roleplay-iam-catalogue 1";
/// Every ARN template starts with this; the file leaves it out.
const ARN_START: &str = "arn:${Partition}:";
/// Front-coding digits: the position is the count of repeated characters.
const FRONT: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Why a data file could not be read, and on which line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    line: usize,
    message: String,
}

impl Error {
    /// The 1-based line of the data file.
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong, in lowercase words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "catalogue line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Error {}

type Result<T> = core::result::Result<T, String>;

pub(crate) fn parse(text: &str) -> core::result::Result<Catalogue, Error> {
    let mut reader = Reader::new(text.len());
    let mut lines = split_at_byte(text, b'\n');
    let header = lines.next().unwrap_or_default();
    reader.header(header.strip_suffix('\r').unwrap_or(header)).map_err(|message| Error { line: 1, message })?;
    for (index, line) in lines.enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.is_empty() {
            reader.record(line).map_err(|message| Error { line: index + 2, message })?;
        }
    }
    Ok(reader.finish())
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Keys,
    Keysets,
    Services,
}

struct Reader {
    cat: Catalogue,
    section: Section,
    /// The previous entry of each front-coded kind, and a scratch buffer.
    last_key: String,
    last_action: String,
    last_arn: String,
    last_resource_type: String,
    scratch: String,
}

impl Reader {
    fn new(bytes: usize) -> Self {
        // Names make up most of the file; front coding expands them a little.
        let cat = Catalogue { strings: Strings::with_capacity(bytes + bytes / 2), keysets: vec![Span::default()], ..Catalogue::default() };
        Reader {
            cat,
            section: Section::Keys,
            last_key: String::new(),
            last_action: String::new(),
            last_arn: String::new(),
            last_resource_type: String::new(),
            scratch: String::new(),
        }
    }

    fn finish(mut self) -> Catalogue {
        let cat = &mut self.cat;
        cat.strings.shrink();
        cat.keys.shrink_to_fit();
        cat.keyset_items.shrink_to_fit();
        cat.keysets.shrink_to_fit();
        cat.services.shrink_to_fit();
        cat.resource_types.shrink_to_fit();
        cat.actions.shrink_to_fit();
        cat.rows.shrink_to_fit();
        self.cat
    }

    fn header(&mut self, line: &str) -> Result<()> {
        let mut fields = split_at_byte(line, b'\t');
        let magic = fields.next().unwrap_or_default();
        if magic != MAGIC {
            return Err(if magic.starts_with("roleplay-iam-catalogue") {
                format!("unsupported catalogue format `{}` (this reader knows `{MAGIC}`)", shorten(magic))
            } else {
                format!("not a roleplay IAM catalogue: the first line must start with `{MAGIC}`")
            });
        }
        let (Some(source), Some(version), Some(date), None) = (fields.next(), fields.next(), fields.next(), fields.next()) else {
            return Err("the header needs four fields: format, source, version, date".to_string());
        };
        self.cat.source = self.cat.strings.push(&[source]);
        self.cat.version = self.cat.strings.push(&[version]);
        self.cat.date = self.cat.strings.push(&[date]);
        Ok(())
    }

    fn record(&mut self, line: &str) -> Result<()> {
        let tag = line.as_bytes().first().copied().unwrap_or_default();
        let body = line.get(1..).ok_or_else(|| "a record must start with an ASCII tag".to_string())?;
        let section = match tag {
            b'k' => Section::Keys,
            b'=' => Section::Keysets,
            b's' | b'r' | b'a' => Section::Services,
            _ => return Err(format!("unknown record `{}`", shorten(line))),
        };
        if section < self.section {
            return Err(format!("record `{}` is out of place (keys, then key sets, then services)", shorten(line)));
        }
        self.section = section;
        match tag {
            b'k' => self.key(body),
            b'=' => self.keyset(body),
            b's' => self.service(body),
            b'r' => self.resource_type(body),
            _ => self.action(body),
        }
    }

    fn key(&mut self, body: &str) -> Result<()> {
        let [kind, name] = fields::<2>(body, 2)?;
        let mut kind_bytes = kind.bytes();
        let kind_code = kind_bytes.next().unwrap_or_default();
        let kind = KeyType::from_code(kind_code).ok_or_else(|| format!("unknown condition key type `{}`", shorten(kind)))?;
        let global = match (kind_bytes.next(), kind_bytes.next()) {
            (None, _) => false,
            (Some(b'+'), None) => true,
            _ => return Err("a key type is one letter, then `+` for a global key".to_string()),
        };
        unfront(&mut self.scratch, &self.last_key, name)?;
        in_order(&self.last_key, &self.scratch, "condition key")?;
        core::mem::swap(&mut self.last_key, &mut self.scratch);
        let index = self.cat.keys.len();
        let name = self.cat.strings.push(&[&self.last_key]);
        let pattern = template_pattern(&self.last_key).map(|p| self.cat.strings.push(&[&p]));
        if pattern.is_some() {
            self.cat.templated.push(index);
        }
        if global {
            self.cat.globals.push(index);
        }
        self.cat.keys.push(KeyRec { name, kind, global, pattern });
        Ok(())
    }

    fn keyset(&mut self, body: &str) -> Result<()> {
        let start = self.cat.keyset_items.len();
        for item in split_at_byte(body, b',') {
            let key = number(item)?;
            if key >= self.cat.keys.len() {
                return Err(format!("key set names condition key {key}, but there are {}", self.cat.keys.len()));
            }
            self.cat.keyset_items.push(key);
        }
        self.cat.keysets.push(Span { start, end: self.cat.keyset_items.len() });
        Ok(())
    }

    fn keyset_ref(&self, field: &str) -> Result<usize> {
        if field.is_empty() {
            return Ok(0);
        }
        let id = number(field)?;
        if id >= self.cat.keysets.len() {
            return Err(format!("key set {id} is not defined (there are {})", self.cat.keysets.len() - 1));
        }
        Ok(id)
    }

    fn service(&mut self, body: &str) -> Result<()> {
        let [prefix, name] = fields::<2>(body, 2)?;
        if prefix.is_empty() {
            return Err("empty service prefix".to_string());
        }
        if let Some(last) = self.cat.services.last() {
            in_order(self.cat.strings.get(last.prefix), prefix, "service")?;
        }
        let prefix = self.cat.strings.push(&[prefix]);
        let name = self.cat.strings.push(&[name]);
        let rt = self.cat.resource_types.len();
        let actions = self.cat.actions.len();
        self.cat.services.push(ServiceRec {
            prefix,
            name,
            resource_types: Span { start: rt, end: rt },
            actions: Span { start: actions, end: actions },
        });
        self.last_action.clear();
        self.last_arn.clear();
        self.last_resource_type.clear();
        Ok(())
    }

    fn resource_type(&mut self, body: &str) -> Result<()> {
        let [name, arn, keys] = fields::<3>(body, 2)?;
        let service = self.cat.services.len().checked_sub(1).ok_or("resource type before any service")?;
        let rec = self.cat.services.last().ok_or("resource type before any service")?;
        if rec.actions.len() > 0 {
            return Err(format!("resource type `{}` after the service's actions", shorten(name)));
        }
        if name.is_empty() {
            return Err("empty resource type name".to_string());
        }
        if rec.resource_types.len() > 0 {
            in_order(&self.last_resource_type, name, "resource type")?;
        }
        self.last_resource_type.clear();
        self.last_resource_type.push_str(name);
        unfront(&mut self.scratch, &self.last_arn, arn)?;
        core::mem::swap(&mut self.last_arn, &mut self.scratch);
        let keys = self.keyset_ref(keys)?;
        let name = self.cat.strings.push(&[name]);
        let arn = self.cat.strings.push(&[ARN_START, &self.last_arn]);
        self.cat.resource_types.push(ResourceTypeRec { service, name, arn, keys });
        if let Some(rec) = self.cat.services.last_mut() {
            rec.resource_types.end += 1;
        }
        Ok(())
    }

    fn action(&mut self, body: &str) -> Result<()> {
        let [name, level, keys, rows] = fields::<4>(body, 2)?;
        let service = self.cat.services.len().checked_sub(1).ok_or("action before any service")?;
        let rec = self.cat.services.last().ok_or("action before any service")?;
        let (first_action, resource_types) = (rec.actions.len() == 0, rec.resource_types);
        unfront(&mut self.scratch, &self.last_action, name)?;
        if !first_action {
            in_order(&self.last_action, &self.scratch, "action")?;
        }
        core::mem::swap(&mut self.last_action, &mut self.scratch);
        let level = AccessLevel::from_code(level).ok_or_else(|| format!("unknown access level `{}`", shorten(level)))?;
        let keys = self.keyset_ref(keys)?;
        let start = self.cat.rows.len();
        if !rows.is_empty() {
            for row in split_at_byte(rows, b',') {
                let (row, row_keys) = row.split_once('/').unwrap_or((row, ""));
                let (row, required) = match row.strip_suffix('*') {
                    Some(row) => (row, true),
                    None => (row, false),
                };
                let local = number(row)?;
                if local >= resource_types.len() {
                    return Err(format!("resource type {local} is not defined for this service"));
                }
                let keys = self.keyset_ref(row_keys)?;
                self.cat.rows.push(RowRec { resource_type: resource_types.start + local, required, keys });
            }
        }
        let rows = Span { start, end: self.cat.rows.len() };
        let name = self.cat.strings.push(&[&self.last_action]);
        self.cat.actions.push(ActionRec { service, name, level, keys, rows });
        if let Some(rec) = self.cat.services.last_mut() {
            rec.actions.end += 1;
        }
        Ok(())
    }
}

/// The first `N` tab-separated fields of `body`: at least `required`, the
/// rest empty when left out; more than `N` is an error.
fn fields<const N: usize>(body: &str, required: usize) -> Result<[&str; N]> {
    let mut out = [""; N];
    let mut parts = split_at_byte(body, b'\t');
    let mut count = 0;
    for slot in &mut out {
        match parts.next() {
            Some(part) => {
                *slot = part;
                count += 1;
            }
            None => break,
        }
    }
    if parts.next().is_some() {
        return Err(format!("too many fields (at most {N})"));
    }
    if count < required {
        return Err(format!("too few fields (at least {required})"));
    }
    Ok(out)
}

/// Decodes a front-coded `field` against `previous` into `out`.
fn unfront(out: &mut String, previous: &str, field: &str) -> Result<()> {
    let digit = field.as_bytes().first().ok_or("empty name")?;
    let shared =
        FRONT.iter().position(|d| d == digit).ok_or_else(|| format!("`{}` does not start with a front-coding digit", shorten(field)))?;
    let head = previous.get(..shared).ok_or_else(|| format!("`{}` repeats more of the previous name than it has", shorten(field)))?;
    let tail = field.get(1..).unwrap_or_default();
    out.clear();
    out.push_str(head);
    out.push_str(tail);
    if out.is_empty() {
        return Err("empty name".to_string());
    }
    Ok(())
}

fn in_order(previous: &str, next: &str, what: &str) -> Result<()> {
    if cmp_ignore_case(previous, next).is_lt() {
        Ok(())
    } else {
        Err(format!("{what} `{}` is repeated or out of order (after `{}`)", shorten(next), shorten(previous)))
    }
}

/// A base-36 number.
fn number(text: &str) -> Result<usize> {
    if text.is_empty() {
        return Err("missing number".to_string());
    }
    let mut n = 0usize;
    for b in text.bytes() {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'z' => b - b'a' + 10,
            _ => return Err(format!("`{}` is not a base-36 number", shorten(text))),
        };
        n = n
            .checked_mul(36)
            .and_then(|n| n.checked_add(usize::from(digit)))
            .ok_or_else(|| format!("`{}` is too large a number", shorten(text)))?;
    }
    Ok(n)
}

/// At most 60 characters of user input for a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// A tiny catalogue in the real format, for unit tests.
#[cfg(test)]
pub(crate) const SAMPLE: &str = "roleplay-iam-catalogue 1\ttest\t1.0\t2026-09-26
kS+\t0aws:RequestTag/${TagKey}
kI+\t4SourceIp
ks+\t4TagKeys
kS\t0iam:PassedToService
kS\t4ResourceTag/${TagKey}
kS\t0s3:ExistingObjectTag/<key>
=3
=4
=0,2
=5
siam\tAWS Identity and Access Management
rrole\t0iam::${Account}:role/${RoleNameWithPath}\t2
ruser\t5${Account}:user/${UserNameWithPath}\t2
a0PassRole\tW\t1\t0*
a0TagRole\tT\t3\t0*
ss3\tAmazon S3
rbucket\t0s3:::${BucketName}
robject\ti/${ObjectName}
a0GetObject\tR\t4\t1
a0ListAllMyBuckets\tL
a0PutObject\tW
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample() -> core::result::Result<(), Error> {
        let cat = parse(SAMPLE)?;
        assert_eq!((cat.source(), cat.version(), cat.date()), ("test", "1.0", "2026-09-26"));
        assert_eq!(cat.keys.len(), 6);
        assert_eq!(cat.services.len(), 2);
        let s3 = cat.service("S3").ok_or_else(|| err("s3"))?;
        let object = s3.resource_type("object").ok_or_else(|| err("object"))?;
        assert_eq!(object.arn_template(), "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        let user = cat.service("iam").and_then(|s| s.resource_type("user")).ok_or_else(|| err("user"))?;
        assert_eq!(user.arn_template(), "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}");
        let put = cat.action("s3", "putobject").ok_or_else(|| err("put"))?;
        assert_eq!(put.name(), "PutObject");
        assert!(put.is_wildcard_only());
        let keys: Vec<&str> = cat.condition_keys().map(|k| k.name()).collect();
        assert_eq!(
            keys,
            [
                "aws:RequestTag/${TagKey}",
                "aws:SourceIp",
                "aws:TagKeys",
                "iam:PassedToService",
                "iam:ResourceTag/${TagKey}",
                "s3:ExistingObjectTag/<key>"
            ]
        );
        Ok(())
    }

    fn err(what: &str) -> Error {
        Error { line: 0, message: format!("missing {what}") }
    }

    fn fails(text: &str, line: usize, words: &str) {
        let result = parse(text);
        assert!(result.is_err(), "parsed: {text:?}");
        if let Err(e) = result {
            assert_eq!(e.line(), line, "{e}");
            assert!(e.message().contains(words), "{e} (wanted {words:?})");
        }
    }

    #[test]
    fn rejects_with_the_line() {
        let h = "roleplay-iam-catalogue 1\tt\t1\td\n";
        fails("", 1, "not a roleplay IAM catalogue");
        fails("roleplay-iam-catalogue 2\tt\t1\td", 1, "unsupported");
        fails("roleplay-iam-catalogue 1\tt\t1", 1, "four fields");
        fails(&format!("{h}x"), 2, "unknown record");
        fails(&format!("{h}kQ\t0a:b"), 2, "unknown condition key type");
        fails(&format!("{h}kS++\t0a:b"), 2, "one letter");
        fails(&format!("{h}kS\t0a:b\nkS\t0a:a"), 3, "out of order");
        fails(&format!("{h}kS\t0a:b\nkS\t0A:B"), 3, "repeated");
        fails(&format!("{h}kS\t0a:b\nkS\tza:c"), 3, "repeats more");
        fails(&format!("{h}kS\t!a"), 2, "front-coding digit");
        fails(&format!("{h}kS\t0"), 2, "empty name");
        fails(&format!("{h}kS\t0a:b\n=1"), 3, "condition key 1");
        fails(&format!("{h}kS\t0a:b\n=0,"), 3, "missing number");
        fails(&format!("{h}=Z"), 2, "base-36");
        fails(&format!("{h}=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), 2, "too large");
        fails(&format!("{h}ss\tS\nkS\t0a"), 3, "out of place");
        fails(&format!("{h}rrole\t0x"), 2, "before any service");
        fails(&format!("{h}a0X\tW"), 2, "before any service");
        fails(&format!("{h}sb\tB\nsa\tA"), 3, "service `a`");
        fails(&format!("{h}ss\tS\na0X\tW\nrr\t0x"), 4, "after the service's actions");
        fails(&format!("{h}ss\tS\na0X\tQ"), 3, "access level");
        fails(&format!("{h}ss\tS\na0X\tW\t1"), 3, "key set 1 is not defined");
        fails(&format!("{h}ss\tS\na0X\tW\t\t0"), 3, "resource type 0 is not defined");
        fails(&format!("{h}ss\tS\na0X\tW\na0X\tW"), 4, "repeated");
        fails(&format!("{h}ss\tS\na0X\tW\t\t\textra"), 3, "too many fields");
        fails(&format!("{h}ss"), 2, "too few fields");
        fails(&format!("{h}ss\tS\nrr\t0x\nrr\t0y"), 4, "resource type `r`");
        fails(&format!("{h}\u{e9}"), 2, "ASCII tag");
    }

    #[test]
    fn tolerates_crlf_and_blank_lines() -> core::result::Result<(), Error> {
        let text = SAMPLE.replace('\n', "\r\n\n");
        let cat = parse(&text)?;
        assert_eq!(cat.actions.len(), 5);
        Ok(())
    }

    #[test]
    fn never_panics_on_any_prefix_or_mutation() {
        // Every prefix of the sample, and every single-byte change to it.
        for end in 0..=SAMPLE.len() {
            if let Some(prefix) = SAMPLE.get(..end) {
                let _ = parse(prefix);
            }
        }
        let bytes = SAMPLE.as_bytes();
        for at in 0..bytes.len() {
            for b in [b'\t', b'\n', b'0', b'z', b'Z', b'*', b'/', b',', b'k', b'a', 0xC3] {
                let mut changed = bytes.to_vec();
                if let Some(slot) = changed.get_mut(at) {
                    *slot = b;
                }
                if let Ok(text) = core::str::from_utf8(&changed) {
                    let _ = parse(text);
                }
            }
        }
    }
}
