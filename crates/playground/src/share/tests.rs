#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Tests for the share-link codec. Vectors below were produced by real compressors (Python `zlib.compressobj(level,
//! DEFLATED, -15)` and Node `zlib.deflateRawSync`) and base64url-encoded without padding.

use super::deflate::BitWriter;
use super::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// A representative ~3 KB scenario (IAM users, groups, roles, policies, Japanese notes).
const SAMPLE: &str = r#"{
  "version": 1,
  "title": "S3 読み取り専用チームと本番環境の保護",
  "description": "開発チームは s3:GetObject と s3:ListBucket のみ許可。本番バケットの削除は MFA なしでは拒否されます。",
  "account": "123456789012",
  "users": [
    { "name": "alice", "groups": ["admins"], "tags": { "team": "platform", "部署": "基盤" } },
    { "name": "bob", "groups": ["developers"], "tags": { "team": "web", "部署": "ウェブ" } },
    { "name": "carol", "groups": ["developers", "auditors"], "tags": { "team": "security", "部署": "セキュリティ" } }
  ],
  "groups": [
    { "name": "admins", "policies": ["AdministratorAccess"] },
    { "name": "developers", "policies": ["S3ReadOnlyTeam", "DenyProdDeleteWithoutMfa"] },
    { "name": "auditors", "policies": ["SecurityAudit"] }
  ],
  "roles": [
    {
      "name": "deploy-role",
      "trust": {
        "Version": "2012-10-17",
        "Statement": [
          { "Effect": "Allow", "Principal": { "Service": "codebuild.amazonaws.com" }, "Action": "sts:AssumeRole" },
          { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:user/alice" }, "Action": "sts:AssumeRole",
            "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }
        ]
      },
      "policies": ["DeployPolicy"]
    }
  ],
  "policies": [
    {
      "name": "S3ReadOnlyTeam",
      "description": "チームごとのプレフィックスに限定した読み取り専用アクセス",
      "document": {
        "Version": "2012-10-17",
        "Statement": [
          { "Sid": "ListTeamPrefix", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example-data",
            "Condition": { "StringLike": { "s3:prefix": ["${aws:PrincipalTag/team}/*"] } } },
          { "Sid": "ReadTeamObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
            "Resource": "arn:aws:s3:::example-data/${aws:PrincipalTag/team}/*" }
        ]
      }
    },
    {
      "name": "DenyProdDeleteWithoutMfa",
      "description": "MFA なしでの本番データ削除を拒否",
      "document": {
        "Version": "2012-10-17",
        "Statement": [
          { "Sid": "DenyDelete", "Effect": "Deny", "Action": ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:DeleteBucket"],
            "Resource": ["arn:aws:s3:::example-prod", "arn:aws:s3:::example-prod/*"],
            "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }
        ]
      }
    },
    {
      "name": "DeployPolicy",
      "document": {
        "Version": "2012-10-17",
        "Statement": [
          { "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::example-artifacts/*" },
          { "Effect": "Allow", "Action": ["lambda:UpdateFunctionCode", "lambda:GetFunction"],
            "Resource": "arn:aws:lambda:ap-northeast-1:123456789012:function:app-*" },
          { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app-runtime",
            "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } } }
        ]
      }
    }
  ],
  "boundaries": { "bob": "arn:aws:iam::aws:policy/PowerUserAccess" },
  "scps": [
    { "name": "RegionLock", "document": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "support:*"], "Resource": "*",
        "Condition": { "StringNotEquals": { "aws:RequestedRegion": ["ap-northeast-1", "us-east-1"] } } } ] } }
  ],
  "requests": [
    { "principal": "bob", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-data/web/index.html", "context": { "aws:MultiFactorAuthPresent": "false" } },
    { "principal": "bob", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::example-prod/db.sql", "context": { "aws:MultiFactorAuthPresent": "false" } },
    { "principal": "alice", "action": "iam:CreateUser", "resource": "*", "context": {} }
  ],
  "notes": "評価順序: 明示的な Deny → SCP → 権限境界 → アイデンティティベースのポリシー。🔐"
}"#;

// level 9, short text (fixed Huffman); first block type 1
const PY_FIXED: (&str, &str) = ("Hello, IAM! Hello, IAM!", "80jNycnXUfB09FVU8ECwAQ");
// level 9 (dynamic Huffman); first block type 2
const PY_DYNAMIC: (&str, &str) = (
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"読み取り専用\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::example-bucket\", \"arn:aws:s3:::example-bucket/*\"]}, {\"Sid\": \"DenyDelete\", \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}",
    "fZDBSgMxEIZfZZlj6WK3HoTctlZ7qSgWvJQ9pOksxqaJJLNUWXKwRy9exGcQQfANfJhS6mOYdEXtpbfM_38TPqaGK7ROGg0sgW4n66ZZJ82OoJ3AiDjhHDWFalzDSE4j8_X2vnr4XD-9rJaP64_l5vk1sidliSKCkCtlFjHKBTXfjsEdsgHS-eQmMqEK81A66lVihgRFSC7RmcoK3OLcasYXjgWMMbzj81uF6aSBA7unPmhB4dvJr2wf9X0fFRLuSsZ8xzEqNeCf5T8naMXg2Oip_FmooWeM2j6iy1mlSJ5yQcbmFV1fWHTN4aDkyiF47wv_DQ",
);
// level 0 (stored block); first block type 0
const PY_STORED: (&str, &str) = (
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"読み取り専用\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::example-bucket\", \"arn:aws:s3:::example-bucket/*\"]}, {\"Sid\": \"DenyDelete\", \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}",
    "AWwBk_57IlZlcnNpb24iOiAiMjAxMi0xMC0xNyIsICJTdGF0ZW1lbnQiOiBbeyJTaWQiOiAi6Kqt44G_5Y-W44KK5bCC55SoIiwgIkVmZmVjdCI6ICJBbGxvdyIsICJBY3Rpb24iOiBbInMzOkdldE9iamVjdCIsICJzMzpMaXN0QnVja2V0Il0sICJSZXNvdXJjZSI6IFsiYXJuOmF3czpzMzo6OmV4YW1wbGUtYnVja2V0IiwgImFybjphd3M6czM6OjpleGFtcGxlLWJ1Y2tldC8qIl19LCB7IlNpZCI6ICJEZW55RGVsZXRlIiwgIkVmZmVjdCI6ICJEZW55IiwgIkFjdGlvbiI6ICJzMzpEZWxldGVPYmplY3QiLCAiUmVzb3VyY2UiOiAiKiIsICJDb25kaXRpb24iOiB7IkJvb2wiOiB7ImF3czpNdWx0aUZhY3RvckF1dGhQcmVzZW50IjogImZhbHNlIn19fV19",
);
// Z_HUFFMAN_ONLY (dynamic, literals only, no distance codes); first block type 2
const PY_HUFFMAN_ONLY: (&str, &str) = (
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"読み取り専用\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::example-bucket\", \"arn:aws:s3:::example-bucket/*\"]}, {\"Sid\": \"DenyDelete\", \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}",
    "BcExSgNBFAbgqzz-UmbRZAvhdaurNoqSgE1IMZm8xTGTmbDzlhiWLbS0sRHPIILgDTyMBD2G39fjVtrsUwQTxkejcTE6KkbHMISpWpW1RAXTrMfUL8GEv4_Pn8fv_cvbz9Pz_uvp9_UdhnDWNOIUTKhCSFsYQuXUpwimGXLJF6LXi3txCkPIJV_6rCedW4libggTyalrnYBpBttGttvMuWRmebDrTZBi0bmVKAzBtpHtNnMumVke7HoTpFh0biV6eID5YKjH1C_BhFrirpYgKjCEs6YRp2BCLXEHQ6ic-hTBhFxyLUFUrhf34hSGMJGcutYJmHAAQzhNcenVpwimHicpBTD1sNvMV11Qf26dprbq9O6mlSxRwYTGhiwYhmE-_AM",
);
// two blocks separated by a full flush (an empty stored block); first block type 1
const PY_MULTI_BLOCK: (&str, &str) = (
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"読み取り専用\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::example-bucket\", \"arn:aws:s3:::example-bucket/*\"]}, {\"Sid\": \"DenyDelete\", \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}",
    "qlYKSy0qzszPU7JSUDIyMDTSNTTQNTRX0lFQCi5JLEnNTc0rAUpFVysFZ6aA1LxYtfZx4_6n_dMeN3U93dD0fMoKkFrXtLTUZJBCJcecnPxykJBjcgnE2GilYmMr99QS_6QskBqgFJDvk1lc4lSanJ1aohQLFAlKLc4vLUpOBStPLMqzSiwvtgIqs7JKrUjMLchJ1U2CKAaqxSOtr6UUW6sDAAAA__81jbEKAjEQRH8lbCl2dulOTztRztoil9tgJGQhu0HkyL97e2o3vHnDmBlucQJroMf87jGhIGwNHENAL3-upPMSKSvhnf2Kl_Gp0lIOyFSLR603Cg6Up_gbzLAnSmtwL7bnmiSenBcqXZXHtSBjXq-CS4zQWru3Dw",
);
// overlapping back-reference (distance 2); first block type 1
const PY_OVERLAP: (&str, &str) = (
    "", // expected text is "ab" repeated 300 times
    "S0xKHIWjkOoQAA",
);
// Node zlib.deflateRawSync (default level)
const NODE_DEFAULT: (&str, &str) = (
    "{\"scenario\":\"Node製のシナリオ\",\"users\":[{\"name\":\"alice\",\"groups\":[\"admins\"]},{\"name\":\"bob\",\"groups\":[\"devs\"]}],\"note\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
    "q1YqTk7NSyzKzFeyUvLLT0l9sXjv48Z1j5u2P27uety86nHTKiUdpdLi1KJiJavoaqW8xNxUJSulxJzM5FQlHaX0ovzSApCMUmJKbmZesVJsrQ5cUVJ-EoqSlNQykIJYHaW8_BKQggo6AKVaAA",
);

const VECTORS: [(&str, &str); 6] = [PY_FIXED, PY_DYNAMIC, PY_STORED, PY_HUFFMAN_ONLY, PY_MULTI_BLOCK, NODE_DEFAULT];

fn expected(v: (&str, &str)) -> String {
    if v.0.is_empty() {
        "ab".repeat(300)
    } else {
        v.0.to_string()
    }
}

/// Raw compressed bytes of a payload.
fn bytes(payload: &str) -> Vec<u8> {
    unbase64(payload).unwrap()
}

fn deflate_err(result: Result<String, DecodeError>) -> &'static str {
    if let Err(DecodeError::Deflate { reason, .. }) = result {
        reason
    } else {
        "<not a deflate error>"
    }
}

