//! IP addresses and CIDR blocks for the `IpAddress` / `NotIpAddress`
//! condition operators (`aws:SourceIp`, `aws:VpcSourceIp`).
//!
//! Addresses are parsed with `std::net` (no system calls, so this works on
//! wasm too) and kept as a family flag plus a `u128`: an IPv4 address in
//! the low 32 bits, an IPv6 address in all 128.
//!
//! # IPv4-mapped IPv6 addresses
//!
//! `::ffff:192.0.2.1` is the IPv4 address `192.0.2.1` written in IPv6
//! form. A CIDR block inside `::ffff:0:0/96` (prefix 96 or longer) is
//! matched as the IPv4 block it stands for, and an IPv4 block matches
//! mapped addresses as the IPv4 addresses they stand for: so
//! `203.0.113.0/24` contains `::ffff:203.0.113.7` and
//! `::ffff:203.0.113.0/120` contains `203.0.113.7`. Any other IPv6 block
//! (such as `::/0`) contains mapped addresses by their IPv6 bits but no
//! plain IPv4 address. A block written in mapped form is still shown in
//! IPv6 form (normalised), not converted to IPv4.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A CIDR block (`203.0.113.0/24`, `2001:db8::/32`) or a single address
/// (a `/32` or `/128` block). Host bits written after the prefix are
/// cleared: `203.0.113.7/24` is the block `203.0.113.0/24`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    v6: bool,
    /// The network address (host bits zero), right-aligned.
    network: u128,
    prefix: u8,
}

/// Parses an IPv4 or IPv6 address: `(is_v6, bits)`, IPv4 in the low 32
/// bits. IPv4-mapped addresses stay IPv6 here (see [`unmap`]).
pub fn parse_ip(s: &str) -> Option<(bool, u128)> {
    if s.len() > 64 {
        return None;
    }
    if s.contains(':') {
        s.parse::<Ipv6Addr>().ok().map(|a| (true, u128::from(a)))
    } else {
        s.parse::<Ipv4Addr>().ok().map(|a| (false, u128::from(u32::from(a))))
    }
}

/// The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) stands
/// for; any other address unchanged.
pub fn unmap(v6: bool, bits: u128) -> (bool, u128) {
    if v6 && bits >> 32 == 0xffff {
        (false, bits & 0xffff_ffff)
    } else {
        (v6, bits)
    }
}

const MAPPED_PREFIX: u8 = 96;

fn mask(width: u8, prefix: u8) -> u128 {
    // Bits of the address (right-aligned, `width` wide) kept by `prefix`.
    let host = u32::from(width.saturating_sub(prefix));
    let all = if width >= 128 { u128::MAX } else { (1u128 << width) - 1 };
    all.checked_shr(host).map_or(0, |m| m.checked_shl(host).unwrap_or(0))
}