#[test]
fn sample_round_trip_and_ratio() {
    assert!(SAMPLE.len() > 3000, "sample is {} bytes", SAMPLE.len());
    let payload = encode(SAMPLE);
    assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(decode(&payload).unwrap(), SAMPLE);
    assert!(payload.len() * 2 < SAMPLE.len(), "payload {} chars for {} bytes of text", payload.len(), SAMPLE.len());
    // JSON must get a dynamic Huffman block (BTYPE = 10).
    assert_eq!(bytes(&payload)[0] & 0b111, 0b101);
}

#[test]
fn small_and_unicode_round_trips() {
    for text in [
        "",
        "a",
        "ab",
        "{}",
        "日本語",
        "🎉",
        "Ω≈ç√∫˜µ≤≥÷",
        "\0\u{1}\u{7f}\u{80}\u{ffff}\u{10ffff}",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ] {
        assert_eq!(decode(&encode(text)).unwrap(), text, "{text:?}");
    }
    assert_eq!(encode(""), "AwA"); // a fixed block holding only end-of-block, like zlib's
}

#[test]
fn large_and_pathological_round_trips() {
    let long_run = "x".repeat(MAX_DECODED);
    let p = encode(&long_run);
    assert!(p.len() < 1000);
    assert_eq!(decode(&p).unwrap(), long_run);
    // Pseudo-random text (poorly compressible) larger than one stored block.
    let mut seed = 0x1234_5678u32;
    let noisy: String = (0..100_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b' ' + ((seed >> 16) % 95) as u8)
        })
        .collect();
    assert_eq!(decode(&encode(&noisy)).unwrap(), noisy);
    // Raw bytes that are not text still survive deflate/inflate.
    let random: Vec<u8> = (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert_eq!(inflate(&deflate(&random)).unwrap(), random);
    let periodic = "0123456789".repeat(5000) + &"ab".repeat(40_000);
    assert_eq!(decode(&encode(&periodic)).unwrap(), periodic);
}