impl Cidr {
    /// Parses `address/prefix` or a bare address.
    pub fn parse(s: &str) -> Result<Cidr, String> {
        let shape = "expected an IP address or CIDR block such as `203.0.113.0/24` or `2001:db8::/32`";
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let Some((v6, bits)) = parse_ip(addr) else {
            return Err(format!("`{s}` is not a valid IP address or CIDR block: {shape}"));
        };
        let width: u8 = if v6 { 128 } else { 32 };
        let prefix = match prefix {
            None => width,
            Some(p) => {
                let n = if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) { p.parse::<u8>().ok() } else { None };
                match n {
                    Some(n) if n <= width => n,
                    _ => {
                        let family = if v6 { "IPv6" } else { "IPv4" };
                        return Err(format!(
                            "`{s}` is not a valid CIDR block: the prefix length `{p}` must be a number from 0 to {width} for an {family} address"
                        ));
                    }
                }
            }
        };
        Ok(Cidr { v6, network: bits & mask(width, prefix), prefix })
    }

    /// Whether this is an IPv6 block.
    pub fn is_v6(&self) -> bool {
        self.v6
    }

    /// The prefix length (32 or 128 for a single address).
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The network address, right-aligned (IPv4 in the low 32 bits).
    pub fn network(&self) -> u128 {
        self.network
    }

    /// The block as IPv4 when it lies inside `::ffff:0:0/96`.
    fn effective(&self) -> (bool, u128, u8) {
        if self.v6 && self.prefix >= MAPPED_PREFIX && self.network >> 32 == 0xffff {
            (false, self.network & 0xffff_ffff, self.prefix - MAPPED_PREFIX)
        } else {
            (self.v6, self.network, self.prefix)
        }
    }

    /// Whether the address `ip` is in this block. `false` when `ip` is not
    /// an address (CIDR notation included) or is of the other family;
    /// IPv4-mapped IPv6 addresses count as IPv4 (see the module docs).
    pub fn contains(&self, ip: &str) -> bool {
        parse_ip(ip).is_some_and(|(v6, bits)| self.contains_addr(v6, bits))
    }

    /// [`Cidr::contains`] for an already parsed address.
    pub fn contains_addr(&self, v6: bool, bits: u128) -> bool {
        let (cv6, net, prefix) = self.effective();
        // A mapped address meets an IPv4 block as IPv4, an IPv6 block as IPv6.
        let (v6, bits) = if cv6 { (v6, bits) } else { unmap(v6, bits) };
        if v6 != cv6 {
            return false;
        }
        let width = if v6 { 128 } else { 32 };
        bits & mask(width, prefix) == net
    }
}

impl fmt::Display for Cidr {
    /// `203.0.113.0/24`, `2001:db8::/32`: the network address in its
    /// canonical form (lower-case hex, longest zero run compressed) and the
    /// prefix length, always written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.v6 {
            write!(f, "{}/{}", Ipv6Addr::from(self.network), self.prefix)
        } else {
            let v4 = u32::try_from(self.network).unwrap_or(0);
            write!(f, "{}/{}", Ipv4Addr::from(v4), self.prefix)
        }
    }
}