#[test]
fn decodes_vectors_from_standard_compressors() {
    for v in VECTORS.into_iter().chain([PY_OVERLAP]) {
        assert_eq!(decode(v.1).unwrap(), expected(v), "payload {}", v.1);
    }
    // Check the vectors cover all three block types.
    assert_eq!((bytes(PY_FIXED.1)[0] >> 1) & 3, 1);
    assert_eq!((bytes(PY_DYNAMIC.1)[0] >> 1) & 3, 2);
    assert_eq!((bytes(PY_STORED.1)[0] >> 1) & 3, 0);
}

#[test]
fn base64_variants() {
    let (text, payload) = PY_DYNAMIC;
    let padded = format!("{payload}{}", "=".repeat((4 - payload.len() % 4) % 4));
    let standard = padded.replace('-', "+").replace('_', "/");
    let wrapped: String = standard.chars().enumerate().flat_map(|(i, c)| if i % 60 == 59 { vec![c, '\n'] } else { vec![c] }).collect();
    for p in [padded.as_str(), &standard, &wrapped, &format!("  {payload}\t\r\n")] {
        assert_eq!(decode(p).unwrap(), text);
    }
}

#[test]
fn base64_errors_report_character_offsets() {
    assert_eq!(decode("AwA!"), Err(DecodeError::Base64 { offset: 3 }));
    assert_eq!(decode("日AwA"), Err(DecodeError::Base64 { offset: 0 }));
    assert_eq!(decode("AwA=A"), Err(DecodeError::Base64 { offset: 4 })); // data after padding
    assert_eq!(decode("AwA=="), Err(DecodeError::Base64 { offset: 3 })); // too much padding for the length
    assert_eq!(decode("AwAAA"), Err(DecodeError::Base64 { offset: 4 })); // lone trailing character
}

#[test]
fn deflate_errors() {
    // Empty payload: no block header at all.
    assert_eq!(decode(""), Err(DecodeError::Deflate { offset: 0, reason: "unexpected end of data" }));
    // BTYPE = 11.
    assert_eq!(deflate_err(decode(&base64url(&[0b111]))), "invalid block type");
    // Stored block whose NLEN is not the complement of LEN.
    assert_eq!(deflate_err(decode(&base64url(&[1, 5, 0, 0, 0]))), "stored block length does not match its complement");
    // Stored block longer than the data.
    assert_eq!(deflate_err(decode(&base64url(&[1, 5, 0, 0xFA, 0xFF, b'a']))), "stored block runs past the end of data");
    // Fixed block starting with a back-reference (length 3, distance 1) before any output.
    let mut w = BitWriter::default();
    w.put(0b011, 3);
    w.put(0b1000000, 7); // symbol 257 (code 0000001, sent most significant bit first)
    w.put(0, 5); // distance symbol 0 = distance 1
    w.align();
    assert_eq!(deflate_err(decode(&base64url(&w.out))), "distance reaches before the start of the output");
    // Dynamic block whose code-length code gives 1-bit codes to all 19 symbols.
    let mut w = BitWriter::default();
    w.put(0b101, 3);
    w.put(0, 5);
    w.put(0, 5);
    w.put(15, 4);
    for _ in 0..19 {
        w.put(1, 3);
    }
    w.align();
    assert_eq!(deflate_err(decode(&base64url(&w.out))), "over-subscribed Huffman code");
    // Dynamic block whose code-length code has a single 1-bit code (incomplete).
    let mut w = BitWriter::default();
    w.put(0b101, 3);
    w.put(0, 14);
    w.put(1, 3);
    w.align();
    w.put(0, 16);
    assert_eq!(deflate_err(decode(&base64url(&w.out))), "incomplete code-length code");
    // Dynamic block with HLIT = 287 (only 286 literal/length codes exist).
    let mut w = BitWriter::default();
    w.put(0b101, 3);
    w.put(30, 5);
    w.put(0, 9);
    w.align();
    assert_eq!(deflate_err(decode(&base64url(&w.out))), "too many length or distance symbols");
}