impl std::str::FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Cidr, String> {
        Cidr::parse(s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cidr(s: &str) -> Cidr {
        Cidr::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ipv4_blocks() {
        let c = cidr("203.0.113.0/24");
        assert!(!c.is_v6());
        assert_eq!(c.prefix(), 24);
        assert!(c.contains("203.0.113.0"));
        assert!(c.contains("203.0.113.255"));
        assert!(!c.contains("203.0.114.0"));
        assert!(!c.contains("203.0.112.255"));
        assert!(!c.contains("2001:db8::1"));
        assert!(!c.contains("not an ip"));
        assert!(!c.contains("203.0.113.5/32"));
        assert!(!c.contains(""));
        assert!(cidr("0.0.0.0/0").contains("198.51.100.1"));
        assert!(!cidr("0.0.0.0/0").contains("::1"));
        let one = cidr("198.51.100.7");
        assert_eq!(one.prefix(), 32);
        assert!(one.contains("198.51.100.7") && !one.contains("198.51.100.8"));
    }

    #[test]
    fn ipv6_blocks() {
        let c = cidr("2001:DB8::/32");
        assert!(c.is_v6());
        assert!(c.contains("2001:db8::1"));
        assert!(c.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
        assert!(!c.contains("2001:db9::"));
        assert!(!c.contains("203.0.113.1"));
        assert!(cidr("::/0").contains("fe80::1"));
        assert!(cidr("::1").contains("0:0:0:0:0:0:0:1"));
        assert!(cidr("2001:db8:1234::/48").contains("2001:db8:1234:5678::9"));
        assert!(!cidr("2001:db8:1234::/48").contains("2001:db8:1235::"));
    }

    #[test]
    fn mapped_addresses_compare_as_ipv4() {
        assert_eq!(parse_ip("::ffff:192.0.2.1"), Some((true, 0xffff_c000_0201)));
        assert_eq!(unmap(true, 0xffff_c000_0201), (false, 0xc000_0201));
        assert!(cidr("192.0.2.0/24").contains("::ffff:192.0.2.1"));
        assert!(cidr("::ffff:192.0.2.0/120").contains("192.0.2.200"));
        assert!(!cidr("::ffff:192.0.2.0/120").contains("192.0.3.1"));
        assert!(cidr("::ffff:0:0/96").contains("10.0.0.1"));
        assert!(!cidr("192.0.2.0/24").contains("::192.0.2.1"));
        // A wider IPv6 block that includes the mapped range stays IPv6: it
        // contains mapped addresses, but not IPv4 addresses.
        assert!(cidr("::/0").contains("::ffff:10.0.0.1"));
        assert!(!cidr("::/0").contains("10.0.0.1"));
        assert!(!cidr("::/64").contains("10.0.0.1"));
    }

    #[test]
    fn display_normalises() {
        assert_eq!(cidr("203.0.113.7/24").to_string(), "203.0.113.0/24");
        assert_eq!(cidr("203.0.113.7").to_string(), "203.0.113.7/32");
        assert_eq!(cidr("2001:0DB8:0000::/32").to_string(), "2001:db8::/32");
        assert_eq!(cidr("2001:db8::ff/120").to_string(), "2001:db8::/120");
        assert_eq!(cidr("::ffff:192.0.2.1").to_string(), "::ffff:192.0.2.1/128");
        assert_eq!(cidr("0.0.0.0/0").to_string(), "0.0.0.0/0");
        assert_eq!(cidr("1.2.3.4/0").to_string(), "0.0.0.0/0");
        assert_eq!(cidr("::/0").to_string(), "::/0");
    }

    #[test]
    fn errors() {
        for s in [
            "",
            "/24",
            "203.0.113.0/",
            "203.0.113.0/33",
            "203.0.113.0/-1",
            "203.0.113.0/+8",
            "203.0.113.0/0024",
            "203.0.113.0/24/8",
            "203.0.113",
            "203.0.113.256",
            "203.0.113.0 /24",
            " 203.0.113.0",
            "2001:db8::/129",
            "2001:db8:::1",
            "fe80::1%eth0",
            "*",
            "localhost",
        ] {
            assert!(Cidr::parse(s).is_err(), "{s}");
        }
        assert_eq!(
            Cidr::parse("10.0.0.0/33").unwrap_err(),
            "`10.0.0.0/33` is not a valid CIDR block: the prefix length `33` must be a number from 0 to 32 for an IPv4 address"
        );
        assert!(Cidr::parse("abc").unwrap_err().starts_with("`abc` is not a valid IP address or CIDR block"));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,48}") {
            let _ = Cidr::parse(&s).map(|c| (c.contains(&s), c.to_string()));
            let _ = parse_ip(&s);
        }

        #[test]
        fn v4_display_round_trips_and_contains_network(a in any::<u32>(), p in 0u8..=32) {
            let s = format!("{}/{p}", Ipv4Addr::from(a));
            let c = cidr(&s);
            prop_assert_eq!(cidr(&c.to_string()), c);
            prop_assert!(c.contains(&Ipv4Addr::from(a).to_string()));
        }

        #[test]
        fn v6_display_round_trips_and_contains_network(a in any::<u128>(), p in 0u8..=128) {
            let s = format!("{}/{p}", Ipv6Addr::from(a));
            let c = cidr(&s);
            prop_assert_eq!(cidr(&c.to_string()), c);
            prop_assert!(c.contains(&Ipv6Addr::from(a).to_string()));
        }

        #[test]
        fn v4_contains_matches_prefix_compare(a in any::<u32>(), b in any::<u32>(), p in 0u32..=32) {
            let c = cidr(&format!("{}/{p}", Ipv4Addr::from(a)));
            let expect = p == 0 || (a >> (32 - p)) == (b >> (32 - p));
            prop_assert_eq!(c.contains(&Ipv4Addr::from(b).to_string()), expect);
        }
    }
}