#[test]
fn size_limit_and_utf8() {
    let exactly = "y".repeat(MAX_DECODED);
    assert_eq!(decode(&encode(&exactly)).unwrap().len(), MAX_DECODED);
    assert_eq!(decode(&encode(&(exactly.clone() + "y"))), Err(DecodeError::TooLarge));
    // A stored-block stream that declares more than the limit is refused too.
    assert_eq!(decode(&"A".repeat(4 * MAX_COMPRESSED / 3 + 8)), Err(DecodeError::TooLarge));
    assert_eq!(decode(&base64url(&deflate(b"ok\xFFno"))), Err(DecodeError::NotUtf8 { offset: 2 }));
}

#[test]
fn error_messages() {
    assert_eq!(DecodeError::Base64 { offset: 7 }.to_string(), "The share link is not valid base64 at character 7 of the payload.");
    assert_eq!(
        DecodeError::Deflate { offset: 12, reason: "invalid block type" }.to_string(),
        "The share link's compressed data is corrupt at byte 12: invalid block type."
    );
    assert_eq!(DecodeError::TooLarge.to_string(), "The shared scenario is larger than the 256 KiB limit.");
    assert_eq!(
        DecodeError::NotUtf8 { offset: 3 }.to_string(),
        "The shared scenario is not valid UTF-8 text at byte 3 after decompression."
    );
}

#[test]
fn truncated_payloads_fail() {
    let ours = encode(SAMPLE);
    for payload in VECTORS.iter().map(|v| v.1).chain([ours.as_str()]) {
        for cut in 0..payload.len() {
            assert!(decode(&payload[..cut]).is_err(), "prefix of {cut} chars of {payload} decoded");
        }
    }
}

#[test]
fn flipped_bits_never_panic() {
    let ours = encode(SAMPLE);
    for payload in VECTORS.iter().map(|v| v.1).chain([ours.as_str()]) {
        let data = bytes(payload);
        for bit in 0..data.len() * 8 {
            let mut d = data.clone();
            d[bit / 8] ^= 1 << (bit % 8);
            let _ = decode(&base64url(&d));
        }
    }
}

proptest! {
    #[test]
    fn round_trip_arbitrary_strings(s in any::<String>()) {
        prop_assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn round_trip_repetitive_strings(parts in prop::collection::vec("[a-c{}\":日]{1,12}", 1..8), reps in prop::collection::vec(0usize..40, 1..40)) {
        let s: String = reps.iter().enumerate().map(|(i, &r)| parts[i % parts.len()].repeat(r)).collect();
        prop_assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn decode_arbitrary_strings_never_panics(s in any::<String>()) {
        let _ = decode(&s);
    }

    #[test]
    fn decode_arbitrary_bytes_is_quick(data in prop::collection::vec(any::<u8>(), 0..4096)) {
        let start = Instant::now();
        let _ = decode(&base64url(&data));
        prop_assert!(start.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn decode_corrupted_streams_is_quick(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), which in 0usize..7) {
        let ours = encode(SAMPLE);
        let payload = VECTORS.iter().map(|v| v.1).chain([ours.as_str()]).nth(which).unwrap();
        let mut data = bytes(payload);
        for (i, b) in edits {
            let i = i.index(data.len());
            data[i] = b;
        }
        let start = Instant::now();
        let _ = decode(&base64url(&data));
        prop_assert!(start.elapsed() < Duration::from_secs(1));
    }
}
